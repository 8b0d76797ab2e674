import { type Issue, impactLevel, type Session } from '../model/session.ts';
import { compareCodeUnits, looseKey } from '../model/text.ts';
import { memoized } from '../util/memoize.ts';
import type { ImpactCounts, LabelCount } from './model.ts';

/** Issues by label and by impact, and in how many sessions each label came back. */
export class IssueTally {
  readonly byImpact: ImpactCounts = emptyImpactCounts();
  readonly #labels = new Map<string, LabelCount & { lastSession?: Session }>();
  // Labels group as the gate matches them; few distinct ones come back many times: fold each text once.
  readonly #labelKey = memoized(looseKey);
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
      .sort((a, b) => b.total - a.total || b.sessions - a.sessions || compareCodeUnits(a.label, b.label));
  }
}

function emptyImpactCounts(): ImpactCounts {
  return { critical: 0, high: 0, medium: 0, low: 0, other: 0 };
}
