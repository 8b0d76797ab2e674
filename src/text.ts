/** Small text helpers that every layer shares. */

/** `1 issue`, `2 issues`; `many` for nouns whose plural is not `one` + s. */
export function countOf(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** A non-negative decimal number, blanks around it allowed (`10`, ` 2.5 `). */
export const DECIMAL_NUMBER = /^\s*\d+(\.\d+)?\s*$/;

/** Whether cutting a string right after this UTF-16 code unit would split a surrogate pair. */
export function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
