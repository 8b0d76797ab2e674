import { type ActionItem, type Issue, impactLevel, roundAcus, type Session } from '../session.ts';
import type { ActionItemTypeCount, DayAcus, ImpactCounts, LabelCount } from './model.ts';
import { type Period, utcDayOf, utcDaysOf } from './period.ts';

/** Repository setup and knowledge are what a platform team fixes once for everyone, so they come first. */
export const ACTION_ITEM_TYPE_ORDER = [
  'machine_setup',
  'repo_config',
  'knowledge',
  'prompt_improvement',
  'other',
] as const;

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
    if (updatedAt >= this.#period.start && updatedAt < this.#period.end) {
      const day = utcDayOf(updatedAt) - this.#first;
      this.#perDay[day] = (this.#perDay[day] ?? 0) + session.acus;
    } else {
      this.#outsideSessions += 1;
      this.#outsideAcus += session.acus;
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

/** Issues by label and by impact, and in how many sessions each label came back. */
export class IssueTally {
  readonly byImpact: ImpactCounts = emptyImpactCounts();
  readonly #labels = new Map<string, LabelCount & { lastSession?: Session }>();
  // Few distinct labels and impacts come back many times: fold each text once.
  readonly #labelKey = memoized(foldText);
  readonly #level = memoized((impact) => impactLevel(impact) ?? 'other');

  add(session: Session, issue: Issue): void {
    const level = this.#level(issue.impact);
    this.byImpact[level] += 1;
    const key = this.#labelKey(issue.label);
    let count = this.#labels.get(key);
    if (count === undefined) {
      count = { label: issue.label.trim(), total: 0, byImpact: emptyImpactCounts(), sessions: 0 };
      this.#labels.set(key, count);
    }
    count.total += 1;
    count.byImpact[level] += 1;
    // A session's issues arrive together, so remembering the last one counts distinct sessions.
    if (count.lastSession !== session) {
      count.lastSession = session;
      count.sessions += 1;
    }
  }

  /** Most frequent first. */
  byLabel(): LabelCount[] {
    return [...this.#labels.values()]
      .map(({ lastSession: _, ...count }) => count)
      .sort((a, b) => b.total - a.total || b.sessions - a.sessions || compareText(a.label, b.label));
  }
}

/** Action items by type, with the most frequent texts of each. */
export class ActionItemTally {
  readonly #types = new Map<string, { total: number; texts: Map<string, { text: string; count: number }> }>();
  readonly #textKey = memoized(foldText);

  add(item: ActionItem): void {
    let group = this.#types.get(item.type);
    if (group === undefined) {
      group = { total: 0, texts: new Map() };
      this.#types.set(item.type, group);
    }
    group.total += 1;
    const key = this.#textKey(item.text);
    const text = group.texts.get(key);
    if (text === undefined) group.texts.set(key, { text: item.text.trim(), count: 1 });
    else text.count += 1;
  }

  /** Known types in ACTION_ITEM_TYPE_ORDER, then newer ones by name; `top` texts per type. */
  byType(top: number): ActionItemTypeCount[] {
    return [...this.#types]
      .map(([type, group]) => {
        const texts = [...group.texts.values()];
        return { type, total: group.total, distinct: texts.length, top: topByCount(texts, top) };
      })
      .sort((a, b) => typeRank(a.type) - typeRank(b.type) || compareText(a.type, b.type));
  }
}

function typeRank(type: string): number {
  const rank = (ACTION_ITEM_TYPE_ORDER as readonly string[]).indexOf(type);
  return rank === -1 ? ACTION_ITEM_TYPE_ORDER.length : rank;
}

/** The `limit` entries of highest count, first seen first among equals, without sorting them all. */
function topByCount<T extends { count: number }>(entries: readonly T[], limit: number): T[] {
  const top: T[] = [];
  for (const entry of entries) {
    if (top.length === limit && (limit === 0 || (top[limit - 1]?.count ?? 0) >= entry.count)) continue;
    let index = top.length;
    while (index > 0 && (top[index - 1]?.count ?? 0) < entry.count) index -= 1;
    top.splice(index, 0, entry);
    if (top.length > limit) top.pop();
  }
  return top;
}

/** Labels and texts are grouped case- and space-insensitively. */
function foldText(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

export function memoized<T>(compute: (text: string) => T): (text: string) => T {
  const known = new Map<string, T>();
  return (text) => {
    if (known.has(text)) return known.get(text) as T;
    const value = compute(text);
    known.set(text, value);
    return value;
  };
}

function emptyImpactCounts(): ImpactCounts {
  return { high: 0, medium: 0, low: 0, other: 0 };
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
