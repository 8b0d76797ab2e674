import { describe, expect, it } from 'vitest';
import { DevinApiError } from '../../src/devin/errors.ts';
import { PagingGuard, plausibleTotal } from '../../src/devin/paging.ts';

const ENDPOINT = 'GET /v3/enterprise/sessions/insights';

/** Counts full pages of 200 until the guard stops the listing; the answered total is the same on each. */
function pagesUntilStopped(total: number | undefined, limit: number): number {
  const guard = new PagingGuard(ENDPOINT, 200);
  for (let page = 1; page <= limit; page++) {
    try {
      guard.page(total, 200);
    } catch (error) {
      expect(error).toBeInstanceOf(DevinApiError);
      return page;
    }
  }
  return Number.POSITIVE_INFINITY;
}

describe('plausibleTotal', () => {
  it('keeps a total at least the items read, and counts a smaller one as none given', () => {
    expect(plausibleTotal(500, 200)).toBe(500);
    expect(plausibleTotal(200, 200)).toBe(200);
    expect(plausibleTotal(0, 0)).toBe(0);
    expect(plausibleTotal(0, 200)).toBeUndefined();
    expect(plausibleTotal(150, 200)).toBeUndefined();
    expect(plausibleTotal(undefined, 200)).toBeUndefined();
  });
});

describe('PagingGuard', () => {
  it('bounds the pages by a plausible total: twice its pages, plus two', () => {
    expect(pagesUntilStopped(1_000, 100)).toBe(13);
  });

  it('reads on past a total smaller than the first page, as if the API gave none', () => {
    expect(pagesUntilStopped(0, 100)).toBe(Number.POSITIVE_INFINITY);
    expect(pagesUntilStopped(150, 100)).toBe(Number.POSITIVE_INFINITY);
    expect(pagesUntilStopped(undefined, 100)).toBe(Number.POSITIVE_INFINITY);
  });
});
