import { DevinApiError } from './errors.ts';

/**
 * Pages a listing may take when it gives no total: a million sessions. A window never holds that many, so
 * reaching it means the server does not advance.
 */
const MAX_PAGES_WITHOUT_TOTAL = 5_000;

/**
 * The listing's total, when it can be one: a total below the items already read (0 on a full page) is
 * wrong, and a wrong total must neither bound the paging nor size the scan, so it counts as none given.
 */
export function plausibleTotal(total: number | undefined, itemsRead: number): number | undefined {
  return total !== undefined && total >= itemsRead ? total : undefined;
}

/** Told when a listing ends before its last page, so that the run says its scan is incomplete. */
export type IncompleteListing = (message: string) => void;

/**
 * Stops a listing that does not advance: a cursor answered twice, a skip that stays put, or more pages
 * than the listing's own total (plus what may be added while it is read) could fill.
 */
export class PagingGuard {
  readonly #endpoint: string;
  readonly #pageSize: number;
  readonly #cursors = new Set<string>();
  #pages = 0;
  #total: number | undefined;
  #maxPages = MAX_PAGES_WITHOUT_TOTAL;

  constructor(endpoint: string, pageSize: number) {
    this.#endpoint = endpoint;
    this.#pageSize = pageSize;
  }

  /** Counts a page of `items` items; the first page's total, when the API gives a plausible one, bounds the rest. */
  page(answeredTotal: number | undefined, items: number): void {
    this.#pages += 1;
    if (this.#pages === 1) {
      this.#total = plausibleTotal(answeredTotal, items);
      // Sessions created or updated while the listing is read may add pages; twice the total is plenty.
      if (this.#total !== undefined) this.#maxPages = 2 * Math.ceil(this.#total / this.#pageSize) + 2;
    }
    if (this.#pages > this.#maxPages) {
      const bound =
        this.#total === undefined ? 'any window holds' : `its total of ${this.#total} sessions fills`;
      this.#stop(`kept announcing more pages after ${this.#pages - 1}, more than ${bound}`);
    }
  }

  /** The cursor of the next page; a cursor answered before means the listing would repeat itself. */
  cursor(cursor: string): string {
    if (this.#cursors.has(cursor))
      this.#stop(`answered the end_cursor of an earlier page again after ${this.#pages} pages`);
    this.#cursors.add(cursor);
    return cursor;
  }

  /** A skip/limit page that is empty while the API says there is more. */
  emptyPageWithMore(skip: number): never {
    return this.#stop(`answered an empty page at skip=${skip} while saying there are more`);
  }

  /** What to say when the API announces more pages but gives no cursor to reach them. */
  incompleteMessage(): string {
    return `The Devin API's listing ${this.#endpoint} said more pages follow but gave no end_cursor for them after ${this.#pages} page(s): the sessions found may be incomplete. Re-run the job later.`;
  }

  #stop(what: string): never {
    throw new DevinApiError(
      `The Devin API's listing ${this.#endpoint} ${what}: its paging does not advance, so the action stopped reading it. Re-run the job later; if it persists, report it to Devin support.`,
      { endpoint: this.#endpoint },
    );
  }
}
