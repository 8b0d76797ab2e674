import * as core from '@actions/core';
import type { DevinApiError } from './devin/errors.ts';
import type { CommentPublisher } from './github/comment.ts';
import { publishApiError } from './outputs.ts';
import { isoTime, link } from './report/format.ts';
import { inlineText } from './report/sanitize.ts';
import type { Settings } from './settings.ts';

interface FailureContext {
  now: () => number;
  runUrl?: string;
  settings: Pick<Settings, 'comment' | 'ifApiError'>;
}

/**
 * The Devin API could not be read for a pull request. The comment keeps its last report under a note, the job
 * summary and every output say so (`gate: error`), and the step fails unless `if-api-error: warn` (or
 * `warn-only`).
 */
export async function reportApiFailure(
  error: DevinApiError,
  { comment, ...context }: FailureContext & { comment: CommentPublisher },
): Promise<void> {
  const at = isoTime(new Date(context.now()));
  const run = context.runUrl ? link('this run', context.runUrl) : 'this run';
  const annotated =
    context.settings.comment === 'never'
      ? undefined
      : await comment.annotate(
          `⚠️ At ${at}, ${run} could not read the Devin API (${inlineText(describeCause(error))}), so the gate was not checked. The report below is from an earlier run.`,
        );
  await publishFailure(error, context, {
    headline: '⚠️ **Gate not checked**: the Devin API could not be read.',
    warnOutcome: 'The step passes with a warning, as if-api-error is warn (or warn-only is true).',
    failOutcome:
      'The step fails, as if-api-error is fail; set if-api-error: warn to let pull requests merge during a Devin outage.',
    commentUrl: annotated?.url,
  });
  const message = `Could not read the Devin API, so the gate was not checked: ${error.message}`;
  if (context.settings.ifApiError === 'warn') core.warning(`${message} (if-api-error: warn)`);
  else core.setFailed(`${message} Set if-api-error: warn to let the step pass during Devin outages.`);
}

/**
 * The Devin API could not be read for a repository's period report: the job summary and every output say so
 * (`gate: error`), and the step fails unless `if-api-error: warn` (or `warn-only`).
 */
export async function reportPeriodApiFailure(error: DevinApiError, context: FailureContext): Promise<void> {
  await publishFailure(error, context, {
    headline: '⚠️ **No period report**: the Devin API could not be read.',
    warnOutcome: 'The step passes with a warning, as if-api-error is warn (or warn-only is true).',
    failOutcome: 'The step fails, as if-api-error is fail.',
  });
  if (context.settings.ifApiError === 'warn') {
    core.warning(`${error.message} No period report was made (if-api-error: warn).`);
  } else {
    core.setFailed(
      `${error.message} No period report was made; set if-api-error: warn to let the step pass during Devin outages.`,
    );
  }
}

async function publishFailure(
  error: DevinApiError,
  context: FailureContext,
  wording: { headline: string; warnOutcome: string; failOutcome: string; commentUrl?: string },
): Promise<void> {
  const at = isoTime(new Date(context.now()));
  const outcome = context.settings.ifApiError === 'warn' ? wording.warnOutcome : wording.failOutcome;
  await publishApiError(
    [
      '### Devin session insights',
      wording.headline,
      `> ${inlineText(error.message)}`,
      `${outcome} Re-run the job once the Devin API answers again.`,
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
