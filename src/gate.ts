import {
  acusText,
  gateImpactLevel,
  IMPACT_ORDER,
  type ImpactLevel,
  type Issue,
  type Session,
  sumAcus,
} from './session.ts';
import { countOf } from './text.ts';

export interface GateRules {
  /** Labels as configured (lower-cased); `*` matches any issue. Compared by labelKey. */
  failOnLabels: readonly string[];
  failOnImpact?: ImpactLevel;
  maxAcus?: number;
  warnOnly: boolean;
  ifNoSession: 'ignore' | 'warn' | 'fail';
}

export interface FailingIssue {
  sessionId: string;
  issue: Issue;
  /** Which rule it tripped, for the comment and the log. */
  rule: 'fail-on-labels' | 'fail-on-impact';
}

type GateOutcome = 'pass' | 'fail' | 'warn';

export interface Verdict {
  outcome: GateOutcome;
  /** One sentence per tripped rule; empty when the gate passes cleanly. */
  reasons: string[];
  failingIssues: FailingIssue[];
  /** Sessions whose issues could not be checked because their analysis is not there. */
  unanalysedSessionIds: string[];
  /** Sessions that max-acus could not check because the API gave no ACU figure for them. */
  acusUncheckedSessionIds?: string[];
}

/** Labels are free text (`Prompt Clarity`): compared ignoring case, spaces, hyphens and underscores. */
function labelKey(label: string): string {
  return label.replace(/[\s_-]+/g, '').toLowerCase();
}

function issueTrips(issue: Issue, rules: GateRules): FailingIssue['rule'] | undefined {
  const label = labelKey(issue.label);
  if (rules.failOnLabels.some((wanted) => wanted === '*' || labelKey(wanted) === label))
    return 'fail-on-labels';
  if (
    rules.failOnImpact !== undefined &&
    IMPACT_ORDER.indexOf(gateImpactLevel(issue.impact)) >= IMPACT_ORDER.indexOf(rules.failOnImpact)
  ) {
    return 'fail-on-impact';
  }
  return undefined;
}

export function evaluateGate(sessions: readonly Session[], rules: GateRules): Verdict {
  const reasons: string[] = [];
  const failingIssues: FailingIssue[] = [];

  if (sessions.length === 0) {
    if (rules.ifNoSession === 'ignore') {
      return {
        outcome: 'pass',
        reasons: [],
        failingIssues,
        unanalysedSessionIds: [],
        acusUncheckedSessionIds: [],
      };
    }
    const reason = 'no Devin session references this pull request (if-no-session)';
    if (rules.ifNoSession === 'warn')
      return {
        outcome: 'warn',
        reasons: [reason],
        failingIssues,
        unanalysedSessionIds: [],
        acusUncheckedSessionIds: [],
      };
    return {
      outcome: rules.warnOnly ? 'warn' : 'fail',
      reasons: [reason],
      failingIssues,
      unanalysedSessionIds: [],
      acusUncheckedSessionIds: [],
    };
  }

  for (const session of sessions) {
    for (const issue of session.analysis?.issues ?? []) {
      const rule = issueTrips(issue, rules);
      if (rule) failingIssues.push({ sessionId: session.id, issue, rule });
    }
  }
  const byLabel = failingIssues.filter((failing) => failing.rule === 'fail-on-labels');
  const byImpact = failingIssues.filter((failing) => failing.rule === 'fail-on-impact');
  if (byLabel.length > 0) {
    const labels = [...new Set(byLabel.map((failing) => failing.issue.label))].join(', ');
    reasons.push(`${countOf(byLabel.length, 'issue')} labelled ${labels} (fail-on-labels)`);
  }
  if (byImpact.length > 0) {
    reasons.push(
      `${countOf(byImpact.length, 'issue')} of ${rules.failOnImpact} impact or above (fail-on-impact)`,
    );
  }

  // A missing figure only adds to the known sum: over the limit without it is over with it.
  const { acus, unknown } = sumAcus(sessions);
  const overAcus = rules.maxAcus !== undefined && acus > rules.maxAcus;
  if (rules.maxAcus !== undefined && overAcus) {
    const atLeast = unknown.length > 0 ? 'at least ' : '';
    reasons.push(
      `${atLeast}${acusText(acus, rules.maxAcus)} ACUs consumed, more than the ${rules.maxAcus} allowed (max-acus)`,
    );
  }
  const acusUncheckedSessionIds = rules.maxAcus !== undefined && !overAcus ? unknown : [];

  const unanalysedSessionIds = sessions
    .filter((session) => session.analysis === null)
    .map((session) => session.id);
  const outcome: GateOutcome = reasons.length > 0 ? (rules.warnOnly ? 'warn' : 'fail') : 'pass';
  return { outcome, reasons, failingIssues, unanalysedSessionIds, acusUncheckedSessionIds };
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
  const seenKeys = new Set(seen.map(labelKey));
  const missing = rules.failOnLabels.filter((label) => label !== '*' && !seenKeys.has(labelKey(label)));
  return { missing, seen: seen.sort((a, b) => a.localeCompare(b)) };
}
