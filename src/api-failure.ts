import * as core from '@actions/core';
import type { DevinApiError } from './devin/errors.ts';
import type { CommentPublisher } from './github/comment.ts';
import { publishApiError } from './outputs.ts';
import type { ReportContext } from './report/build.ts';
import { isoTime, link } from './report/format.ts';
import { inlineText } from './report/sanitize.ts';
import type { Settings } from './settings.ts';

interface FailureContext {
  comment: CommentPublisher;
  context: ReportContext;
  settings: Settings;
}

/**
 * The Devin API could not be read. The comment keeps its last report under a note, the job summary and every
 * output say so (`gate: error`), and the step fails unless `if-api-error: warn` (or `warn-only`).
 */
export async function reportApiFailure(
  error: DevinApiError,
  { comment, context, settings }: FailureContext,
): Promise<void> {
  const at = isoTime(new Date(context.now()));
  const run = context.runUrl ? link('this run', context.runUrl) : 'this run';
  const annotated =
    settings.comment === 'never'
      ? undefined
      : await comment.annotate(
          `⚠️ At ${at}, ${run} could not read the Devin API (${inlineText(describeCause(error))}), so the gate was not checked. The report below is from an earlier run.`,
        );
  const warn = settings.ifApiError === 'warn';
  const outcome = warn
    ? 'The step passes with a warning, as if-api-error is warn (or warn-only is true).'
    : 'The step fails, as if-api-error is fail; set if-api-error: warn to let pull requests merge during a Devin outage.';
  await publishApiError(
    [
      '### Devin session insights',
      '⚠️ **Gate not checked**: the Devin API could not be read.',
      `> ${inlineText(error.message)}`,
      `${outcome} Re-run the job once the Devin API answers again.`,
      `<sub>${at}${context.runUrl ? ` · ${link('workflow run', context.runUrl)}` : ''}</sub>`,
    ].join('\n\n'),
    error,
    annotated?.url,
  );
  const message = `Could not read the Devin API, so the gate was not checked: ${error.message}`;
  if (warn) core.warning(`${message} (if-api-error: warn)`);
  else core.setFailed(`${message} Set if-api-error: warn to let the step pass during Devin outages.`);
}

function describeCause(error: DevinApiError): string {
  return error.status === undefined
    ? `no answer from ${error.endpoint}`
    : `${error.status} from ${error.endpoint}`;
}
