import type { Settings } from '../action/settings.ts';
import type { DevinApiError } from '../devin/errors.ts';
import { isOutage } from '../devin/errors.ts';
import { ExpectedFailure } from '../model/expected-failure.ts';
import type { Session } from '../model/session.ts';

export interface PullRequestRef {
  owner: string;
  repo: string;
  number: number;
}

export interface FinishedComments {
  /** The sessions of the finished comments, as they are now. */
  sessions: Session[];
  /** The pull requests whose comment was updated. */
  updated: PullRequestRef[];
  /** The pull requests whose comment waits for an analysis but could not be updated (the log says why). */
  unfinished: PullRequestRef[];
  /** The Devin API failure that left them all unfinished, when it was one. */
  devinFailure?: DevinApiError;
}

/**
 * `the comment waiting for an analysis on #8`, or `the comments waiting for an analysis on #8, #9`: for the log.
 * `names` are the pull requests' as the run names them (`#8`, or `acme/shop#8` among several repositories).
 */
export function waitingComments(names: readonly string[]): string {
  const comments = names.length === 1 ? 'the comment' : 'the comments';
  return `${comments} waiting for an analysis on ${names.join(', ')}`;
}

/**
 * Once the period's report is out, what comments left unfinished do to the step. A Devin API failure counts
 * as on a pull request run: an outage fails the step unless if-api-error is warn, any other failure fails it.
 * A comment that GitHub did not take was warned about already and fails nothing, as on a pull request run:
 * if-api-error speaks for the Devin API alone, and the comment keeps its report until the next run.
 */
export function settleUnfinished(
  { unfinished, devinFailure }: FinishedComments,
  name: (pullRequest: PullRequestRef) => string,
  settings: Pick<Settings, 'ifApiError'>,
  warn: (message: string) => void,
): void {
  if (devinFailure === undefined || unfinished.length === 0) return;
  const message = `The period report was written, but ${waitingComments(unfinished.map(name))} could not be finished: ${devinFailure.message}`;
  if (!isOutage(devinFailure)) throw new ExpectedFailure(message);
  if (settings.ifApiError === 'warn') warn(`${message} (if-api-error: warn)`);
  else
    throw new ExpectedFailure(`${message} Set if-api-error: warn to let the step pass during Devin outages.`);
}
