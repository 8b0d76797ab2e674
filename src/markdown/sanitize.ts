/**
 * Text that came from the API is model output, not markup. These helpers make any string harmless
 * in a GitHub comment: it cannot ping anyone, close or cross-reference issues, inject HTML, or break
 * the surrounding table, list or <details> block.
 */

import { isHighSurrogate } from '../model/text.ts';

const ZERO_WIDTH_SPACE = '\u200B';
const ELLIPSIS = '…';

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F]/g;
/** Bidirectional marks, embeddings, overrides and isolates: they can make text read differently than it is. */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const LINE_BREAKS = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/g;
const WHITESPACE_RUNS = /\s+/g;

/**
 * A closing keyword that GitHub could read as "close this issue": followed by a reference, or at the
 * end of the text (where the next piece of the comment could supply one). No word boundary on the
 * left on purpose: breaking a harmless "prefixes #1" costs nothing.
 */
const CLOSING_KEYWORDS =
  /(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)(?=\s*:?\s*(?:$|#|gh-|[\w.-]+\/[\w.-]+#|https?:\/\/))/gi;
/** `#123` and `owner/repo#123`: both create a cross-reference. */
const ISSUE_REFERENCES = /#(?=\d)/g;
/** `GH-123` is GitHub's other issue reference form. */
const GH_REFERENCES = /\b(gh)(?=-\d)/gi;
/**
 * `@user` and `@org/team`. An `@` right after a letter, digit or underscore is no mention for GitHub
 * (`someone@example.com`), so email addresses are left readable; but not a second `@` in the same
 * word: the first one's email autolink ends right before it (`a@b.co@user` renders as
 * `<a>a@b.co</a>@user`), and there it would ping.
 */
const MENTIONS = /(?:(?<![A-Za-z0-9_])|(?<=@\S*?))@(?=[\p{L}\p{N}_-])/gu;

/** Characters that could start Markdown or HTML anywhere in a line. */
const INLINE_SPECIAL = /[\\`*_[\]#!~|$<>&]/g;
const HTML_ENTITIES: Readonly<Record<string, string>> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };
/**
 * Where GFM would start a URL autolink (`scheme://`, `www.`). Backslash escapes do not work inside one:
 * `https://x.test\*` links `https://x.test\` and leaves a live `*`. Escaping the `:` or the `.`
 * keeps the text as it reads but not a link, nor a cross-reference to an issue URL.
 */
const AUTOLINK_STARTS = /:(?=\/\/)|(?<=www)\./gi;
/** What could start a list, a setext underline or a thematic break at the beginning of a line. */
const LEADING_BLOCK_MARKER = /^[-+=]/;
const LEADING_ORDERED_LIST_MARKER = /^(\d+)([.)])/;

/**
 * One line of untrusted text for a table cell or a list item: no newline, pipes escaped,
 * Markdown/HTML neutralised. maxLength truncates with '…' and counts the characters shown, before
 * escaping.
 */
export function inlineText(text: string, maxLength?: number): string {
  if (text.length < CACHED_TEXT_LENGTH) return sanitiseInline(text, maxLength);
  let byLength = sanitisedLongTexts.get(text);
  if (byLength === undefined) {
    byLength = new Map();
    sanitisedLongTexts.set(text, byLength);
  }
  let result = byLength.get(maxLength);
  if (result === undefined) {
    result = sanitiseInline(text, maxLength);
    cachedCharacters += result.length;
    if (cachedCharacters > MAX_CACHED_CHARACTERS) {
      sanitisedLongTexts.clear();
      cachedCharacters = 0;
    }
    byLength.set(maxLength, result);
  }
  return result;
}

/**
 * The report is rendered at several detail levels until it fits, so a long text is sanitised again and again:
 * long ones are kept by text (the key is the string itself, not a copy) and cap, within a bound on memory.
 */
const CACHED_TEXT_LENGTH = 500;
const MAX_CACHED_CHARACTERS = 32 * 1024 * 1024;
const sanitisedLongTexts = new Map<string, Map<number | undefined, string>>();
let cachedCharacters = 0;

function sanitiseInline(text: string, maxLength: number | undefined): string {
  const oneLine = removeInvisible(text).replace(LINE_BREAKS, ' ').replace(WHITESPACE_RUNS, ' ').trim();
  const shortened = truncate(oneLine, maxLength);
  return escapeLeadingBlockMarker(escapeInline(neutraliseReferences(shortened)));
}

/** Untrusted multi-line text as a fenced code block (fence longer than any backtick run inside; info string 'text'). */
export function codeBlock(text: string, maxLength?: number): string {
  const content = truncate(removeInvisible(text).replace(LINE_BREAKS, '\n'), maxLength);
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(content) + 1));
  return `${fence}text\n${content}\n${fence}`;
}

function removeInvisible(text: string): string {
  return text.replace(LONE_SURROGATES, '\uFFFD').replace(CONTROL_CHARACTERS, '').replace(BIDI_CONTROLS, '');
}

/** Truncation happens before escaping, so it can never cut an escape sequence in two. */
function truncate(text: string, maxLength: number | undefined): string {
  if (maxLength === undefined || !(text.length > maxLength)) return text;
  let end = Math.floor(maxLength) - ELLIPSIS.length;
  if (end < 0) return '';
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  return text.slice(0, end).trimEnd() + ELLIPSIS;
}

function neutraliseReferences(text: string): string {
  return text
    .replace(CLOSING_KEYWORDS, (keyword) => keyword.slice(0, 1) + ZERO_WIDTH_SPACE + keyword.slice(1))
    .replace(ISSUE_REFERENCES, `#${ZERO_WIDTH_SPACE}`)
    .replace(GH_REFERENCES, `$1${ZERO_WIDTH_SPACE}`)
    .replace(MENTIONS, `@${ZERO_WIDTH_SPACE}`);
}

function escapeInline(text: string): string {
  return text
    .replace(INLINE_SPECIAL, (character) => HTML_ENTITIES[character] ?? `\\${character}`)
    .replace(AUTOLINK_STARTS, '\\$&');
}

function escapeLeadingBlockMarker(text: string): string {
  if (LEADING_BLOCK_MARKER.test(text)) return `\\${text}`;
  return text.replace(LEADING_ORDERED_LIST_MARKER, '$1\\$2');
}

function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

/** Only http(s) URLs, with every character that could end the link or the table cell percent-encoded. */
export function safeUrl(raw: string | undefined): string | undefined {
  if (!raw || !URL.canParse(raw)) return undefined;
  const url = new URL(raw);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  return url.href
    .replace(
      /[\s()[\]|\\<>"'`{}]/g,
      (character) => `%${character.charCodeAt(0).toString(16).padStart(2, '0')}`,
    )
    .replace(/&/g, '&amp;');
}
