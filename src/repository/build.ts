import { evaluateGate, type GateRules } from '../gate.ts';
import { normalizePullRequestUrl } from '../pull-request.ts';
import { impactLevel, largestSize, roundAcus, type Session, totalAcus } from '../session.ts';
import type {
  ActionItemTypeCount,
  ImpactCounts,
  LabelCount,
  PeriodGateOutcome,
  PeriodPullRequest,
  PeriodReport,
  Repository,
} from './model.ts';
import { checkPeriod, type Period, utcDayOf, utcDaysOf } from './period.ts';

export interface PeriodReportInput {
  repository: Repository;
  period: Period;
  rules: GateRules;
  /** How many of the most frequent texts to keep per action item type; 10 unless told. */
  topActionItems?: number;
}

/** Repository setup and knowledge are what a platform team fixes once for everyone, so they come first. */
export const ACTION_ITEM_TYPE_ORDER = [
  'machine_setup',
  'repo_config',
  'knowledge',
  'prompt_improvement',
  'other',
] as const;

const GATE_ORDER: readonly PeriodGateOutcome[] = ['fail', 'warn', 'pending', 'pass'];
const DEFAULT_TOP_ACTION_ITEMS = 10;

/**
 * Collects sessions as a scan reads them (add), then builds the report once (build). A session seen
 * twice, as a listing can return one on two pages, counts once with its newest data.
 */
export class PeriodReportBuilder {
  readonly #input: PeriodReportInput;
  readonly #sessions = new Map<string, Session>();

  constructor(input: PeriodReportInput) {
    checkPeriod(input.period);
    this.#input = input;
  }

  add(session: Session): void {
    const known = this.#sessions.get(session.id);
    if (known === undefined || session.updatedAt >= known.updatedAt) this.#sessions.set(session.id, session);
  }

  build(): PeriodReport {
    return buildFrom(this.#sessions.values(), this.#input);
  }
}

/** The period report of the sessions of one repository; pure, linear in the number of sessions and findings. */
export function buildPeriodReport(input: PeriodReportInput & { sessions: Iterable<Session> }): PeriodReport {
  const builder = new PeriodReportBuilder(input);
  for (const session of input.sessions) builder.add(session);
  return builder.build();
}

interface PullRequestAccumulator {
  url: string;
  number: number;
  sessions: Session[];
  state?: string;
  stateAt: number;
}

function buildFrom(sessions: Iterable<Session>, input: PeriodReportInput): PeriodReport {
  const repository = canonicalRepository(input.repository);
  const prefix = `${repository.host}/${repository.owner}/${repository.repo}/`.toLowerCase();
  const days = utcDaysOf(input.period);
  const perDay = new Array<number>(days.count).fill(0);
  const outsidePeriod = { sessions: 0, acus: 0 };
  const pullRequests = new Map<string, PullRequestAccumulator>();
  const labels = new Map<string, LabelCount & { lastSession?: Session }>();
  const issuesByImpact = emptyImpactCounts();
  const actionItems = new Map<
    string,
    { total: number; texts: Map<string, { text: string; count: number }> }
  >();
  const reported: Session[] = [];
  let sessionsWithoutPullRequest = 0;
  // Many sessions name the same pull requests and repeat the same labels: parse and fold each text once.
  const normalize = memoized(normalizePullRequestUrl);
  const groupingKey = memoized(foldText);
  const levelOf = memoized((impact) => impactLevel(impact) ?? 'other');

  for (const session of sessions) {
    const named = pullRequestsOfRepository(session, prefix, normalize);
    if (named.size === 0) {
      sessionsWithoutPullRequest += 1;
      continue;
    }
    reported.push(session);
    for (const [key, state] of named) addToPullRequest(pullRequests, key, session, state);

    const day = utcDayOf(session.updatedAt) - days.first;
    const inPeriod = session.updatedAt >= input.period.start && session.updatedAt < input.period.end;
    if (inPeriod && day >= 0 && day < days.count) perDay[day] = (perDay[day] ?? 0) + session.acus;
    else {
      outsidePeriod.sessions += 1;
      outsidePeriod.acus += session.acus;
    }

    for (const issue of session.analysis?.issues ?? []) {
      const level = levelOf(issue.impact);
      issuesByImpact[level] += 1;
      const key = groupingKey(issue.label);
      let count = labels.get(key);
      if (count === undefined) {
        count = { label: issue.label.trim(), total: 0, byImpact: emptyImpactCounts(), sessions: 0 };
        labels.set(key, count);
      }
      count.total += 1;
      count.byImpact[level] += 1;
      if (count.lastSession !== session) {
        count.lastSession = session;
        count.sessions += 1;
      }
    }

    for (const item of session.analysis?.actionItems ?? []) {
      let group = actionItems.get(item.type);
      if (group === undefined) {
        group = { total: 0, texts: new Map() };
        actionItems.set(item.type, group);
      }
      group.total += 1;
      const key = groupingKey(item.text);
      const text = group.texts.get(key);
      if (text === undefined) group.texts.set(key, { text: item.text.trim(), count: 1 });
      else text.count += 1;
    }
  }

  const periodPullRequests = [...pullRequests.values()]
    .map((pullRequest) => summarise(pullRequest, input.rules))
    .sort(byImportance);
  return {
    repository,
    period: { start: input.period.start, end: input.period.end },
    pullRequests: periodPullRequests,
    totals: {
      pullRequests: periodPullRequests.length,
      sessions: reported.length,
      acus: totalAcus(reported),
      issues: reported.reduce((sum, session) => sum + (session.analysis?.issues.length ?? 0), 0),
      actionItems: reported.reduce((sum, session) => sum + (session.analysis?.actionItems.length ?? 0), 0),
      unanalysedSessions: reported.filter((session) => session.analysis === null).length,
      byState: countBy(periodPullRequests, (pullRequest) => pullRequest.state),
      byGate: {
        ...{ fail: 0, warn: 0, pending: 0, pass: 0 },
        ...countBy(periodPullRequests, (pullRequest) => pullRequest.gate),
      },
    },
    acusPerDay: perDay.map((acus, index) => ({ day: (days.first + index) * 86_400, acus: roundAcus(acus) })),
    outsidePeriod: { sessions: outsidePeriod.sessions, acus: roundAcus(outsidePeriod.acus) },
    issuesByLabel: [...labels.values()]
      .map(({ lastSession: _, ...count }) => count)
      .sort((a, b) => b.total - a.total || b.sessions - a.sessions || compareText(a.label, b.label)),
    issuesByImpact,
    actionItemsByType: [...actionItems]
      .map(([type, group]): ActionItemTypeCount => {
        const texts = [...group.texts.values()];
        return {
          type,
          total: group.total,
          distinct: texts.length,
          top: topByCount(texts, input.topActionItems ?? DEFAULT_TOP_ACTION_ITEMS),
        };
      })
      .sort((a, b) => typeRank(a.type) - typeRank(b.type) || compareText(a.type, b.type)),
    sessionsWithoutPullRequest,
  };
}

function canonicalRepository(repository: Repository): Required<Repository> {
  return {
    owner: repository.owner,
    repo: repository.repo,
    host: (repository.host ?? 'github.com').toLowerCase().replace(/^www\./, ''),
  };
}

/** The repository's pull requests the session names, by normalised URL, with the state the session gives. */
function pullRequestsOfRepository(
  session: Session,
  prefix: string,
  normalize: (url: string) => string | undefined,
): Map<string, string | undefined> {
  const named = new Map<string, string | undefined>();
  for (const pullRequest of session.pullRequests) {
    const key = normalize(pullRequest.url);
    if (key === undefined || !key.startsWith(prefix)) continue;
    const state = pullRequest.state?.trim().toLowerCase() || undefined;
    named.set(key, state ?? named.get(key));
  }
  return named;
}

function addToPullRequest(
  pullRequests: Map<string, PullRequestAccumulator>,
  key: string,
  session: Session,
  state: string | undefined,
): void {
  let pullRequest = pullRequests.get(key);
  if (pullRequest === undefined) {
    const number = Number(key.slice(key.lastIndexOf('/') + 1));
    const url = `https://${key.slice(0, key.lastIndexOf('/'))}/pull/${number}`;
    pullRequest = { url, number, sessions: [], stateAt: Number.NEGATIVE_INFINITY };
    pullRequests.set(key, pullRequest);
  }
  pullRequest.sessions.push(session);
  // The newest data wins: a closed pull request can be reopened.
  if (state !== undefined && session.updatedAt >= pullRequest.stateAt) {
    pullRequest.state = state;
    pullRequest.stateAt = session.updatedAt;
  }
}

function summarise(pullRequest: PullRequestAccumulator, rules: GateRules): PeriodPullRequest {
  const sessions = pullRequest.sessions.sort((a, b) => a.createdAt - b.createdAt || compareText(a.id, b.id));
  const verdict = evaluateGate(sessions, rules);
  const unanalysed = verdict.unanalysedSessionIds.length;
  const issuesChecked = rules.failOnLabels.length > 0 || rules.failOnImpact !== undefined;
  const pending = verdict.outcome === 'pass' && unanalysed > 0 && issuesChecked;
  return {
    url: pullRequest.url,
    number: pullRequest.number,
    state: pullRequest.state ?? 'unknown',
    sessionIds: sessions.map((session) => session.id),
    size: largestSize(sessions),
    acus: totalAcus(sessions),
    issueCount: sessions.reduce((sum, session) => sum + (session.analysis?.issues.length ?? 0), 0),
    actionItemCount: sessions.reduce((sum, session) => sum + (session.analysis?.actionItems.length ?? 0), 0),
    unanalysedSessions: unanalysed,
    gate: pending ? 'pending' : (verdict.outcome as PeriodGateOutcome),
    gateReasons: pending
      ? [`${unanalysed} of ${sessions.length} sessions have no analysis yet: their issues are not checked`]
      : verdict.reasons,
  };
}

/** Failing gates first, then the pull requests that cost most. */
function byImportance(a: PeriodPullRequest, b: PeriodPullRequest): number {
  return GATE_ORDER.indexOf(a.gate) - GATE_ORDER.indexOf(b.gate) || b.acus - a.acus || a.number - b.number;
}

function typeRank(type: string): number {
  const rank = (ACTION_ITEM_TYPE_ORDER as readonly string[]).indexOf(type);
  return rank === -1 ? ACTION_ITEM_TYPE_ORDER.length : rank;
}

/** The `limit` entries of highest count, first seen first among equals, without sorting them all. */
function topByCount<T extends { count: number }>(entries: readonly T[], limit: number): T[] {
  const top: T[] = [];
  for (const entry of entries) {
    if (top.length === limit && (limit === 0 || (top[limit - 1]?.count ?? 0) >= entry.count)) continue;
    let index = top.length;
    while (index > 0 && (top[index - 1]?.count ?? 0) < entry.count) index -= 1;
    top.splice(index, 0, entry);
    if (top.length > limit) top.pop();
  }
  return top;
}

function foldText(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

function memoized<T>(compute: (text: string) => T): (text: string) => T {
  const known = new Map<string, T>();
  return (text) => {
    if (known.has(text)) return known.get(text) as T;
    const value = compute(text);
    known.set(text, value);
    return value;
  };
}

function emptyImpactCounts(): ImpactCounts {
  return { high: 0, medium: 0, low: 0, other: 0 };
}

/** Through a Map, so that a key from the API such as `__proto__` stays a plain key. */
function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return Object.fromEntries(counts);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
