import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalSum, plainDecimal } from '../../src/model/decimal.ts';

describe('plainDecimal', () => {
  it.each([
    [5e21, '5000000000000000000000'],
    [1.25e22, '12500000000000000000000'],
    [-5e21, '-5000000000000000000000'],
    [1e-7, '0.0000001'],
    [-1.5e-7, '-0.00000015'],
    [0.1, '0.1'],
    [12.5, '12.5'],
    [0, '0'],
    [-0, '0'],
    [Number.NaN, 'NaN'],
  ])('writes %d as %s', (value, text) => {
    expect(plainDecimal(value)).toBe(text);
  });

  it('writes every finite number as a plain decimal that reads back as the same number', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        const text = plainDecimal(value);
        expect(text).toMatch(/^-?\d+(\.\d+)?$/);
        expect(Number(text)).toBe(value === 0 ? 0 : value);
      }),
    );
  });
});

describe('decimalSum', () => {
  it('adds the numbers as they are written', () => {
    expect(decimalSum([0.1, 0.2])).toBe(0.3);
    expect(decimalSum([0.1, 0.2, 0.3])).toBe(0.6);
    expect(decimalSum([25.002, 25.002])).toBe(50.004);
    expect(decimalSum([1e-7, 5e21])).toBe(5e21);
    expect(decimalSum([])).toBe(0);
  });

  it('adds as plain numbers do once one is not finite, whatever came before or after it', () => {
    expect(decimalSum([0.1, Number.POSITIVE_INFINITY, 0.2])).toBe(Number.POSITIVE_INFINITY);
    expect(decimalSum([Number.NEGATIVE_INFINITY, 3])).toBe(Number.NEGATIVE_INFINITY);
    expect(decimalSum([Number.POSITIVE_INFINITY, 1, Number.NEGATIVE_INFINITY])).toBeNaN();
    expect(decimalSum([2, Number.NaN])).toBeNaN();
  });

  it('keeps a total of figures with more decimals than the earlier ones exact', () => {
    expect(decimalSum([1, 0.5, 0.25, 0.125, 1e-9])).toBe(1.875000001);
    expect(decimalSum([0.000001, 1e21, -1e21])).toBe(0.000001);
  });

  it('is the nearest number to the exact sum of hundredths', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000_000 })), (cents) => {
        const exact = cents.reduce((sum, value) => sum + value, 0);
        expect(decimalSum(cents.map((value) => value / 100))).toBe(Number(`${exact}e-2`));
      }),
    );
  });
});
