import type { GateRules, Verdict } from '../model/gate.ts';
import { countOf, logText } from '../model/text.ts';
import type { CommitStatus } from './commit-status.ts';
import { STATUS_DESCRIPTION_LIMIT } from './limits.ts';

/**
 * The verdict as a commit status: `pending` while a session is unchecked, `success` on a pass and on a failure
 * that the step lets pass (accepted by the label, warn-only), `failure` otherwise; the description says which.
 */
export function verdictStatus(
  verdict: Verdict,
  rules: Pick<GateRules, 'warnOnly' | 'ifUnchecked'>,
  sessionCount: number,
  targetUrl: string | undefined,
): CommitStatus {
  const reasons = verdict.reasons.join('; ');
  const status = (state: CommitStatus['state'], text: string): CommitStatus => ({
    state,
    description: logText(text, STATUS_DESCRIPTION_LIMIT - 1),
    targetUrl,
  });
  switch (verdict.outcome) {
    case 'pass':
      return status(
        'success',
        sessionCount === 0
          ? 'Passed: no Devin session on this pull request'
          : `Passed: ${countOf(sessionCount, 'Devin session')} checked`,
      );
    case 'pending': {
      const unchecked = `${countOf(verdict.uncheckedSessionIds.length, 'session')} not checked yet`;
      return status(
        'pending',
        rules.ifUnchecked === 'fail' && rules.warnOnly
          ? `Pending (warn-only): ${unchecked}`
          : `Pending: ${unchecked}`,
      );
    }
    case 'accepted':
      return status('success', `Failed, accepted by the label “${verdict.acceptedBy ?? ''}”: ${reasons}`);
    case 'warn':
      return status(
        'success',
        rules.warnOnly ? `Failed, passed as warn-only: ${reasons}` : `Warning: ${reasons}`,
      );
    case 'fail':
      return status('failure', `Failed: ${reasons}`);
    default:
      return status('error', `Unknown verdict ${String(verdict.outcome)}`);
  }
}

/** The status of a run that could not read the Devin API: `error` when the step fails, else a pass that says so. */
export function unreadStatus(stepFails: boolean, cause: string, targetUrl: string | undefined): CommitStatus {
  return stepFails
    ? {
        state: 'error',
        description: logText(`Not checked: ${cause}`, STATUS_DESCRIPTION_LIMIT - 1),
        targetUrl,
      }
    : {
        state: 'success',
        description: logText(
          `Not checked, passed as if-api-error is warn: ${cause}`,
          STATUS_DESCRIPTION_LIMIT - 1,
        ),
        targetUrl,
      };
}
