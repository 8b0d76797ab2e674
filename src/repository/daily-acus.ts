import { CLOCK_SKEW_SECONDS } from '../devin/matching.ts';
import { decimalSum } from '../model/decimal.ts';
import { roundAcus, type Session } from '../model/session.ts';
import type { DayAcus } from './model.ts';
import { type Period, utcDayOf, utcDaysOf } from './period.ts';

/**
 * ACUs per UTC day, by the session's updatedAt rather than createdAt: the scan reads the sessions
 * updated in the period, so every one of them falls on a day of the chart (a session created before
 * the period and still working would not), and ACUs accrue until the last update.
 */
export class DailyAcus {
  readonly #period: Period;
  readonly #first: number;
  readonly #perDay: number[];
  #outsideSessions = 0;
  #outsideAcus = 0;

  constructor(period: Period) {
    const days = utcDaysOf(period);
    this.#period = period;
    this.#first = days.first;
    this.#perDay = new Array<number>(days.count).fill(0);
  }

  add(session: Session): void {
    const { updatedAt } = session;
    if (updatedAt >= this.#period.start && updatedAt < this.#period.end + CLOCK_SKEW_SECONDS) {
      const day = Math.min(utcDayOf(updatedAt) - this.#first, this.#perDay.length - 1);
      this.#perDay[day] = decimalSum([this.#perDay[day] ?? 0, session.acus ?? 0]);
    } else {
      this.#outsideSessions += 1;
      this.#outsideAcus = decimalSum([this.#outsideAcus, session.acus ?? 0]);
    }
  }

  days(): DayAcus[] {
    return this.#perDay.map((acus, index) => ({
      day: (this.#first + index) * 86_400,
      acus: roundAcus(acus),
    }));
  }

  outside(): { sessions: number; acus: number } {
    return { sessions: this.#outsideSessions, acus: roundAcus(this.#outsideAcus) };
  }
}
