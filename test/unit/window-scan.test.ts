import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CreatedRange,
  createdRanges,
  SCAN_CONCURRENCY,
  sliceCount,
} from '../../src/devin/window-scan.ts';

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
        fc.integer({ min: 2, max: SCAN_CONCURRENCY }),
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

describe('sliceCount', () => {
  it('slices only a window worth it, and never more than are read at once', () => {
    expect(sliceCount(400, 200)).toBe(1);
    expect(sliceCount(1_000, 200)).toBe(2);
    expect(sliceCount(10_000, 200)).toBe(SCAN_CONCURRENCY);
    expect(sliceCount(undefined, 200)).toBe(SCAN_CONCURRENCY);
  });
});
