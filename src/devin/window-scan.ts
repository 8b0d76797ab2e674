/**
 * The window scan in slices over `created_at`, which never changes: a session updated while the window is
 * read stays in its slice, so no slice boundary can make it missed or read twice.
 */

import { API_CONCURRENCY } from '../util/concurrency.ts';

/** Slices read at once. */
export const SCAN_CONCURRENCY = API_CONCURRENCY;

/** A slice sized below two pages on average costs more in extra short pages than it saves in waiting. */
const MIN_PAGES_PER_SLICE = 2;

export interface CreatedRange {
  created_after?: number;
  created_before?: number;
}

/**
 * How many slices the rest of the window is worth, once its first page is read. Without a total (the
 * documents allow leaving it out) the window may be any size, so it gets the full concurrency.
 */
export function sliceCount(total: number | undefined, pageSize: number): number {
  if (total === undefined) return SCAN_CONCURRENCY;
  const pagesLeft = Math.ceil(total / pageSize) - 1;
  return Math.max(1, Math.min(SCAN_CONCURRENCY, Math.floor(pagesLeft / MIN_PAGES_PER_SLICE)));
}

/**
 * `count` ranges of `created_at` that together hold every session: the first open below, the last open
 * above, the boundaries spread evenly between `from` and `to` (where the window's sessions were created).
 * Neighbours overlap by a second, so that every session is in one whether the API reads the bounds as
 * inclusive or exclusive; a session in both is kept once.
 */
export function createdRanges(from: number, to: number, count: number): CreatedRange[] {
  const span = Math.max(0, to - from);
  const boundaries = [
    ...new Set(
      Array.from({ length: count - 1 }, (_, index) => from + Math.round(((index + 1) * span) / count)),
    ),
  ];
  return [...boundaries, undefined].map((boundary, index) => {
    const previous = boundaries[index - 1];
    return {
      created_after: previous === undefined ? undefined : previous - 1,
      created_before: boundary,
    };
  });
}
