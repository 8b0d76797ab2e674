import type { GateRules } from '../model/gate.ts';
import { roundAcus, type Session, sumAcus } from '../model/session.ts';
import { ActionItemTally } from './action-items.ts';
import { DailyAcus } from './daily-acus.ts';
import { IssueTally } from './issues.ts';
import type { PeriodContent, PeriodGateOutcome, PeriodReport, Repository } from './model.ts';
import { checkPeriod, type Period } from './period.ts';
import { PullRequestTally } from './pull-requests.ts';

interface PeriodScope {
  /** Unix seconds, start inclusive, end exclusive. */
  period: Period;
  rules: GateRules;
  /** How many of the most frequent texts to keep per action item type; 10 unless told. */
  topActionItems?: number;
  /** Pull request states as GitHub gave them, by normalised URL: they win over the sessions' records. */
  states?: ReadonlyMap<string, string>;
}

export interface PeriodReportInput extends PeriodScope {
  repository: Repository;
}

const DEFAULT_TOP_ACTION_ITEMS = 10;

/**
 * Collects sessions as a scan reads them (add), then builds the report once (build). A session seen
 * twice, as a listing can return one on two pages, counts once with its newest data.
 */
export class PeriodReportBuilder {
  readonly #input: PeriodReportInput;
  readonly #sessions = new Map<string, Session>();
  readonly #incompleteReasons = new Set<string>();

  constructor(input: PeriodReportInput) {
    checkPeriod(input.period);
    this.#input = input;
  }

  add(session: Session): void {
    const known = this.#sessions.get(session.id);
    if (known === undefined || session.updatedAt >= known.updatedAt) this.#sessions.set(session.id, session);
  }

  /** The scan may have left sessions out, for this reason: the report says it is incomplete. */
  markIncomplete(reason: string): void {
    this.#incompleteReasons.add(reason);
  }

  build(): PeriodReport {
    const repository = canonicalRepository(this.#input.repository);
    return {
      repository,
      ...buildPeriodContent(this.#sessions.values(), {
        ...this.#input,
        repositories: [repository],
        incompleteReasons: [...this.#incompleteReasons],
      }),
    };
  }
}

/** The period report of the sessions of one repository; pure, one pass, linear in sessions and findings. */
export function buildPeriodReport(input: PeriodReportInput & { sessions: Iterable<Session> }): PeriodReport {
  const builder = new PeriodReportBuilder(input);
  for (const session of input.sessions) builder.add(session);
  return builder.build();
}

/**
 * The report of the sessions of one repository or several; pure, one pass, linear in sessions and findings. Each
 * session counts once, whichever of the repositories' pull requests it names.
 */
export function buildPeriodContent(
  sessions: Iterable<Session>,
  input: PeriodScope & { repositories: readonly Repository[]; incompleteReasons?: readonly string[] },
): PeriodContent {
  checkPeriod(input.period);
  const pullRequests = new PullRequestTally(input.repositories.map(canonicalRepository));
  const daily = new DailyAcus(input.period);
  const issues = new IssueTally();
  const actionItems = new ActionItemTally();
  const reported: Session[] = [];
  let sessionsWithoutPullRequest = 0;

  for (const session of sessions) {
    if (!pullRequests.add(session)) {
      sessionsWithoutPullRequest += 1;
      continue;
    }
    reported.push(session);
    daily.add(session);
    for (const issue of session.analysis?.issues ?? []) issues.add(session, issue);
    for (const item of session.analysis?.actionItems ?? []) actionItems.add(item);
  }

  const summaries = pullRequests.summaries(input.rules, input.states);
  const acuTotal = sumAcus(reported);
  return {
    period: { start: input.period.start, end: input.period.end },
    pullRequests: summaries,
    totals: {
      pullRequests: summaries.length,
      sessions: reported.length,
      acus: roundAcus(acuTotal.acus),
      acusUnknownSessions: acuTotal.unknown.length,
      issues: reported.reduce((sum, session) => sum + (session.analysis?.issues.length ?? 0), 0),
      actionItems: reported.reduce((sum, session) => sum + (session.analysis?.actionItems.length ?? 0), 0),
      unanalysedSessions: reported.filter((session) => session.analysis === null).length,
      byState: countBy(summaries, (pullRequest) => pullRequest.state),
      byGate: {
        fail: 0,
        warn: 0,
        pending: 0,
        pass: 0,
        ...countBy(summaries, (pullRequest) => pullRequest.gate),
      } as Record<PeriodGateOutcome, number>,
    },
    acusPerDay: daily.days(),
    outsidePeriod: daily.outside(),
    issuesByLabel: issues.byLabel(),
    issuesByImpact: issues.byImpact,
    actionItemsByType: actionItems.byType(input.topActionItems ?? DEFAULT_TOP_ACTION_ITEMS),
    sessionsWithoutPullRequest,
    incompleteReasons: [...(input.incompleteReasons ?? [])],
  };
}

export function canonicalRepository(repository: Repository): Required<Repository> {
  return {
    owner: repository.owner,
    repo: repository.repo,
    host: (repository.host ?? 'github.com').toLowerCase().replace(/^www\./, ''),
  };
}

/** Through a Map, so that a key from the API such as `__proto__` stays a plain key. */
function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return Object.fromEntries(counts);
}
