import type { ReportedSession } from '../model/session.ts';
import { COMMENT_MARKER } from './comment.ts';

/**
 * What a comment reported, for a later run to pick up: its sessions, and those that had no analysis when it
 * was written. Kept in a hidden HTML comment on the line after the marker, and read only from a comment the
 * action's own identity wrote (CommentPublisher finds no other).
 */
export interface CommentState {
  sessions: string[];
  unanalysed: string[];
  /** When the run that wrote it began listing sessions (Unix seconds): the next run lists from there. */
  scannedAt?: number;
}

const STATE_START = '<!-- devin-session-insights-state ';
const STATE_END = ' -->';

export function stateOf(sessions: readonly ReportedSession[], scannedAt?: number): CommentState {
  return {
    sessions: sessions.map(({ session }) => session.id),
    unanalysed: sessions.filter(({ session }) => session.analysis === null).map(({ session }) => session.id),
    scannedAt,
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
    const scannedAt =
      typeof parsed.scannedAt === 'number' && Number.isFinite(parsed.scannedAt)
        ? parsed.scannedAt
        : undefined;
    return { sessions: idList(parsed.sessions), unanalysed: idList(parsed.unanalysed), scannedAt };
  } catch {
    return undefined;
  }
}

function idList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string' && id !== '') : [];
}
