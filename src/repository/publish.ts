import { writeFile } from 'node:fs/promises';
import * as core from '@actions/core';
import { reportFileBase, setOutputs } from '../action/outputs.ts';
import { plainDecimal } from '../model/decimal.ts';
import { largestSize } from '../model/session.ts';
import { periodReportCsv } from './csv.ts';
import { fitPeriodSummary, JOB_SUMMARY_LIMIT_BYTES } from './fit.ts';
import { periodReportJson } from './json.ts';
import type { PeriodReport } from './model.ts';

/** Room left in the job summary for the lines written around the report. */
const SUMMARY_MARGIN_BYTES = 4096;

/** The period report to the job summary, the `report` JSON file, the `report-csv` file and the outputs. */
export async function publishPeriodReport(report: PeriodReport, notes: readonly string[]): Promise<void> {
  const base = reportFileBase();
  const files = { report: `${base}.json`, reportCsv: `${base}.csv` };
  await writeFile(files.report, `${JSON.stringify(periodReportJson(report), null, 2)}\n`);
  await writeFile(files.reportCsv, periodReportCsv(report));

  const { totals } = report;
  setOutputs(
    {
      matched: totals.sessions > 0,
      // The period's ids can run into the hundreds of thousands: the report file lists them per pull request.
      'session-ids': [],
      'session-size': largestSize(report.pullRequests) ?? '',
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
    const fitted = fitPeriodSummary(
      report,
      JOB_SUMMARY_LIMIT_BYTES - SUMMARY_MARGIN_BYTES,
      'the report file (output report)',
    );
    if (fitted.omitted.length > 0) core.info(`Job summary shortened: left out ${fitted.omitted.join(', ')}.`);
    const summary = core.summary.addRaw(fitted.markdown, true);
    for (const note of notes) summary.addRaw(note, true);
    await summary.write();
  }
}
