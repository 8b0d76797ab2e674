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

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes.
const LOG_BREAKS = /[\s\u0000-\u001f\u007f-\u009f]+/g;

/**
 * API text on one line of the log, at most maxLength characters: a line break in it could start a workflow
 * command (`::add-mask::`, `::stop-commands::`), which the runner reads only at the start of a line.
 */
export function logText(text: string, maxLength = 100): string {
  return shortenText(text.replace(LOG_BREAKS, ' ').trim(), maxLength);
}

/** A text cut to maxLength characters, with an ellipsis, without splitting a surrogate pair. */
export function shortenText(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const end = isHighSurrogate(text.charCodeAt(maxLength - 1)) ? maxLength - 1 : maxLength;
  return `${text.slice(0, end)}…`;
}

/**
 * Free text from the model (issue labels, impacts) as it is matched against known words: case, blanks,
 * hyphens and underscores ignored (`Prompt Clarity`, `prompt_clarity`).
 */
export function looseKey(text: string): string {
  return text.replace(/[\s_-]+/g, '').toLowerCase();
}

/**
 * Orders strings by code unit, for a stable order in logs and lists. Not `localeCompare`: its first call
 * loads ICU's collation data, some 10 ms of a run's start-up.
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
