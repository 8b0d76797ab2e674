/** The span a repository report covers, in Unix seconds like the Session model: start inclusive, end exclusive. */
export interface Period {
  start: number;
  end: number;
}

const SECONDS_PER_DAY = 86_400;

/** The `days` days that end at `end` (Unix seconds): what a run with `report-days: days` reads. */
export function periodEndingAt(end: number, days: number): Period {
  return { start: end - days * SECONDS_PER_DAY, end };
}

/** Throws a RangeError naming the problem when the period cannot be reported on. */
export function checkPeriod(period: Period): void {
  if (!Number.isFinite(period.start) || !Number.isFinite(period.end)) {
    throw new RangeError(`The report period needs finite Unix seconds, got ${period.start}..${period.end}.`);
  }
  if (period.end <= period.start) {
    throw new RangeError(`The report period ends (${period.end}) before it starts (${period.start}).`);
  }
}

/** Index of the UTC day that holds this instant (days since 1970-01-01). */
export function utcDayOf(seconds: number): number {
  return Math.floor(seconds / SECONDS_PER_DAY);
}

/** Every UTC day the period touches, as day indexes: the first and last may be partial. */
export function utcDaysOf(period: Period): { first: number; count: number } {
  const first = utcDayOf(period.start);
  return { first, count: utcDayOf(period.end - 1) - first + 1 };
}

/** `YYYY-MM-DD` of a UTC day index. */
export function isoDate(day: number): string {
  return new Date(day * SECONDS_PER_DAY * 1000).toISOString().slice(0, 10);
}
