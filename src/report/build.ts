import type { Verdict } from '../gate.ts';
import type { PullRequest } from '../pull-request.ts';
import type { ReportedSession } from '../session.ts';
import type { Settings } from '../settings.ts';
import { countOf } from '../text.ts';
import type { Report } from './report.ts';

export interface ReportContext {
  pullRequest: PullRequest;
  settings: Settings;
  canGenerate: boolean;
  runUrl?: string;
  now: () => number;
}

/** The report at this point of the run; the verdict is the one so far while analyses are still awaited. */
export function buildReport(context: ReportContext, sessions: ReportedSession[], verdict?: Verdict): Report {
  return {
    pullRequest: { number: context.pullRequest.number, url: context.pullRequest.url },
    sessions,
    verdict,
    provisional: sessions.some((entry) => entry.insight === 'pending'),
    rules: context.settings.gate,
    readAt: new Date(context.now()),
    notes: notesFor(context, sessions),
    runUrl: context.runUrl,
  };
}

function notesFor(
  { settings, canGenerate, pullRequest }: ReportContext,
  sessions: ReportedSession[],
): string[] {
  // A merged pull request gets no further pull_request event: say how to run again.
  const rerun = pullRequest.merged
    ? `re-run this job, or run the workflow by workflow_dispatch with pr-number: ${pullRequest.number}, to show it`
    : 'the next run of this workflow shows it';
  const notes: string[] = [];
  const count = (state: ReportedSession['insight']) =>
    sessions.filter((entry) => entry.insight === state).length;
  const timedOut = count('timed-out');
  const missing = count('missing');
  if (timedOut > 0) {
    notes.push(
      `Devin had not finished analysing ${countOf(timedOut, 'session')} after ${settings.waitTimeoutSeconds} s; ${rerun}.`,
    );
  }
  if (missing > 0) {
    const subject = countOf(missing, 'session has', 'sessions have');
    notes.push(
      !canGenerate
        ? `${subject} no analysis, and this Devin API cannot start one: generate insights in Devin, then re-run.`
        : settings.generate !== 'never'
          ? `${subject} no analysis, and Devin could not be asked for one (the workflow log says why); re-run to try again.`
          : `${subject} no analysis, and generate is never: generate insights in Devin or set generate: auto.`,
    );
  }
  return notes;
}
