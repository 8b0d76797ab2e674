import * as core from '@actions/core';
import { type GateRules, labelsNotFound, type Verdict } from '../model/gate.ts';
import type { Session } from '../model/session.ts';
import { countOf, logText } from '../model/text.ts';

/** How many of the labels seen the log lists when a configured one matches none. */
const LOGGED_LABELS = 50;
/** The most of the reasons a verdict's annotation quotes; the comment and the report file have them all. */
const ANNOTATION_REASONS_LENGTH = 1_000;
/** How many unchecked sessions the verdict's line names; the others are counted. */
const LOGGED_SESSIONS = 20;

/** What the gate could not read: ACU figures the API left out, and configured labels no issue carries. */
export function logUncheckedData(
  sessions: readonly Session[],
  rules: GateRules,
  verdict: Verdict,
  warn: (message: string) => void,
): void {
  const noAcus = verdict.acusUncheckedSessionIds;
  if (noAcus.length > 0) {
    const named = noAcus.slice(0, LOGGED_SESSIONS).map((id) => logText(id));
    const more = noAcus.length > LOGGED_SESSIONS ? ` and ${noAcus.length - LOGGED_SESSIONS} more` : '';
    warn(
      `max-acus could not check ${countOf(noAcus.length, 'session')}, as the Devin API gave no ACU figure: ${named.join(', ')}${more}.`,
    );
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

/** The verdict as the step's result: failed, a notice for an accepted failure or a pending gate, a warning, or passed. */
export function applyVerdict(verdict: Verdict, rules: GateRules): void {
  // The reasons quote issue labels from the API: one line, and short enough for an annotation.
  const reasons = logText(verdict.reasons.join('; '), ANNOTATION_REASONS_LENGTH);
  switch (verdict.outcome) {
    case 'fail':
      core.setFailed(`Devin session insights gate failed: ${reasons}.`);
      return;
    case 'accepted':
      core.notice(
        `Devin session insights gate failed, accepted by the label '${logText(verdict.acceptedBy ?? '')}': ${reasons}.`,
      );
      return;
    case 'warn':
      core.warning(
        rules.warnOnly
          ? `Devin session insights gate failed (warn-only): ${reasons}.`
          : `Devin session insights: ${reasons}.`,
      );
      return;
    case 'pending': {
      const message = `Devin session insights gate pending: nothing fails so far, but ${uncheckedList(verdict.uncheckedSessionIds)}`;
      if (rules.ifUnchecked === 'pass') core.notice(`${message}.`);
      else if (rules.warnOnly) core.warning(`${message} (if-unchecked: fail, warn-only).`);
      else core.setFailed(`${message} (if-unchecked: fail).`);
      return;
    }
    default:
      core.info('Devin session insights gate passed.');
  }
}

/** `2 sessions not checked yet: a, b`, naming the first LOGGED_SESSIONS. */
function uncheckedList(ids: readonly string[]): string {
  const named = ids.slice(0, LOGGED_SESSIONS).map((id) => logText(id));
  const more = ids.length > LOGGED_SESSIONS ? ` and ${ids.length - LOGGED_SESSIONS} more` : '';
  return `${countOf(ids.length, 'session')} not checked yet: ${named.join(', ')}${more}`;
}
