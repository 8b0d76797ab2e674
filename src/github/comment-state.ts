import type { ReportedSession } from '../session.ts';
import { COMMENT_MARKER } from './comment.ts';

/**
 * What a comment reported, for a later run to pick up: its sessions, and those that had no analysis when it
 * was written. Kept in a hidden HTML comment on the line after the marker, and read only from a comment the
 * action's own identity wrote (CommentPublisher finds no other).
 */
interface CommentState {
  sessions: string[];
  unanalysed: string[];
}

const STATE_START = '<!-- devin-session-insights-state ';
const STATE_END = ' -->';

export function stateOf(sessions: readonly ReportedSession[]): CommentState {
  return {
    sessions: sessions.map(({ session }) => session.id),
    unanalysed: sessions.filter(({ session }) => session.analysis === null).map(({ session }) => session.id),
  };
}

/** The hidden line; `<` and `>` are escaped so that no id from the API can end the HTML comment. */
export function stateLine(state: CommentState): string {
  const json = JSON.stringify(state).replace(/</g, '\\u003c').replace(/>/g, '\\u003e');
  return `${STATE_START}${json}${STATE_END}`;
}

/** The state on the line after the marker; undefined for an older comment without one, or any other text. */
export function readState(body: string): CommentState | undefined {
  const [marker, line] = body.split('\n', 2);
  if (marker !== COMMENT_MARKER || !line?.startsWith(STATE_START) || !line.endsWith(STATE_END))
    return undefined;
  try {
    const parsed = JSON.parse(line.slice(STATE_START.length, -STATE_END.length)) as Partial<CommentState>;
    return { sessions: idList(parsed.sessions), unanalysed: idList(parsed.unanalysed) };
  } catch {
    return undefined;
  }
}

function idList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string' && id !== '') : [];
}
