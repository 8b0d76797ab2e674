import * as core from '@actions/core';
import { type GateRules, labelsNotFound, type Verdict } from './gate.ts';
import type { Session } from './session.ts';
import { logText } from './text.ts';

/** How many of the labels seen the log lists when a configured one matches none. */
const LOGGED_LABELS = 50;

/** What the gate could not read: ACU figures the API left out, and configured labels no issue carries. */
export function logUncheckedData(sessions: readonly Session[], rules: GateRules, verdict: Verdict): void {
  for (const id of verdict.acusUncheckedSessionIds) {
    core.warning(`max-acus could not check session ${logText(id)}: the Devin API gave no ACU figure for it.`);
  }
  const { missing, seen } = labelsNotFound(sessions, rules);
  if (missing.length > 0 && sessions.some((session) => session.analysis !== null)) {
    const shown = seen.slice(0, LOGGED_LABELS).map((label) => logText(label));
    const more = seen.length > LOGGED_LABELS ? ` and ${seen.length - LOGGED_LABELS} more` : '';
    core.info(
      `fail-on-labels: no issue is labelled ${missing.join(', ')}; the labels of this run: ${shown.join(', ') || 'none'}${more}.`,
    );
  }
}

/** The verdict as the step's result: failed, a notice for an accepted failure, a warning, or passed. */
export function applyVerdict(verdict: Verdict, rules: GateRules): void {
  const reasons = verdict.reasons.join('; ');
  switch (verdict.outcome) {
    case 'fail':
      core.setFailed(`Devin session insights gate failed: ${reasons}.`);
      return;
    case 'accepted':
      core.notice(
        `Devin session insights gate failed, accepted by the label '${verdict.acceptedBy}': ${reasons}.`,
      );
      return;
    case 'warn':
      core.warning(
        rules.warnOnly
          ? `Devin session insights gate failed (warn-only): ${reasons}.`
          : `Devin session insights: ${reasons}.`,
      );
      return;
    default:
      core.info('Devin session insights gate passed.');
  }
}
