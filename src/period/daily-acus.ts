import { CLOCK_SKEW_SECONDS } from '../model/clock.ts';
import { DecimalTotal } from '../model/decimal.ts';
import { roundAcus, type Session } from '../model/session.ts';
import type { DayAcus } from './model.ts';
import { type Period, utcDayOf, utcDaysOf } from './span.ts';

/**
 * ACUs per UTC day, by the session's updatedAt rather than createdAt: the scan reads the sessions
 * updated in the period, so every one of them falls on a day of the chart (a session created before
 * the period and still working would not), and ACUs accrue until the last update.
 */
export class DailyAcus {
  readonly #period: Period;
  readonly #first: number;
  /** Each day's ACUs, added as decimals. */
  readonly #perDay: DecimalTotal[];
  readonly #outside = new DecimalTotal();
  #outsideSessions = 0;

  constructor(period: Period) {
    const days = utcDaysOf(period);
    this.#period = period;
    this.#first = days.first;
    this.#perDay = Array.from({ length: days.count }, () => new DecimalTotal());
  }

  add(session: Session): void {
    const { updatedAt, acus } = session;
    if (updatedAt >= this.#period.start && updatedAt < this.#period.end + CLOCK_SKEW_SECONDS) {
      const day = Math.min(utcDayOf(updatedAt) - this.#first, this.#perDay.length - 1);
      if (acus !== undefined) this.#perDay[day]?.add(acus);
    } else {
      this.#outsideSessions += 1;
      if (acus !== undefined) this.#outside.add(acus);
    }
  }

  days(): DayAcus[] {
    return this.#perDay.map((acus, index) => ({
      day: (this.#first + index) * 86_400,
      acus: roundAcus(acus.value),
    }));
  }

  outside(): { sessions: number; acus: number } {
    return { sessions: this.#outsideSessions, acus: roundAcus(this.#outside.value) };
  }
}
