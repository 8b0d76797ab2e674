import { JOB_OUTPUTS_LIMIT_BYTES } from '../github/limits.ts';

/**
 * GitHub caps the outputs of a job at 1 MB in all. The step keeps all its outputs together under this many
 * bytes (UTF-8, names included), so that a job can pass every one of them on; the report file keeps all.
 */
export const OUTPUTS_BUDGET_BYTES = JOB_OUTPUTS_LIMIT_BYTES;

/** When a list does not fit whole, the texts of its entries are first cut to this many characters. */
export const SHORTENED_ENTRY_LENGTH = 1_000;

export interface FittedList {
  /** Valid JSON: an array of the first `kept` entries. */
  json: string;
  kept: number;
  /** Whether the entries' texts were cut. */
  shortened: boolean;
}

/**
 * The longest prefix of `items` whose JSON array takes at most `budget` bytes: the whole list when it fits,
 * else with each entry shortened by `shorten` (when given), as many entries as then fit.
 */
export function fitJsonList<T>(items: readonly T[], budget: number, shorten?: (item: T) => T): FittedList {
  const whole = prefixWithin(items, budget);
  if (whole.kept === items.length || !shorten) return { ...whole, shortened: false };
  return { ...prefixWithin(items.map(shorten), budget), shortened: true };
}

/** Each entry is serialised once; the array's size is the sum of its entries, the commas and the brackets. */
function prefixWithin<T>(items: readonly T[], budget: number): Omit<FittedList, 'shortened'> {
  const parts: string[] = [];
  let bytes = 2;
  for (const item of items) {
    const part = JSON.stringify(item);
    const added = Buffer.byteLength(part) + (parts.length > 0 ? 1 : 0);
    if (bytes + added > budget) break;
    parts.push(part);
    bytes += added;
  }
  return { json: `[${parts.join(',')}]`, kept: parts.length };
}
