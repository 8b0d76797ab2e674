import * as core from '@actions/core';
import { reportFileBase, setOutputs } from '../action/outputs.ts';
import { JOB_SUMMARY_LIMIT_BYTES } from '../github/limits.ts';
import { inlineText } from '../markdown/sanitize.ts';
import { plainDecimal } from '../model/decimal.ts';
import { largestSize } from '../model/session.ts';
import { commentNotes } from '../period/comment-notes.ts';
import { csvLines } from '../period/csv.ts';
import { fitPeriodSummary } from '../period/fit.ts';
import { pullRequestJson, runReportJsonWith } from '../period/json.ts';
import type { RepositorySection, RunReport } from '../period/model.ts';
import { fitRunSummaryParts } from '../period/run-summary.ts';
import { jsonTexts, MappedArray, writeTexts } from './report-files.ts';

/** Room left in the job summary for the lines written around the report. */
const SUMMARY_MARGIN_BYTES = 4096;

/**
 * The report to the job summary, the `report` JSON file, the `report-csv` file and the outputs. Over one
 * repository the summary is that repository's; over several, the run's totals and a row per repository
 * first, then each repository's details.
 */
export async function publishRunReport(run: RunReport): Promise<void> {
  const base = reportFileBase();
  const files = { report: `${base}.json`, reportCsv: `${base}.csv` };
  await writeTexts(
    files.report,
    jsonTexts(runReportJsonWith(run, (pullRequests) => new MappedArray(pullRequests, pullRequestJson))),
  );
  await writeTexts(files.reportCsv, csvLines(run.whole));

  const { totals } = run.whole;
  setOutputs(
    {
      matched: totals.sessions > 0,
      // The period's ids can run into the hundreds of thousands: the report file lists them per pull request.
      'session-ids': [],
      'session-size': largestSize(run.whole.pullRequests) ?? '',
      // Empty rather than a sum that leaves a session out, as on a pull request: an understated cost is no total.
      acus: totals.acusUnknownSessions > 0 ? '' : plainDecimal(totals.acus),
      'issue-count': totals.issues,
      'action-item-count': totals.actionItems,
      'failing-issues': [],
      gate: 'skipped',
      'comment-url': '',
    },
    files,
  );

  if (process.env.GITHUB_STEP_SUMMARY) {
    const limit = JOB_SUMMARY_LIMIT_BYTES - SUMMARY_MARGIN_BYTES;
    const whereTheRestIs = 'the report file (output report)';
    const [single] = run.repositories.length === 1 ? run.repositories : [];
    const fitted = single
      ? {
          ...fitPeriodSummary(single.report, limit, whereTheRestIs),
          notes: singleRepositoryNotes(run, single),
        }
      : fitRunSummaryParts(run, limit, whereTheRestIs);
    if (fitted.omitted.length > 0) core.info(`Job summary shortened: left out ${fitted.omitted.join(', ')}.`);
    if ('parts' in fitted) {
      // Written a part at a time: over many repositories the summary is a megabyte of text.
      for (const part of fitted.parts) await core.summary.addRaw(part).write();
    } else {
      const summary = core.summary.addRaw(fitted.markdown, true);
      for (const note of fitted.notes) summary.addRaw(note, true);
      await summary.write();
    }
  }
}

/** Under a single repository's summary, as before there were several: its comments, then what GitHub refused. */
function singleRepositoryNotes(run: RunReport, section: RepositorySection): string[] {
  const named = (numbers: readonly number[]) => numbers.map((number) => `#${number}`);
  return [
    ...commentNotes({
      updated: named(section.comments.updated),
      unfinished: named(section.comments.unfinished),
    }),
    ...[...run.problems, ...section.problems].map((problem) => `⚠️ ${inlineText(problem)}`),
  ];
}
