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
  /** What the search for sessions could not do (a listing that ended early), said in the report. */
  searchNotes?: readonly string[];
}

/** The report at this point of the run; without a verdict while analyses are still awaited. */
export function buildReport(context: ReportContext, sessions: ReportedSession[], verdict?: Verdict): Report {
  return {
    pullRequest: { number: context.pullRequest.number, url: context.pullRequest.url },
    sessions,
    verdict,
    readAt: new Date(context.now()),
    notes: notesFor(context, sessions),
    runUrl: context.runUrl,
  };
}

function notesFor(
  { settings, canGenerate, searchNotes = [] }: ReportContext,
  sessions: ReportedSession[],
): string[] {
  const notes = [...searchNotes];
  const count = (state: ReportedSession['insight']) =>
    sessions.filter((entry) => entry.insight === state).length;
  const timedOut = count('timed-out');
  const missing = count('missing');
  if (timedOut > 0) {
    notes.push(
      `Devin had not finished analysing ${countOf(timedOut, 'session')} after ${settings.waitTimeoutSeconds} s; the next run of this workflow shows the analysis.`,
    );
  }
  if (missing > 0) {
    const subject = countOf(missing, 'session has', 'sessions have');
    notes.push(
      !canGenerate
        ? `${subject} no analysis, and this Devin API cannot start one: generate insights in Devin, then re-run.`
        : settings.generate
          ? `${subject} no analysis, and Devin could not be asked for one (the workflow log says why); re-run to try again.`
          : `${subject} no analysis, and generate is false: generate insights in Devin or set generate: true.`,
    );
  }
  return notes;
}
