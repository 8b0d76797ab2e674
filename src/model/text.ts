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
/** Where a workflow command could start: `::` (`::warning::`, `::add-mask::`) and the older `##[`. */
const COMMAND_STARTS = /:(?=:)|#(?=#\[)/g;
const ZERO_WIDTH_SPACE = '\u200B';

/**
 * Text from an API (or a pull request) on one line of the log, at most maxLength characters. The runner reads
 * a workflow command (`::add-mask::`, `::stop-commands::`, `::warning title=…::`, `##[…]`) at the start of a
 * line: line breaks become spaces, and a zero-width space between the characters of `::` and `##[` keeps the
 * text readable while no line can start such a command, wherever the text ends up in it.
 */
export function logText(text: string, maxLength = 100): string {
  const oneLine = text.replace(LOG_BREAKS, ' ').trim();
  return shortenText(oneLine.replace(COMMAND_STARTS, `$&${ZERO_WIDTH_SPACE}`), maxLength);
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

/** Text as it is grouped: case and runs of whitespace ignored (action items that say the same thing). */
export function foldText(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}
