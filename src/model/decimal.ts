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
  const total = new DecimalTotal();
  for (const value of values) total.add(value);
  return total.value;
}

/**
 * decimalSum kept as the numbers come, without holding them: a period's total over a hundred thousand sessions
 * is one exact figure, not a hundred thousand waiting to be added.
 */
export class DecimalTotal {
  #units = 0n;
  #scale = 0;
  /** The plain sum of the numbers that are not finite, if any came: NaN or an infinity is the total then. */
  #notFinite: number | undefined;

  add(value: number): void {
    if (!Number.isFinite(value)) {
      this.#notFinite = (this.#notFinite ?? 0) + value;
      return;
    }
    const part = scaled(value);
    if (part.scale > this.#scale) {
      this.#units *= 10n ** BigInt(part.scale - this.#scale);
      this.#scale = part.scale;
    }
    this.#units += part.units * 10n ** BigInt(this.#scale - part.scale);
  }

  /** The total, as the nearest number. */
  get value(): number {
    return this.#notFinite ?? Number(written({ units: this.#units, scale: this.#scale }));
  }
}
