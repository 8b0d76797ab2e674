/**
 * Numbers as people read them: the Devin API's ACU figures are decimals, so they are added as decimals
 * (0.1 + 0.2 is 0.3, not 0.30000000000000004) and written as plain decimals (never `5e+21`, which Mermaid,
 * spreadsheets and readers take for something else).
 */

/** `units / 10^scale`, exactly. */
interface Scaled {
  units: bigint;
  scale: number;
}

/** The number's shortest decimal form (what `String` writes), exactly. */
function scaled(value: number): Scaled {
  const [mantissa = '0', exponent = '0'] = String(value).split('e');
  const [whole = '0', fraction = ''] = mantissa.split('.');
  const scale = fraction.length - Number(exponent);
  const units = BigInt(whole + fraction);
  return scale >= 0 ? { units, scale } : { units: units * 10n ** BigInt(-scale), scale: 0 };
}

function written({ units, scale }: Scaled): string {
  const sign = units < 0n ? '-' : '';
  const digits = (units < 0n ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, '');
  return fraction === '' ? `${sign}${whole}` : `${sign}${whole}.${fraction}`;
}

/** The number without exponent notation (5e+21 as 5000000000000000000000); NaN and Infinity as `String` writes them. */
export function plainDecimal(value: number): string {
  return Number.isFinite(value) ? written(scaled(value)) : String(value);
}

/** The exact sum of the numbers as they are written, as the nearest number; plain addition if one is not finite. */
export function decimalSum(values: readonly number[]): number {
  if (!values.every(Number.isFinite)) return values.reduce((sum, value) => sum + value, 0);
  const parts = values.map(scaled);
  const scale = parts.reduce((most, part) => Math.max(most, part.scale), 0);
  const units = parts.reduce((sum, part) => sum + part.units * 10n ** BigInt(scale - part.scale), 0n);
  return Number(written({ units, scale }));
}
