import { SHORT_TEXT_LENGTH } from '../markdown/format.ts';
import { inlineText } from '../markdown/sanitize.ts';
import type { GateRules, Verdict } from '../model/gate.ts';
import type { PullRequest } from '../model/pull-request.ts';
import { type GenerateMode, impactLevel, type ReportedSession, sumAcus } from '../model/session.ts';
import { countOf } from '../model/text.ts';
import type { PullRequestReport } from './model.ts';

/** How many impacts off the scale the note names; the others are counted. */
const NAMED_IMPACTS = 5;

/** The settings a report speaks of. */
interface ReportSettings {
  gate: GateRules;
  generate: GenerateMode;
  waitTimeoutSeconds: number;
}

export interface PullRequestReportContext {
  pullRequest: PullRequest;
  settings: ReportSettings;
  canGenerate: boolean;
  runUrl?: string;
  now: () => number;
  /** What the search for sessions could not do (a listing that ended early), said in the report. */
  searchNotes?: readonly string[];
  /** When the sessions were last listed for this pull request (Unix seconds). */
  scannedAt?: number;
  /** A listing of the Devin API ended early: what was not listed may hold sessions. */
  listingIncomplete?: boolean;
}

/** The report at this point of the run; the verdict is the one so far while analyses are still awaited. */
export function buildPullRequestReport(
  context: PullRequestReportContext,
  sessions: ReportedSession[],
  verdict?: Verdict,
): PullRequestReport {
  return {
    pullRequest: {
      number: context.pullRequest.number,
      url: context.pullRequest.url,
      merged: context.pullRequest.merged,
    },
    sessions,
    verdict,
    provisional: sessions.some((entry) => entry.insight === 'pending'),
    rules: context.settings.gate,
    readAt: new Date(context.now()),
    notes: notesFor(context, sessions),
    maxAcus: context.settings.gate.maxAcus,
    runUrl: context.runUrl,
    scannedAt: context.scannedAt,
    listingIncomplete: context.listingIncomplete,
  };
}

function notesFor(
  { settings, canGenerate, pullRequest, searchNotes = [] }: PullRequestReportContext,
  sessions: ReportedSession[],
): string[] {
  // A merged pull request gets no further pull_request event: say how to run again.
  const rerun = pullRequest.merged
    ? `re-run this job, or run the workflow by workflow_dispatch with pr-number: ${pullRequest.number}, to show it`
    : 'the next run of this workflow shows it';
  const notes = [...searchNotes];
  const count = (state: ReportedSession['insight']) =>
    sessions.filter((entry) => entry.insight === state).length;
  const timedOut = count('timed-out');
  const missing = count('missing');
  const working = count('working');
  if (working > 0) {
    notes.push(
      `Devin is still working on ${countOf(working, 'session')}; a later run of this workflow (or the scheduled one) asks for the analysis once it stops.`,
    );
  }
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
  notes.push(...dataNotes(settings, sessions));
  return notes;
}

/** What the API left unknown or off the scale, and how the report and the gate treat it. */
function dataNotes(settings: ReportSettings, entries: ReportedSession[]): string[] {
  const notes: string[] = [];
  const sessions = entries.map((entry) => entry.session);
  const { unknown } = sumAcus(sessions);
  if (unknown.length > 0) {
    notes.push(
      `The Devin API gave no ACU figure for ${countOf(unknown.length, 'session')}: shown as unknown, and the total counts only the others.`,
    );
  }
  const offScale = [
    ...new Set(
      sessions.flatMap((session) =>
        (session.analysis?.issues ?? [])
          .filter((issue) => impactLevel(issue.impact) === undefined)
          .map((issue) => issue.impact.trim()),
      ),
    ),
  ];
  if (offScale.length > 0) {
    const named = offScale
      .slice(0, NAMED_IMPACTS)
      .map((impact) => (impact ? `“${inlineText(impact, SHORT_TEXT_LENGTH)}”` : 'an empty one'));
    const more = offScale.length > NAMED_IMPACTS ? ` and ${offScale.length - NAMED_IMPACTS} more` : '';
    const words = named.join(', ') + more;
    const gate = settings.gate.failOnImpact === undefined ? '' : ' and counted as high for fail-on-impact';
    notes.push(
      `Issue impact ${words} is not on the scale (critical, high, medium, low): listed with the highest${gate}.`,
    );
  }
  return notes;
}
