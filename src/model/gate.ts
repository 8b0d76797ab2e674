import {
  acusText,
  gateImpactLevel,
  hasSettled,
  IMPACT_ORDER,
  type ImpactLevel,
  type Issue,
  type Session,
  sumAcus,
} from './session.ts';
import { compareCodeUnits, countOf, looseKey } from './text.ts';

export interface GateRules {
  /** Labels as configured (lower-cased); `*` matches any issue. Compared by looseKey. */
  failOnLabels: readonly string[];
  failOnImpact?: ImpactLevel;
  maxAcus?: number;
  warnOnly: boolean;
  ifNoSession: 'ignore' | 'warn' | 'fail';
  /** A pull request label that accepts a failed gate. */
  overrideLabel?: string;
  /** What a `pending` verdict does to the step. */
  ifUnchecked: 'pass' | 'fail';
}

type IssueRule = 'fail-on-labels' | 'fail-on-impact';
/** The inputs a failed gate can name as its cause. */
export type GateRule = IssueRule | 'max-acus' | 'if-no-session';

export interface FailingIssue {
  sessionId: string;
  issue: Issue;
  /** Every rule it trips, in the order of the inputs. */
  rules: IssueRule[];
}

/**
 * `pending`: no rule trips so far, but some session is not checked yet (no analysis; for max-acus, still
 * working or no ACU figure).
 */
type GateOutcome = 'pass' | 'fail' | 'warn' | 'accepted' | 'pending';

export interface Verdict {
  outcome: GateOutcome;
  /** One sentence per tripped rule; empty when the gate passes cleanly. */
  reasons: string[];
  /** The rules behind the reasons, in the same order. */
  trippedRules: GateRule[];
  failingIssues: FailingIssue[];
  /** Sessions whose issues could not be checked because their analysis is not there. */
  unanalysedSessionIds: string[];
  /** Sessions that max-acus could not check because the API gave no ACU figure for them. */
  acusUncheckedSessionIds: string[];
  /**
   * Sessions not checked yet, oldest first: without analysis (whatever the rules), or, with max-acus, still
   * working or without an ACU figure. What keeps a verdict without failures `pending`.
   */
  uncheckedSessionIds: string[];
  /** The override label on the pull request that accepted the failure (outcome `accepted`). */
  acceptedBy?: string;
}

function rulesTripped(issue: Issue, rules: GateRules): IssueRule[] {
  const tripped: IssueRule[] = [];
  const label = looseKey(issue.label);
  if (rules.failOnLabels.some((wanted) => wanted === '*' || looseKey(wanted) === label)) {
    tripped.push('fail-on-labels');
  }
  if (
    rules.failOnImpact !== undefined &&
    IMPACT_ORDER.indexOf(gateImpactLevel(issue.impact)) >= IMPACT_ORDER.indexOf(rules.failOnImpact)
  ) {
    tripped.push('fail-on-impact');
  }
  return tripped;
}

/**
 * The verdict on the sessions. `labels` are the pull request's own: with `override-label` among them a failed
 * gate is `accepted`, whatever `warn-only` says, as the label is the more specific decision.
 */
export function evaluateGate(
  sessions: readonly Session[],
  rules: GateRules,
  labels: readonly string[] = [],
): Verdict {
  const tripped = trip(sessions, rules);
  if (tripped.outcome !== 'fail') return tripped;
  const override = rules.overrideLabel?.trim().toLowerCase();
  const acceptedBy = override ? labels.find((label) => label.trim().toLowerCase() === override) : undefined;
  if (acceptedBy !== undefined) return { ...tripped, outcome: 'accepted', acceptedBy };
  return rules.warnOnly ? { ...tripped, outcome: 'warn' } : tripped;
}

function trip(sessions: readonly Session[], rules: GateRules): Verdict {
  const reasons: string[] = [];
  const trippedRules: GateRule[] = [];
  const failingIssues: FailingIssue[] = [];

  if (sessions.length === 0) {
    const verdict = {
      reasons,
      trippedRules,
      failingIssues,
      unanalysedSessionIds: [],
      acusUncheckedSessionIds: [],
      uncheckedSessionIds: [],
    };
    if (rules.ifNoSession === 'ignore') return { outcome: 'pass', ...verdict };
    reasons.push('no Devin session references this pull request (if-no-session)');
    trippedRules.push('if-no-session');
    return { outcome: rules.ifNoSession === 'warn' ? 'warn' : 'fail', ...verdict };
  }

  for (const session of sessions) {
    for (const issue of session.analysis?.issues ?? []) {
      const tripped = rulesTripped(issue, rules);
      if (tripped.length > 0) failingIssues.push({ sessionId: session.id, issue, rules: tripped });
    }
  }
  const trippedBy = (rule: IssueRule) => failingIssues.filter((failing) => failing.rules.includes(rule));
  const byLabel = trippedBy('fail-on-labels');
  const byImpact = trippedBy('fail-on-impact');
  if (byLabel.length > 0) {
    const labels = [...new Set(byLabel.map((failing) => failing.issue.label))].join(', ');
    reasons.push(`${countOf(byLabel.length, 'issue')} labelled ${labels} (fail-on-labels)`);
    trippedRules.push('fail-on-labels');
  }
  if (byImpact.length > 0) {
    reasons.push(
      `${countOf(byImpact.length, 'issue')} of ${rules.failOnImpact} impact or above (fail-on-impact)`,
    );
    trippedRules.push('fail-on-impact');
  }

  // A missing figure only adds to the known sum: over the limit without it is over with it.
  const { acus, unknown } = sumAcus(sessions);
  const overAcus = rules.maxAcus !== undefined && acus > rules.maxAcus;
  if (overAcus) {
    const atLeast = unknown.length > 0 ? 'at least ' : '';
    reasons.push(
      `${atLeast}${acusText(acus, rules.maxAcus)} ACUs consumed, more than the ${rules.maxAcus} allowed (max-acus)`,
    );
    trippedRules.push('max-acus');
  }
  const acusUncheckedSessionIds = rules.maxAcus !== undefined && !overAcus ? unknown : [];

  const unanalysedSessionIds = sessions
    .filter((session) => session.analysis === null)
    .map((session) => session.id);
  const uncheckedSessionIds = uncheckedSessions(sessions, rules, overAcus).map((session) => session.id);
  const outcome: GateOutcome =
    reasons.length > 0 ? 'fail' : uncheckedSessionIds.length > 0 ? 'pending' : 'pass';
  return {
    outcome,
    reasons,
    trippedRules,
    failingIssues,
    unanalysedSessionIds,
    acusUncheckedSessionIds,
    uncheckedSessionIds,
  };
}

/**
 * The sessions not checked yet: without analysis (their issues unknown, whatever the rules say of them now);
 * and while max-acus is set and not yet exceeded, still working (their ACUs still grow) or without an ACU
 * figure.
 */
function uncheckedSessions(sessions: readonly Session[], rules: GateRules, overAcus: boolean): Session[] {
  const checksAcus = rules.maxAcus !== undefined && !overAcus;
  return sessions.filter(
    (session) =>
      session.analysis === null || (checksAcus && (session.acus === undefined || !hasSettled(session))),
  );
}

/** The configured labels that no issue of the run carries, and the labels the issues do carry. */
export function labelsNotFound(
  sessions: readonly Session[],
  rules: Pick<GateRules, 'failOnLabels'>,
): { missing: string[]; seen: string[] } {
  const seen = [
    ...new Set(
      sessions.flatMap((session) => session.analysis?.issues.map((issue) => issue.label.trim()) ?? []),
    ),
  ].filter(Boolean);
  const seenKeys = new Set(seen.map(looseKey));
  const missing = rules.failOnLabels.filter((label) => label !== '*' && !seenKeys.has(looseKey(label)));
  return { missing, seen: seen.sort(compareCodeUnits) };
}
