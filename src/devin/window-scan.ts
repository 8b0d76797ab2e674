/**
 * The window scan in slices over `created_at`, which never changes: a session updated while the window is
 * read stays in its slice, so no slice boundary can make it missed or read twice. Slices are read
 * API_CONCURRENCY at a time.
 */

import { API_CONCURRENCY } from '../util/concurrency.ts';

/**
 * A window of up to this many pages is read page after page: slices would each end on a short page and read
 * the first page again, costing more requests than the few round trips they save.
 */
const SEQUENTIAL_PAGES = 8;

/** Beyond SEQUENTIAL_PAGES, a slice per this many pages, up to API_CONCURRENCY. */
const PAGES_PER_SLICE = 4;

export interface CreatedRange {
  created_after?: number;
  created_before?: number;
}

/** What the first page of a window showed: enough to tell how many pages the whole window holds. */
export interface FirstPage {
  /** The listing's total, when it gave a plausible one. */
  total?: number;
  /** The `updated_at` of each of its items (Unix seconds). */
  updatedAts: readonly number[];
  /** Where the window begins (Unix seconds): its `updated_after`. */
  since: number;
}

/**
 * How many pages the window holds, from its first page: the total when the listing gives one; otherwise how
 * much of the window the first page covers (a page of the last hour of a week is one of about 168). Undefined
 * when the page tells nothing (every item updated in the same second).
 */
export function estimatedPages(first: FirstPage, pageSize: number): number | undefined {
  if (first.total !== undefined) return Math.ceil(first.total / pageSize);
  if (first.updatedAts.length === 0) return undefined;
  const newest = Math.max(first.since, ...first.updatedAts);
  const oldest = Math.max(first.since, Math.min(...first.updatedAts));
  if (newest <= oldest) return undefined;
  const pages = ((newest - first.since) / (newest - oldest)) * (first.updatedAts.length / pageSize);
  // A first page that announces more is at least one of two.
  return Math.max(2, Math.ceil(pages));
}

/**
 * How many slices the rest of the window is worth, once its first page is read: one (the window read on, page
 * after page) for a window of a few pages, up to API_CONCURRENCY for a large one, and the full concurrency
 * when the first page tells nothing of the size.
 */
export function sliceCount(pages: number | undefined): number {
  if (pages === undefined) return API_CONCURRENCY;
  if (pages <= SEQUENTIAL_PAGES) return 1;
  return Math.min(API_CONCURRENCY, Math.floor(pages / PAGES_PER_SLICE));
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
