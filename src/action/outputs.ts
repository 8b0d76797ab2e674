import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '@actions/core';
import { fitPullRequestReport } from '../comment/fit.ts';
import type { PullRequestReport } from '../comment/model.ts';
import { JOB_SUMMARY_LIMIT_BYTES } from '../github/limits.ts';
import { inlineText } from '../markdown/sanitize.ts';
import { acusText, largestSize, sumAcus } from '../model/session.ts';
import { shortenText } from '../model/text.ts';
import {
  type FittedList,
  fitJsonList,
  OUTPUTS_BUDGET_BYTES,
  SHORTENED_ENTRY_LENGTH,
} from './output-budget.ts';

/**
 * GitHub drops job summaries over 1 MiB. fitPullRequestReport counts UTF-16 code units, and none takes more than three
 * bytes in UTF-8, so a third of the limit in characters always fits.
 */
const SUMMARY_LIMIT_CHARACTERS = Math.floor(JOB_SUMMARY_LIMIT_BYTES / 3);

/**
 * The `gate` output: the verdict's outcome, `skipped` for a run with nothing to report on, or `error` when
 * the Devin API could not be read.
 */
type GateOutput = NonNullable<PullRequestReport['verdict']>['outcome'] | 'skipped' | 'error';

/** The figures of a report, as typed values; the outputs are their string forms. */
function factsOf(
  report: Pick<PullRequestReport, 'sessions' | 'verdict' | 'maxAcus'>,
  commentUrl: string | undefined,
) {
  const sessions = report.sessions.map((entry) => entry.session);
  const analyses = sessions.flatMap((session) => (session.analysis ? [session.analysis] : []));
  const total = sumAcus(sessions);
  return {
    matched: sessions.length > 0,
    'session-ids': sessions.map((session) => session.id),
    'session-size': largestSize(sessions) ?? '',
    // Empty rather than a sum that leaves a session out: an understated cost must not pass for the total.
    acus: total.unknown.length > 0 ? '' : acusText(total.acus, report.maxAcus),
    'issue-count': analyses.reduce((sum, analysis) => sum + analysis.issues.length, 0),
    'action-item-count': analyses.reduce((sum, analysis) => sum + analysis.actionItems.length, 0),
    'failing-issues': (report.verdict?.failingIssues ?? []).map(({ sessionId, issue, rules }) => ({
      session_id: sessionId,
      rule: rules[0],
      rules,
      ...issue,
    })),
    gate: (report.verdict?.outcome ?? 'pass') as GateOutput,
    'comment-url': commentUrl ?? '',
  };
}

/** Figures that a run which could not read the Devin API does not know: written empty, never as 0. */
type Unknowable = 'matched' | 'session-size' | 'acus' | 'issue-count' | 'action-item-count';
export type OutputFacts = Omit<ReturnType<typeof factsOf>, Unknowable> & Record<Unknowable, unknown>;

/** The report files' path without its extension: in RUNNER_TEMP (or the system's), a new name per run. */
export function reportFileBase(): string {
  return join(process.env.RUNNER_TEMP || tmpdir(), `devin-session-insights-${randomUUID()}`);
}

/** Outputs, the job summary and the report file. */
export async function publishOutputs(
  report: PullRequestReport,
  commentUrl: string | undefined,
): Promise<void> {
  const facts = factsOf(report, commentUrl);
  const reportPath = `${reportFileBase()}.json`;
  const acusUnknown = sumAcus(report.sessions.map((entry) => entry.session)).unknown;
  await writeFile(
    reportPath,
    `${JSON.stringify({ ...facts, 'acus-unknown': acusUnknown, ...report }, null, 2)}\n`,
  );
  setOutputs(facts, { report: reportPath });
  if (process.env.GITHUB_STEP_SUMMARY) {
    await core.summary
      .addRaw(
        fitPullRequestReport(report, SUMMARY_LIMIT_CHARACTERS, 'the report file (output report)').markdown,
        true,
      )
      .write();
  }
}

/**
 * Every output, for a run that could not read the Devin API: the figures it could not read are empty rather
 * than 0; the summary and the report file say what failed.
 */
export async function publishApiError(
  summary: string,
  error: { message: string; endpoint: string; status?: number },
  commentUrl: string | undefined,
): Promise<void> {
  const unknown: Record<Unknowable, ''> = {
    matched: '',
    'session-size': '',
    acus: '',
    'issue-count': '',
    'action-item-count': '',
  };
  const facts = { ...factsOf({ sessions: [] }, commentUrl), ...unknown, gate: 'error' as const };
  const reportPath = `${reportFileBase()}.json`;
  await writeFile(
    reportPath,
    `${JSON.stringify({ ...facts, error: { message: error.message, endpoint: error.endpoint, status: error.status } }, null, 2)}\n`,
  );
  setOutputs(facts, { report: reportPath });
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(summary, true).write();
}

/**
 * Every output and a job summary for a run that ended before it could read the Devin API (an invalid input, a
 * pull request GitHub would not give): `gate: error`, the figures it could not read empty.
 */
export async function publishStepFailure(message: string): Promise<void> {
  await publishApiError(
    [
      '### Devin session insights',
      '⚠️ **Gate not checked**: the run failed before it read the Devin API.',
      `> ${inlineText(message)}`,
    ].join('\n\n'),
    { message, endpoint: '' },
    undefined,
  );
}

/** Every output set for a run that had nothing to report on. */
export function publishSkipped(): void {
  setOutputs({ ...factsOf({ sessions: [] }, undefined), gate: 'skipped' }, { report: '' });
}

/** Every output, the JSON lists cut where needed to keep all of them within OUTPUTS_BUDGET_BYTES. */
export function setOutputs(facts: OutputFacts, files: { report: string; reportCsv?: string }): void {
  const { values, cuts } = fitOutputs(facts, files);
  for (const cut of cuts) core.warning(cut);
  for (const [name, value] of values) core.setOutput(name, value);
}

/** The value of every output, all within OUTPUTS_BUDGET_BYTES, and a warning for each list that was cut. */
export function fitOutputs(
  facts: OutputFacts,
  files: { report: string; reportCsv?: string },
): { values: Map<string, string>; cuts: string[] } {
  const { 'session-ids': sessionIdList, 'failing-issues': failingList, ...scalars } = facts;
  const values = new Map<string, string>();
  for (const [name, value] of Object.entries({
    ...scalars,
    report: files.report,
    'report-csv': files.reportCsv ?? '',
  }))
    values.set(name, String(value));
  let left = OUTPUTS_BUDGET_BYTES;
  for (const [name, value] of values) left -= Buffer.byteLength(name) + Buffer.byteLength(value);
  left -= Buffer.byteLength('session-ids') + Buffer.byteLength('failing-issues');

  const sessionIds = fitJsonList(sessionIdList, left);
  const failingIssues = fitJsonList(failingList, left - Buffer.byteLength(sessionIds.json), (issue) => ({
    ...issue,
    text: shortenText(issue.text, SHORTENED_ENTRY_LENGTH),
  }));
  values.set('session-ids', sessionIds.json);
  values.set('failing-issues', failingIssues.json);
  const cuts = [
    cutWarning('session-ids', sessionIds, sessionIdList.length, 'session ids'),
    cutWarning(
      'failing-issues',
      failingIssues,
      failingList.length,
      'failing issues',
      `their texts cut to ${SHORTENED_ENTRY_LENGTH} characters`,
    ),
  ].filter((cut) => cut !== undefined);
  return { values, cuts };
}

function cutWarning(
  output: string,
  fitted: FittedList,
  total: number,
  what: string,
  shortening?: string,
): string | undefined {
  if (fitted.kept === total && !fitted.shortened) return undefined;
  const texts = fitted.shortened && shortening ? `, ${shortening}` : '';
  return `The ${output} output holds ${fitted.kept} of the ${total} ${what}${texts}, to keep the step's outputs within GitHub's 1 MB limit; the report file (output report) has them all.`;
}
