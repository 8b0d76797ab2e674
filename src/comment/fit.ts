import { isHighSurrogate } from '../model/text.ts';
import { cumulative, largestFitting } from '../util/largest-fitting.ts';
import type { PullRequestReport } from './model.ts';
import { renderParts, renderSelection } from './render.ts';
import { type RenderOptions, type Selection, selectContent } from './selection.ts';

export interface Fitted {
  markdown: string;
  /** Human descriptions of what was left out. */
  omitted: string[];
}

/**
 * Each level leaves out more than the one before, least important parts first. The header, the session
 * table, the verdict and the issues that trip the gate or are of high impact stay at every level; the
 * action items go before any of those issues is cut.
 */
const LADDER: readonly Partial<RenderOptions>[] = cumulative<RenderOptions>([
  { timeline: false },
  { noteUsage: false },
  { suggestedPrompt: false },
  { classification: false },
  { minorIssues: false },
  { findingTextLength: 300 },
  { findingTextLength: 120 },
  { mediumIssues: false },
  { actionItems: false },
]);

/**
 * Renders at the richest detail level whose output is at most maxLength characters (JS string length).
 * Never throws; always returns something within the limit.
 */
export function fitPullRequestReport(
  report: PullRequestReport,
  maxLength: number,
  whereTheRestIs?: string,
): Fitted {
  const limit = Number.isNaN(maxLength) ? 0 : Math.max(0, Math.floor(maxLength));
  const select = (options: Partial<RenderOptions>) => selectContent(report, { ...options, whereTheRestIs });
  const fits = (selection: Selection): Fitted | undefined => {
    const markdown = renderSelection(report, selection);
    return markdown.length <= limit ? { markdown, omitted: selection.omitted } : undefined;
  };
  const withoutTable = (options: Partial<RenderOptions>) => fits(select({ ...options, sessionTable: false }));
  return (
    firstOnLadder(select, fits) ??
    fewestIssuesCut(report, (options) => fits(select(options))) ??
    // Without the table every issue may fit: one more than there are is the count known not to.
    fewestIssuesCut(report, withoutTable, 1) ??
    cutToLimit(report, select({ ...lastLevel(), maxIssues: 0, sessionTable: false }), limit)
  );
}

/** Levels that would leave out nothing more than the previous one render the same text, so they are skipped. */
function firstOnLadder(
  select: (options: Partial<RenderOptions>) => Selection,
  fits: (selection: Selection) => Fitted | undefined,
) {
  let previous: string | undefined;
  for (const options of LADDER) {
    const selection = select(options);
    const omitted = selection.omitted.join('\n');
    if (omitted === previous) continue;
    previous = omitted;
    const fitted = fits(selection);
    if (fitted) return fitted;
  }
  return undefined;
}

/** Keeps as many of the remaining issues as fit (binary search on their number) and counts the rest. */
function fewestIssuesCut(
  report: PullRequestReport,
  fits: (options: Partial<RenderOptions>) => Fitted | undefined,
  beyondAll = 0,
) {
  return largestFitting(issueCount(report) + beyondAll, (maxIssues) => fits({ ...lastLevel(), maxIssues }));
}

/**
 * The last resort: the plainest rendering, its body cut at a line end, then the line on what was left out and the
 * footer; for a limit too small even for those, the whole text cut.
 */
function cutToLimit(report: PullRequestReport, selection: Selection, limit: number): Fitted {
  const omitted = [...selection.omitted, 'the end of the report'];
  const { body, tail } = renderParts(report, { ...selection, omitted });
  const room = limit - tail.length - 2;
  if (room < 0) return { markdown: cutAtLineEnd(`${body}\n\n${tail}`, limit), omitted };
  // Only whole lines of the body: half a line of Markdown can be a heading or an unclosed element.
  const lineEnd = body.lastIndexOf('\n', room);
  return { markdown: lineEnd > 0 ? `${body.slice(0, lineEnd)}\n\n${tail}` : tail, omitted };
}

/** The longest start of the text within `limit` that ends at a line end, or mid-line when no line end fits. */
function cutAtLineEnd(text: string, limit: number): string {
  let end = text.lastIndexOf('\n', limit);
  if (end <= 0) end = limit;
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  return text.slice(0, end);
}

function issueCount(report: PullRequestReport): number {
  return report.sessions.reduce((count, entry) => count + (entry.session.analysis?.issues.length ?? 0), 0);
}

function lastLevel(): Partial<RenderOptions> {
  return LADDER[LADDER.length - 1] ?? {};
}
