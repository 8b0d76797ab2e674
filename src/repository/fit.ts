import { cumulative, largestFitting } from '../util/largest-fitting.ts';
import type { PeriodReport } from './model.ts';
import { describeSummaryOmissions, renderPeriodSummary, type SummaryOptions } from './summary.ts';

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

/** GitHub drops a step's job summary over 1 MiB. */
export const JOB_SUMMARY_LIMIT_BYTES = 1024 * 1024;

/** The richest summary of at most maxBytes bytes of UTF-8. Never throws; always returns something within the limit. */
export function fitPeriodSummary(
  report: PeriodReport,
  maxBytes: number = JOB_SUMMARY_LIMIT_BYTES,
  whereTheRestIs?: string,
): FittedSummary {
  const limit = Number.isNaN(maxBytes) ? 0 : Math.max(0, Math.floor(maxBytes));
  const fits = (options: Partial<SummaryOptions>): FittedSummary | undefined => {
    const markdown = renderPeriodSummary(report, { ...options, whereTheRestIs });
    return Buffer.byteLength(markdown) <= limit
      ? { markdown, omitted: describeSummaryOmissions(report, options) }
      : undefined;
  };
  const last = LADDER[LADDER.length - 1] ?? {};
  // When even the plainest level is too long with every row, no richer one fits either.
  if (fits(last)) {
    for (const options of LADDER) {
      const fitted = fits(options);
      if (fitted) return fitted;
    }
  }
  return (
    mostPullRequests(report, last, fits) ??
    fits({ ...last, maxPullRequests: 0, maxLabels: 0, maxActionItemTypes: 0 }) ??
    cutToLimit(report, limit, whereTheRestIs)
  );
}

/** Keeps as many pull request rows as fit (binary search on their number). */
function mostPullRequests(
  report: PeriodReport,
  level: Partial<SummaryOptions>,
  fits: (options: Partial<SummaryOptions>) => FittedSummary | undefined,
): FittedSummary | undefined {
  return largestFitting(report.pullRequests.length, (maxPullRequests) => fits({ ...level, maxPullRequests }));
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
