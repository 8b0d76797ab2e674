import * as core from '@actions/core';
import { type DevinApiError, isOutage } from '../devin/errors.ts';
import type { CommentPublisher } from '../github/comment.ts';
import type { CommitStatus } from '../github/commit-status.ts';
import { unreadStatus } from '../github/verdict-status.ts';
import { isoTime, link } from '../markdown/format.ts';
import { inlineText } from '../markdown/sanitize.ts';
import { publishApiError } from './outputs.ts';
import type { Settings } from './settings.ts';

interface FailureContext {
  now: () => number;
  runUrl?: string;
  settings: Pick<Settings, 'comment' | 'ifApiError'>;
}

/**
 * Whether the step passes although the Devin API could not be read: only for an outage, and only under
 * `if-api-error: warn` (or `warn-only`). A configuration error fails it whatever the setting.
 */
function passesDespite(error: DevinApiError, settings: Pick<Settings, 'ifApiError'>): boolean {
  return isOutage(error) && settings.ifApiError === 'warn';
}

/** What the step does about the failure, for the summary. */
function outcomeOf(error: DevinApiError, settings: Pick<Settings, 'ifApiError'>): string {
  if (!isOutage(error))
    return "The step fails: this is not an outage but the workflow's setup (the key, its permissions, devin-org-id or devin-api-url), which if-api-error: warn does not cover. Fix it as the message says, then re-run the job.";
  return settings.ifApiError === 'warn'
    ? 'The step passes with a warning, as if-api-error is warn (or warn-only is true). Re-run the job once the Devin API answers again.'
    : 'The step fails, as if-api-error is fail; set if-api-error: warn to let pull requests merge during a Devin outage. Re-run the job once the Devin API answers again.';
}

/**
 * The Devin API could not be read for a pull request. The comment keeps its last report under a note, the job
 * summary, every output (`gate: error`) and the commit status say so, and the step fails unless the API is
 * down and `if-api-error` is `warn` (or `warn-only`).
 */
export async function reportApiFailure(
  error: DevinApiError,
  {
    comment,
    setStatus,
    ...context
  }: FailureContext & {
    comment: CommentPublisher;
    setStatus?: (status: CommitStatus) => Promise<unknown>;
  },
): Promise<void> {
  const at = isoTime(new Date(context.now()));
  const run = context.runUrl ? link('this run', context.runUrl) : 'this run';
  const passes = passesDespite(error, context.settings);
  const annotated =
    context.settings.comment === 'never'
      ? undefined
      : await comment.annotate(
          `⚠️ At ${at}, ${run} could not read the Devin API (${inlineText(describeCause(error))}), so the gate was not checked. The report below is from an earlier run.`,
        );
  await setStatus?.(unreadStatus(!passes, describeCause(error), annotated?.url ?? context.runUrl));
  await publishFailure(error, context, {
    headline: '⚠️ **Gate not checked**: the Devin API could not be read.',
    commentUrl: annotated?.url,
  });
  const message = `Could not read the Devin API, so the gate was not checked: ${error.message}`;
  if (passes) core.warning(`${message} (if-api-error: warn)`);
  else if (isOutage(error))
    core.setFailed(`${message} Set if-api-error: warn to let the step pass during Devin outages.`);
  else core.setFailed(message);
}

/**
 * The Devin API could not be read for a repository's period report: the job summary and every output say so
 * (`gate: error`), and the step fails unless the API is down and `if-api-error` is `warn` (or `warn-only`).
 */
export async function reportPeriodApiFailure(error: DevinApiError, context: FailureContext): Promise<void> {
  await publishFailure(error, context, {
    headline: '⚠️ **No period report**: the Devin API could not be read.',
  });
  if (passesDespite(error, context.settings)) {
    core.warning(`${error.message} No period report was made (if-api-error: warn).`);
  } else if (isOutage(error)) {
    core.setFailed(
      `${error.message} No period report was made; set if-api-error: warn to let the step pass during Devin outages.`,
    );
  } else {
    core.setFailed(`${error.message} No period report was made.`);
  }
}

async function publishFailure(
  error: DevinApiError,
  context: FailureContext,
  wording: { headline: string; commentUrl?: string },
): Promise<void> {
  const at = isoTime(new Date(context.now()));
  await publishApiError(
    [
      '### Devin session insights',
      wording.headline,
      `> ${inlineText(error.message)}`,
      outcomeOf(error, context.settings),
      `<sub>${at}${context.runUrl ? ` · ${link('workflow run', context.runUrl)}` : ''}</sub>`,
    ].join('\n\n'),
    error,
    wording.commentUrl,
  );
}

function describeCause(error: DevinApiError): string {
  return error.status === undefined
    ? `no answer from ${error.endpoint}`
    : `${error.status} from ${error.endpoint}`;
}
