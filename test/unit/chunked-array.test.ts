import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChunkedArray } from '../../src/util/chunked-array.ts';

describe('ChunkedArray', () => {
  it('reads back what was set, across chunks, and 0 where nothing was', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(100_000), fc.double({ noNaN: true })), { maxLength: 200 }),
        fc.nat(100_000),
        (writes, probe) => {
          const array = new ChunkedArray(Float64Array);
          const expected = new Map<number, number>();
          for (const [index, value] of writes) {
            array.set(index, value);
            expected.set(index, value);
          }
          for (const [index, value] of expected) expect(array.at(index)).toBe(value);
          expect(array.at(probe)).toBe(expected.get(probe) ?? 0);
        },
      ),
    );
  });

  it('keeps the values its element type can hold, as that type does', () => {
    const unsigned = new ChunkedArray(Uint32Array);
    const signed = new ChunkedArray(Int32Array);
    // 16,384 elements of 4 bytes to a chunk: the last of the first chunk and the first of the second.
    for (const index of [16_383, 16_384]) {
      unsigned.set(index, -1);
      signed.set(index, -1);
    }
    expect([unsigned.at(16_383), unsigned.at(16_384)]).toEqual([0xffffffff, 0xffffffff]);
    expect([signed.at(16_383), signed.at(16_384)]).toEqual([-1, -1]);
    expect(signed.at(16_385)).toBe(0);
  });
});
