/**
 * The one Session model every room speaks. Each API version has an adapter that maps its responses
 * into it; matching, gating and rendering only ever see this shape.
 */

export interface Issue {
  /** Free text from the model; usually High, Medium or Low. */
  impact: string;
  label: string;
  text: string;
  id?: string;
}

export interface ActionItem {
  /** machine_setup, repo_config, knowledge, prompt_improvement, other, or any newer value. */
  type: string;
  text: string;
  issueId?: string;
}

export interface TimelineEvent {
  title: string;
  description: string;
}

export interface FeedbackItem {
  summary: string;
  excerpt: string;
  details: string;
}

export interface SuggestedPrompt {
  original: string;
  suggested: string;
  feedback: FeedbackItem[];
}

export interface NoteUsageItem {
  noteId: string;
  message: string;
  reason: string;
}

interface NoteUsage {
  good: NoteUsageItem[];
  bad: NoteUsageItem[];
}

export interface Classification {
  category: string;
  confidence?: number;
  languages: string[];
  tools: string[];
}

export interface Analysis {
  issues: Issue[];
  actionItems: ActionItem[];
  timeline: TimelineEvent[];
  suggestedPrompt?: SuggestedPrompt;
  noteUsage?: NoteUsage;
  classification?: Classification;
}

interface SessionPullRequest {
  url: string;
  state?: string;
}

/**
 * Where the session's analysis stands for this run:
 * - ready: the analysis is there;
 * - pending: generation was asked for and the run is still waiting;
 * - timed-out: the run waited `wait-timeout` seconds and no analysis arrived;
 * - working: none was asked for because Devin is still working on the session (`generate: auto`);
 * - missing: there is none and none was asked for (`generate: never`, or the API cannot generate).
 */
export type InsightState = 'ready' | 'pending' | 'timed-out' | 'working' | 'missing';

/** A session as the report shows it: the session and where its analysis stands. */
export interface ReportedSession {
  session: Session;
  insight: InsightState;
}

export interface Session {
  /** The id without the `devin-` prefix, whichever form the API returned. */
  id: string;
  url: string;
  title?: string;
  status: string;
  statusDetail?: string;
  orgId: string;
  userId?: string;
  /** Unix seconds. */
  createdAt: number;
  /** Unix seconds. */
  updatedAt: number;
  acus: number;
  /** xs, s, m, l, xl or a newer value; absent where the API has no sizes (v2). */
  size?: string;
  userMessages?: number;
  devinMessages?: number;
  category?: string;
  initialUserMessage?: string;
  pullRequests: SessionPullRequest[];
  analysis: Analysis | null;
}

const DEVIN_ID_PREFIX = 'devin-';

export function bareSessionId(id: string): string {
  return id.startsWith(DEVIN_ID_PREFIX) ? id.slice(DEVIN_ID_PREFIX.length) : id;
}

export function devinId(id: string): string {
  return DEVIN_ID_PREFIX + bareSessionId(id);
}

const SIZE_ORDER = ['xs', 's', 'm', 'l', 'xl'] as const;

/** The largest known size among the sessions; an unknown size counts as larger than every known one. */
export function largestSize(sessions: readonly Session[]): string | undefined {
  let best: string | undefined;
  let bestRank = -1;
  for (const { size } of sessions) {
    if (size === undefined) continue;
    const known = SIZE_ORDER.indexOf(size.toLowerCase() as (typeof SIZE_ORDER)[number]);
    const rank = known === -1 ? SIZE_ORDER.length : known;
    if (rank > bestRank) {
      best = size;
      bestRank = rank;
    }
  }
  return best;
}

export function totalAcus(sessions: readonly Session[]): number {
  return roundAcus(sessions.reduce((sum, session) => sum + session.acus, 0));
}

export function roundAcus(acus: number): number {
  return Math.round(acus * 100) / 100;
}

export const IMPACT_ORDER = ['low', 'medium', 'high'] as const;
export type ImpactLevel = (typeof IMPACT_ORDER)[number];

/** Maps the API's free-text impact onto low/medium/high; undefined when it is none of them. */
export function impactLevel(impact: string): ImpactLevel | undefined {
  const normalized = impact.trim().toLowerCase();
  return IMPACT_ORDER.find((level) => level === normalized);
}

/** Sort key: high first, then medium, low, and anything unknown last. */
export function impactRank(impact: string): number {
  const level = impactLevel(impact);
  return level === undefined ? -1 : IMPACT_ORDER.indexOf(level);
}

/** `running` sessions whose work has stopped for now; any other `running` detail is still under way. */
const SETTLED_RUNNING_DETAILS: readonly string[] = ['finished', 'waiting_for_user'];
const SETTLED_STATUSES: readonly string[] = ['exit', 'error', 'suspended'];

/**
 * Whether Devin has stopped working on the session for now, so that an analysis would cover all of it: `exit`,
 * `error`, `suspended`, or `running` and `finished` or waiting for the user. `new`, `claimed`, `resuming` and
 * `running` while working (or waiting for approval), and any status the API adds later, are under way.
 */
export function hasSettled(session: Pick<Session, 'status' | 'statusDetail'>): boolean {
  const status = session.status.trim().toLowerCase();
  if (SETTLED_STATUSES.includes(status)) return true;
  return (
    status === 'running' && SETTLED_RUNNING_DETAILS.includes(session.statusDetail?.trim().toLowerCase() ?? '')
  );
}
