/**
 * The one Session model every room speaks. Each API version has an adapter that maps its responses
 * into it; matching, gating and rendering only ever see this shape.
 */
import { decimalSum, plainDecimal } from './decimal.ts';
import { looseKey } from './text.ts';

export interface Issue {
  /** Free text from the model; usually High, Medium or Low (see impactLevel). */
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
  /** undefined when the API gave no figure: unknown, never 0. */
  acus?: number;
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
export function largestSize(sessions: readonly Pick<Session, 'size'>[]): string | undefined {
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

/** What the sessions consumed together: the unrounded sum of the known figures, and who has none. */
export interface AcuTotal {
  /** Added as decimals, so that it compares with `max-acus` as the figures read: 0.1 and 0.2 are 0.3. */
  acus: number;
  /** Ids of the sessions whose figure the API did not give; the sum leaves them out. */
  unknown: string[];
}

export function sumAcus(sessions: readonly Session[]): AcuTotal {
  const known: number[] = [];
  const unknown: string[] = [];
  for (const session of sessions) {
    if (session.acus === undefined) unknown.push(session.id);
    else known.push(session.acus);
  }
  return { acus: decimalSum(known), unknown };
}

export function roundAcus(acus: number): number {
  return Math.round(acus * 100) / 100;
}

/**
 * An ACU figure as text: hundredths, or as many more decimals as it takes to stay on the same side of
 * `limit` (25.002 + 25.002 shows as 50.004 against a limit of 50, not as 50); never in exponent notation.
 */
export function acusText(acus: number, limit?: number): string {
  if (!Number.isFinite(acus)) return String(acus);
  for (let decimals = 2; decimals <= 12; decimals++) {
    const rounded = Math.round(acus * 10 ** decimals) / 10 ** decimals;
    if (limit === undefined || rounded > limit === acus > limit) return plainDecimal(rounded);
  }
  return plainDecimal(acus);
}

/** The scale of `fail-on-impact`, lowest first. */
export const IMPACT_ORDER = ['low', 'medium', 'high', 'critical'] as const;
export type ImpactLevel = (typeof IMPACT_ORDER)[number];

/** The free-text words the API's impacts use, placed on the scale. */
const IMPACT_WORDS: Readonly<Record<string, ImpactLevel>> = {
  trivial: 'low',
  minor: 'low',
  low: 'low',
  moderate: 'medium',
  medium: 'medium',
  high: 'high',
  major: 'high',
  severe: 'high',
  blocker: 'critical',
  critical: 'critical',
};

/** Maps the API's free-text impact onto the scale (any case and spacing); undefined when it cannot be placed. */
export function impactLevel(impact: string): ImpactLevel | undefined {
  const word = looseKey(impact);
  return Object.hasOwn(IMPACT_WORDS, word) ? IMPACT_WORDS[word] : undefined;
}

/** An impact that cannot be placed counts as high for the gate: the gate must not pass what it cannot read. */
export function gateImpactLevel(impact: string): ImpactLevel {
  return impactLevel(impact) ?? 'high';
}

/** Sort key, highest first: an impact that cannot be placed ranks with the highest, so it is never cut first. */
export function impactRank(impact: string): number {
  const level = impactLevel(impact);
  return level === undefined ? IMPACT_ORDER.length - 1 : IMPACT_ORDER.indexOf(level);
}

/** When to ask Devin for a missing analysis: `auto` once the session has settled (or at merge). */
export type GenerateMode = 'auto' | 'always' | 'never';

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
