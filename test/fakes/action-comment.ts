/** The action's comments as the fake GitHub holds them before a run: what earlier runs of the action wrote. */

/** The first line of every comment the action writes. */
export const MARKER = '<!-- devin-session-insights -->';

/** A comment from a pull request run that reported these sessions, still waiting for their analyses. */
export function pendingCommentBody(ids: readonly string[]): string {
  const state = JSON.stringify({ sessions: ids, unanalysed: ids });
  return `${MARKER}\n<!-- devin-session-insights-state ${state} -->\nEarlier run.`;
}
