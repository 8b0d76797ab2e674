import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CreatedRange, createdRanges, estimatedPages, sliceCount } from '../../src/devin/window-scan.ts';
import { API_CONCURRENCY } from '../../src/util/concurrency.ts';

const holds = (range: CreatedRange, createdAt: number, inclusive: boolean) =>
  inclusive
    ? (range.created_after === undefined || createdAt >= range.created_after) &&
      (range.created_before === undefined || createdAt <= range.created_before)
    : (range.created_after === undefined || createdAt > range.created_after) &&
      (range.created_before === undefined || createdAt < range.created_before);

describe('createdRanges', () => {
  it('puts every creation time in a range, whether the API reads the bounds as inclusive or exclusive', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2_000_000_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 2, max: API_CONCURRENCY }),
        fc.integer({ min: -20_000_000, max: 20_000_000 }),
        fc.boolean(),
        (from, span, count, offset, inclusive) => {
          const ranges = createdRanges(from, from + span, count);
          expect(ranges.length).toBeGreaterThanOrEqual(1);
          expect(ranges.length).toBeLessThanOrEqual(count);
          expect(ranges[0]?.created_after).toBeUndefined();
          expect(ranges.at(-1)?.created_before).toBeUndefined();
          const createdAt = from + offset;
          const containing = ranges.filter((range) => holds(range, createdAt, inclusive));
          expect(containing.length).toBeGreaterThanOrEqual(1);
          // Exclusive bounds split without overlap; with inclusive ones a session may be read twice, kept once.
          if (!inclusive) expect(containing).toHaveLength(1);
        },
      ),
    );
  });

  it('spreads the boundaries evenly over the span', () => {
    expect(createdRanges(1_000, 1_800, 4)).toEqual([
      { created_after: undefined, created_before: 1_200 },
      { created_after: 1_199, created_before: 1_400 },
      { created_after: 1_399, created_before: 1_600 },
      { created_after: 1_599, created_before: undefined },
    ]);
  });
});

describe('estimatedPages', () => {
  const since = 1_000_000;
  const page = (from: number, to: number) =>
    Array.from({ length: 200 }, (_, index) => to - Math.round(((to - from) * index) / 199));

  it('takes the total when the listing gives one', () => {
    expect(estimatedPages({ total: 457, updatedAts: page(since, since + 100), since }, 200)).toBe(3);
  });

  it('without a total, scales the page by how much of the window it covers', () => {
    const week = 7 * 86_400;
    // The newest 200 sessions span the last hour of the week: about 168 pages.
    expect(estimatedPages({ updatedAts: page(since + week - 3_600, since + week), since }, 200)).toBe(168);
    // They span half of it: two pages, three at most.
    expect(estimatedPages({ updatedAts: page(since + week / 2, since + week), since }, 200)).toBe(2);
    // A page that covers the whole window, as an order by anything but updated_at would: still two at least.
    expect(estimatedPages({ updatedAts: page(since, since + week), since }, 200)).toBe(2);
  });

  it('tells nothing when every item was updated in the same second', () => {
    expect(estimatedPages({ updatedAts: page(since + 50, since + 50), since }, 200)).toBeUndefined();
    expect(estimatedPages({ updatedAts: [], since }, 200)).toBeUndefined();
  });
});

describe('sliceCount', () => {
  it('reads a window of a few pages on, page after page, and slices only a large one', () => {
    expect(sliceCount(2)).toBe(1);
    expect(sliceCount(5)).toBe(1);
    expect(sliceCount(8)).toBe(1);
    expect(sliceCount(9)).toBe(2);
    expect(sliceCount(22)).toBe(5);
    expect(sliceCount(51)).toBe(API_CONCURRENCY);
    expect(sliceCount(501)).toBe(API_CONCURRENCY);
    expect(sliceCount(undefined)).toBe(API_CONCURRENCY);
  });
});
