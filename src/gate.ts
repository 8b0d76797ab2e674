import {
  IMPACT_ORDER,
  type ImpactLevel,
  type Issue,
  impactLevel,
  roundAcus,
  type Session,
  totalAcus,
} from './session.ts';
import { countOf } from './text.ts';

export interface GateRules {
  /** Lower-cased labels; `*` matches any issue. */
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
}

function issueTrips(issue: Issue, rules: GateRules): FailingIssue['rule'] | undefined {
  const label = issue.label.trim().toLowerCase();
  if (rules.failOnLabels.includes('*') || rules.failOnLabels.includes(label)) return 'fail-on-labels';
  if (rules.failOnImpact !== undefined) {
    const level = impactLevel(issue.impact);
    if (level !== undefined && IMPACT_ORDER.indexOf(level) >= IMPACT_ORDER.indexOf(rules.failOnImpact)) {
      return 'fail-on-impact';
    }
  }
  return undefined;
}

export function evaluateGate(sessions: readonly Session[], rules: GateRules): Verdict {
  const reasons: string[] = [];
  const failingIssues: FailingIssue[] = [];

  if (sessions.length === 0) {
    if (rules.ifNoSession === 'ignore') {
      return { outcome: 'pass', reasons: [], failingIssues, unanalysedSessionIds: [] };
    }
    const reason = 'no Devin session references this pull request (if-no-session)';
    if (rules.ifNoSession === 'warn')
      return { outcome: 'warn', reasons: [reason], failingIssues, unanalysedSessionIds: [] };
    return {
      outcome: rules.warnOnly ? 'warn' : 'fail',
      reasons: [reason],
      failingIssues,
      unanalysedSessionIds: [],
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

  const acus = totalAcus(sessions);
  if (rules.maxAcus !== undefined && acus > rules.maxAcus) {
    reasons.push(`${roundAcus(acus)} ACUs consumed, more than the ${rules.maxAcus} allowed (max-acus)`);
  }

  const unanalysedSessionIds = sessions
    .filter((session) => session.analysis === null)
    .map((session) => session.id);
  const outcome: GateOutcome = reasons.length > 0 ? (rules.warnOnly ? 'warn' : 'fail') : 'pass';
  return { outcome, reasons, failingIssues, unanalysedSessionIds };
}
