import { DecimalTotal } from '../model/decimal.ts';
import type { GateRules } from '../model/gate.ts';
import { canonicalHost } from '../model/pull-request.ts';
import { roundAcus, type Session } from '../model/session.ts';
import { ActionItemTally } from './action-items.ts';
import { DailyAcus } from './daily-acus.ts';
import { IssueTally } from './issues.ts';
import type {
  PeriodContent,
  PeriodGateOutcome,
  PeriodPullRequest,
  PeriodReport,
  Repository,
} from './model.ts';
import { PullRequestTally, type SessionSlots } from './pull-requests.ts';
import { checkPeriod, type Period } from './span.ts';

interface PeriodScope {
  /** Unix seconds, start inclusive, end exclusive. */
  period: Period;
  rules: GateRules;
  /** How many of the most frequent texts to keep per action item type; 10 unless told. */
  topActionItems?: number;
  /** The repository's pull request states as GitHub gave them, by number: they win over the sessions' records. */
  states?: ReadonlyMap<number, string>;
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
        repository,
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

/** The report of the sessions of one repository; pure, one pass, linear in sessions and findings. */
function buildPeriodContent(
  sessions: Iterable<Session>,
  input: PeriodScope & { repository: Repository; incompleteReasons?: readonly string[] },
): PeriodContent {
  const list = [...sessions];
  const store: SessionSlots = {
    sessionOf: (slot) => list[slot] as Session,
    idOf: (slot) => (list[slot] as Session).id,
  };
  return buildContent(list.entries(), store, input);
}

/**
 * buildPeriodContent over sessions known by their slots: each pull request holds its sessions' slots, made into
 * sessions again when it is summed up, so that the sessions need not all be made at once.
 */
export function buildContent(
  sessions: Iterable<readonly [slot: number, session: Session]>,
  store: SessionSlots,
  input: PeriodScope & {
    repository: Repository;
    incompleteReasons?: readonly string[];
    /** Told of each session the report counts, as it counts it: a larger report can count it too. */
    counted?: (slot: number, session: Session) => void;
  },
): PeriodContent {
  checkPeriod(input.period);
  const pullRequests = new PullRequestTally(canonicalRepository(input.repository));
  const tally = new SessionTally(input.period, input.topActionItems);
  let sessionsWithoutPullRequest = 0;
  for (const [slot, session] of sessions) {
    if (pullRequests.add(session, slot)) {
      tally.add(session);
      input.counted?.(slot, session);
    } else {
      sessionsWithoutPullRequest += 1;
    }
  }
  return tally.content(pullRequests.summaries(input.rules, input.states ?? new Map(), store), {
    sessionsWithoutPullRequest,
    incompleteReasons: input.incompleteReasons ?? [],
  });
}

/**
 * Everything a period report counts of its sessions but their pull requests' summaries, added one session at a
 * time: the totals, the ACUs per day, the issues and action items. Holds no session.
 */
export class SessionTally {
  readonly #period: Period;
  readonly #topActionItems: number;
  readonly #daily: DailyAcus;
  readonly #issues = new IssueTally();
  readonly #actionItems = new ActionItemTally();
  readonly #acus = new DecimalTotal();
  #sessions = 0;
  #acusUnknown = 0;
  #issueCount = 0;
  #actionItemCount = 0;
  #unanalysed = 0;

  constructor(period: Period, topActionItems = DEFAULT_TOP_ACTION_ITEMS) {
    checkPeriod(period);
    this.#period = period;
    this.#topActionItems = topActionItems;
    this.#daily = new DailyAcus(period);
  }

  add(session: Session): void {
    this.#sessions += 1;
    if (session.acus === undefined) this.#acusUnknown += 1;
    else this.#acus.add(session.acus);
    this.#daily.add(session);
    if (session.analysis === null) {
      this.#unanalysed += 1;
      return;
    }
    this.#issueCount += session.analysis.issues.length;
    this.#actionItemCount += session.analysis.actionItems.length;
    for (const issue of session.analysis.issues) this.#issues.add(session, issue);
    for (const item of session.analysis.actionItems) this.#actionItems.add(item);
  }

  /** The report of the sessions added, with these pull requests' summaries. */
  content(
    summaries: PeriodPullRequest[],
    extra: { sessionsWithoutPullRequest: number; incompleteReasons: readonly string[] },
  ): PeriodContent {
    return {
      period: { start: this.#period.start, end: this.#period.end },
      pullRequests: summaries,
      totals: {
        pullRequests: summaries.length,
        sessions: this.#sessions,
        acus: roundAcus(this.#acus.value),
        acusUnknownSessions: this.#acusUnknown,
        issues: this.#issueCount,
        actionItems: this.#actionItemCount,
        unanalysedSessions: this.#unanalysed,
        byState: countBy(summaries, (pullRequest) => pullRequest.state),
        byGate: {
          fail: 0,
          warn: 0,
          pending: 0,
          pass: 0,
          ...countBy(summaries, (pullRequest) => pullRequest.gate),
        } as Record<PeriodGateOutcome, number>,
      },
      acusPerDay: this.#daily.days(),
      outsidePeriod: this.#daily.outside(),
      issuesByLabel: this.#issues.byLabel(),
      issuesByImpact: this.#issues.byImpact,
      actionItemsByType: this.#actionItems.byType(this.#topActionItems),
      sessionsWithoutPullRequest: extra.sessionsWithoutPullRequest,
      incompleteReasons: [...extra.incompleteReasons],
    };
  }
}

export function canonicalRepository(repository: Repository): Required<Repository> {
  return {
    owner: repository.owner,
    repo: repository.repo,
    host: canonicalHost(repository.host ?? 'github.com'),
  };
}

/** Through a Map, so that a key from the API such as `__proto__` stays a plain key. */
function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return Object.fromEntries(counts);
}
