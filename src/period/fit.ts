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
const LADDER: readonly Partial<SummaryOptions>[] = cumulative<SummaryOptions>([
  { actionItemTextLength: 300 },
  { actionItemTextLength: 120 },
  { maxActionItemsPerType: 5 },
  { maxActionItemsPerType: 3 },
  { maxLabels: 30 },
  { maxLabels: 10 },
  { maxActionItemTypes: 20 },
]);

const PLAINEST: Partial<SummaryOptions> = LADDER[LADDER.length - 1] ?? {};

/** The plainest level without a pull request row, a label or an action item type: the last resort that may fit. */
export const BARE: Partial<SummaryOptions> = {
  ...PLAINEST,
  maxPullRequests: 0,
  maxLabels: 0,
  maxActionItemTypes: 0,
};

/**
 * What `fits` makes of the richest level it accepts; failing every level, of the plainest with as many of the
 * `maxRows` pull request rows as it accepts (the most important first). Undefined when it accepts not even the
 * plainest without rows.
 */
export function richestFitting<T>(
  fits: (options: Partial<SummaryOptions>) => T | undefined,
  maxRows: number,
): T | undefined {
  // When even the plainest level is too long with every row, no richer one fits either.
  if (fits(PLAINEST)) {
    for (const options of LADDER) {
      const fitted = fits(options);
      if (fitted) return fitted;
    }
  }
  return largestFitting(maxRows, (maxPullRequests) => fits({ ...PLAINEST, maxPullRequests }));
}

/** The markdown cut to at most `limit` bytes of UTF-8 at its last line end: no character is cut in two. */
export function cutAtLastLine(markdown: string, limit: number): string {
  const bytes = Buffer.from(markdown).subarray(0, limit);
  return bytes.subarray(0, bytes.lastIndexOf(0x0a) + 1).toString();
}

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
  return richestFitting(fits, report.pullRequests.length) ?? fits(BARE);
}

/** The last resort for absurd limits: the plainest rendering, cut at the last line end within the limit. */
function cutToLimit(report: PeriodReport, limit: number, whereTheRestIs: string | undefined): FittedSummary {
  const options = { maxPullRequests: 0, maxLabels: 0, maxActionItemTypes: 0, whereTheRestIs };
  return {
    markdown: cutAtLastLine(renderPeriodSummary(report, options), limit),
    omitted: [...describeSummaryOmissions(report, options), 'the end of the summary'],
  };
}
