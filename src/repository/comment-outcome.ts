import type { Settings } from '../action/settings.ts';
import { isOutage } from '../devin/errors.ts';
import { ExpectedFailure } from '../model/expected-failure.ts';
import { countOf } from '../model/text.ts';
import type { FinishedComments, PullRequestRef } from './pending-comments.ts';

/** Pull requests named in a line of the job summary; the log names them all. */
const LISTED_PULL_REQUESTS = 50;

/**
 * `the comment waiting for an analysis on #8`, or `the comments waiting for an analysis on #8, #9`: for the log.
 * `names` are the pull requests' as the run names them (`#8`, or `acme/shop#8` among several repositories).
 */
export function waitingComments(names: readonly string[]): string {
  const comments = names.length === 1 ? 'the comment' : 'the comments';
  return `${comments} waiting for an analysis on ${names.join(', ')}`;
}

/** The job summary's lines on the comments this run finished, and on those it could not, by their names. */
export function commentNotes({
  updated,
  unfinished,
}: {
  updated: readonly string[];
  unfinished: readonly string[];
}): string[] {
  const notes: string[] = [];
  if (updated.length > 0) {
    notes.push(
      `Updated the comment of ${countOf(updated.length, 'pull request')} that waited for an analysis: ${listed(updated)}.`,
    );
  }
  if (unfinished.length > 0) {
    notes.push(
      `Could not finish the comment of ${countOf(unfinished.length, 'pull request')} that waited for an analysis: ${listed(unfinished)}. The workflow log says why; the next run tries again.`,
    );
  }
  return notes;
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

/** `#1, #2 and 3 more`: at most LISTED_PULL_REQUESTS names. */
function listed(names: readonly string[]): string {
  const shown = names.slice(0, LISTED_PULL_REQUESTS);
  const more = names.length - shown.length;
  return `${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}
