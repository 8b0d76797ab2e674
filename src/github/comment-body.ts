import { fitPullRequestReport } from '../comment/fit.ts';
import type { PullRequestReport } from '../comment/model.ts';
import { COMMENT_ROOM } from './comment.ts';
import { stateLine, stateOf } from './comment-state.ts';

/**
 * The comment's Markdown under the marker: the hidden state line, then the report fitted to what is left.
 * `whereTheRestIs` names where this run put the full report, if anywhere, for the line on what was left out.
 */
export function commentMarkdown(report: PullRequestReport, whereTheRestIs: string | undefined): string {
  const room = COMMENT_ROOM;
  const state = stateLine(stateOf(report.sessions, report.scannedAt));
  // Ids of so many sessions that they would crowd out the report are left out: that comment is not finished later.
  if (state.length > room / 4) return fitPullRequestReport(report, room, whereTheRestIs).markdown;
  return `${state}\n${fitPullRequestReport(report, room - state.length - 1, whereTheRestIs).markdown}`;
}
