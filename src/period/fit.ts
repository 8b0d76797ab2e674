import { JOB_SUMMARY_LIMIT_BYTES } from '../github/limits.ts';
import { cumulative, largestFitting } from '../util/largest-fitting.ts';
import type { PeriodReport } from './model.ts';
import {
  describeSummaryOmissions,
  periodSummaryBytes,
  renderPeriodSummary,
  type SummaryOptions,
} from './summary.ts';

export interface FittedSummary {
  markdown: string;
  /** Human descriptions of what was left out. */
  omitted: string[];
}

/**
 * Each level leaves out more than the one before, least important parts first: the action item texts,
 * then the rarer labels. The totals, the chart and the issue counts by impact stay at every level; the
 * pull request table is cut last, keeping its most important rows.
 */
export const LADDER: readonly Partial<SummaryOptions>[] = cumulative<SummaryOptions>([
  { actionItemTextLength: 300 },
  { actionItemTextLength: 120 },
  { maxActionItemsPerType: 5 },
  { maxActionItemsPerType: 3 },
  { maxLabels: 30 },
  { maxLabels: 10 },
  { maxActionItemTypes: 20 },
]);

/** The richest summary of at most maxBytes bytes of UTF-8. Never throws; always returns something within the limit. */
export function fitPeriodSummary(
  report: PeriodReport,
  maxBytes: number = JOB_SUMMARY_LIMIT_BYTES,
  whereTheRestIs?: string,
): FittedSummary {
  const limit = Number.isNaN(maxBytes) ? 0 : Math.max(0, Math.floor(maxBytes));
  const options = summaryOptionsWithin(report, limit, whereTheRestIs);
  if (options === undefined) return cutToLimit(report, limit, whereTheRestIs);
  return {
    markdown: renderPeriodSummary(report, { ...options, whereTheRestIs }),
    omitted: describeSummaryOmissions(report, options),
  };
}

/**
 * The richest options whose summary takes at most `limit` bytes, measured without writing it; undefined when not
 * even the plainest does. The pull request table is cut last, keeping as many of its most important rows as fit.
 */
function summaryOptionsWithin(
  report: PeriodReport,
  limit: number,
  whereTheRestIs?: string,
): Partial<SummaryOptions> | undefined {
  const fits = (options: Partial<SummaryOptions>) =>
    periodSummaryBytes(report, { ...options, whereTheRestIs }) <= limit ? options : undefined;
  const last = LADDER[LADDER.length - 1] ?? {};
  // When even the plainest level is too long with every row, no richer one fits either.
  if (fits(last)) {
    for (const options of LADDER) if (fits(options)) return options;
  }
  return (
    largestFitting(report.pullRequests.length, (maxPullRequests) => fits({ ...last, maxPullRequests })) ??
    fits({ ...last, maxPullRequests: 0, maxLabels: 0, maxActionItemTypes: 0 })
  );
}

/** The last resort for absurd limits: the plainest rendering, cut at the last line end within the limit. */
function cutToLimit(report: PeriodReport, limit: number, whereTheRestIs: string | undefined): FittedSummary {
  const options = { maxPullRequests: 0, maxLabels: 0, maxActionItemTypes: 0, whereTheRestIs };
  const bytes = Buffer.from(renderPeriodSummary(report, options)).subarray(0, limit);
  // Only a whole line is kept, so that no character is cut in two.
  const end = bytes.lastIndexOf(0x0a) + 1;
  return {
    markdown: bytes.subarray(0, end).toString(),
    omitted: [...describeSummaryOmissions(report, options), 'the end of the summary'],
  };
}
