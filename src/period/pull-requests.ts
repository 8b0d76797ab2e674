import { evaluateGate, type GateRules, type Verdict } from '../model/gate.ts';
import { normalizePullRequestUrl, repositoryUrlPrefix } from '../model/pull-request.ts';
import { largestSize, roundAcus, type Session, sumAcus } from '../model/session.ts';
import { compareCodeUnits } from '../model/text.ts';
import { ChunkedArray } from '../util/chunked-array.ts';
import { memoized } from '../util/memoize.ts';
import type { PeriodGateOutcome, PeriodPullRequest, Repository } from './model.ts';

const GATE_ORDER: readonly PeriodGateOutcome[] = ['fail', 'warn', 'pending', 'pass'];

interface Accumulated {
  number: number;
  /** Its sessions' slots (where each is kept), until they are summed up. */
  slots: number[];
  state?: string;
  stateAt: number;
}

/** What turns a slot back into the session kept there, and what gives that session's id alone. */
export interface SessionSlots {
  sessionOf: (slot: number) => Session;
  idOf: (slot: number) => string;
}

/**
 * The sessions of each pull request of one repository, by number. Each session is known by its slot, which
 * `summaries` turns back into the session: a store of a hundred thousand sessions makes each only when its pull
 * request is summed up.
 */
export class PullRequestTally {
  /** `owner/repo`, shared by the summaries. */
  readonly #name: string;
  /** `https://host/owner/repo/pull/`: a pull request's URL is this and its number. */
  readonly #pullUrl: string;
  /** What the normalised URLs of the repository's pull requests start with. */
  readonly #prefix: string;
  readonly #pullRequests = new Map<number, Accumulated>();
  // Many sessions name the same pull requests: parse each URL once.
  readonly #normalize = memoized(normalizePullRequestUrl);
  /** Many pull requests give the same reasons: each list of them is kept once. */
  readonly #reasons = new Map<string, string[]>();

  constructor({ host, owner, repo }: Required<Repository>) {
    this.#name = `${owner}/${repo}`;
    this.#pullUrl = `https://${host}/${owner}/${repo}/pull/`;
    this.#prefix = repositoryUrlPrefix({ host, owner, repo });
  }

  /** Counts the session for each pull request of the repository it names; false when it names none. */
  add(session: Session, slot: number): boolean {
    let named = false;
    for (const { url, state } of session.pullRequests) {
      const key = this.#normalize(url);
      const slash = key?.lastIndexOf('/') ?? -1;
      if (key === undefined || key.slice(0, slash + 1) !== this.#prefix) continue;
      named = true;
      this.#addTo(Number(key.slice(slash + 1)), session, slot, state?.trim().toLowerCase() || undefined);
    }
    return named;
  }

  #addTo(number: number, session: Session, slot: number, state: string | undefined): void {
    let pullRequest = this.#pullRequests.get(number);
    if (pullRequest === undefined) {
      pullRequest = { number, slots: [], stateAt: Number.NEGATIVE_INFINITY };
      this.#pullRequests.set(number, pullRequest);
    }
    // A session listing one pull request twice counts once.
    if (pullRequest.slots[pullRequest.slots.length - 1] !== slot) pullRequest.slots.push(slot);
    // The newest data wins: a closed pull request can be reopened.
    if (state !== undefined && session.updatedAt >= pullRequest.stateAt) {
      pullRequest.state = state;
      pullRequest.stateAt = session.updatedAt;
    }
  }

  /**
   * Failing gates first, then the pull requests that cost most. `states` are GitHub's, by number: they win over
   * what the sessions recorded.
   */
  summaries(rules: GateRules, states: ReadonlyMap<number, string>, store: SessionSlots): PeriodPullRequest[] {
    const lists = new SlotLists(store.idOf);
    return [...this.#pullRequests.values()]
      .map((pullRequest) => {
        const summary = this.#summarise(pullRequest, store, lists, rules, states.get(pullRequest.number));
        summary.gateReasons = this.#shared(summary.gateReasons);
        return summary;
      })
      .sort(comparePullRequests);
  }

  #summarise(
    pullRequest: Accumulated,
    store: SessionSlots,
    lists: SlotLists,
    rules: GateRules,
    githubState?: string,
  ): PeriodPullRequest {
    const entries = pullRequest.slots
      .map((slot) => ({ slot, session: store.sessionOf(slot) }))
      .sort(
        (a, b) => a.session.createdAt - b.session.createdAt || compareCodeUnits(a.session.id, b.session.id),
      );
    const sessions = entries.map(({ session }) => session);
    const verdict = evaluateGate(sessions, rules);
    const acuTotal = sumAcus(sessions);
    return new PullRequestSummary(
      {
        repository: this.#name,
        number: pullRequest.number,
        state: githubState ?? pullRequest.state ?? 'unknown',
        size: largestSize(sessions),
        acus: roundAcus(acuTotal.acus),
        acusUnknownSessions: acuTotal.unknown.length,
        issueCount: sessions.reduce((sum, session) => sum + (session.analysis?.issues.length ?? 0), 0),
        actionItemCount: sessions.reduce(
          (sum, session) => sum + (session.analysis?.actionItems.length ?? 0),
          0,
        ),
        unanalysedSessions: verdict.unanalysedSessionIds.length,
        gate: verdict.outcome as PeriodGateOutcome,
        gateReasons:
          verdict.outcome === 'pending' ? [pendingReason(verdict, sessions.length)] : verdict.reasons,
      },
      this.#pullUrl,
      lists,
      lists.add(entries.map(({ slot }) => slot)),
      entries.length,
    );
  }

  #shared(reasons: string[]): string[] {
    const key = reasons.join('\n');
    const known = this.#reasons.get(key);
    if (known) return known;
    this.#reasons.set(key, reasons);
    return reasons;
  }
}

/** Failing gates first, then the pull requests that cost most; then by repository and number. */
export function comparePullRequests(a: PeriodPullRequest, b: PeriodPullRequest): number {
  return (
    GATE_ORDER.indexOf(a.gate) - GATE_ORDER.indexOf(b.gate) ||
    b.acus - a.acus ||
    compareCodeUnits(a.repository, b.repository) ||
    a.number - b.number
  );
}

/**
 * The slots of each pull request's sessions, one list after another in one column: a list of its own for each
 * of tens of thousands of pull requests would take three times the memory.
 */
class SlotLists {
  readonly #idOf: (slot: number) => string;
  readonly #slots = new ChunkedArray(Uint32Array);
  #length = 0;

  constructor(idOf: (slot: number) => string) {
    this.#idOf = idOf;
  }

  /** Adds the list; answers where it starts. */
  add(slots: readonly number[]): number {
    const first = this.#length;
    for (const slot of slots) this.#slots.set(this.#length++, slot);
    return first;
  }

  /** The ids of the sessions of the list of `count` slots that starts at `first`. */
  idsOf(first: number, count: number): string[] {
    const ids: string[] = [];
    for (let at = first; at < first + count; at++) ids.push(this.#idOf(this.#slots.at(at)));
    return ids;
  }
}

/**
 * A pull request's summary whose URL and session ids are made when read: kept for each of tens of thousands of
 * pull requests, they would take more memory than the rest of the report.
 */
class PullRequestSummary implements PeriodPullRequest {
  repository: string;
  number: number;
  state: string;
  size: string | undefined;
  acus: number;
  acusUnknownSessions: number;
  issueCount: number;
  actionItemCount: number;
  unanalysedSessions: number;
  gate: PeriodGateOutcome;
  gateReasons: string[];
  readonly #pullUrl: string;
  /** Its sessions' slots, oldest session first: `sessionCount` of them from `#first` in `#lists`. */
  readonly #lists: SlotLists;
  readonly #first: number;
  readonly sessionCount: number;

  constructor(
    figures: Omit<PeriodPullRequest, 'url' | 'sessionIds' | 'sessionCount'>,
    pullUrl: string,
    lists: SlotLists,
    first: number,
    count: number,
  ) {
    this.repository = figures.repository;
    this.number = figures.number;
    this.state = figures.state;
    this.size = figures.size;
    this.acus = figures.acus;
    this.acusUnknownSessions = figures.acusUnknownSessions;
    this.issueCount = figures.issueCount;
    this.actionItemCount = figures.actionItemCount;
    this.unanalysedSessions = figures.unanalysedSessions;
    this.gate = figures.gate;
    this.gateReasons = figures.gateReasons;
    this.#pullUrl = pullUrl;
    this.#lists = lists;
    this.#first = first;
    this.sessionCount = count;
  }

  get url(): string {
    return this.#pullUrl + this.number;
  }

  get sessionIds(): string[] {
    return this.#lists.idsOf(this.#first, this.sessionCount);
  }
}

/** Why a pull request's gate is pending, in one sentence. */
function pendingReason(verdict: Verdict, sessionCount: number): string {
  const unchecked = verdict.uncheckedSessionIds;
  const unanalysed = new Set(verdict.unanalysedSessionIds);
  const of = `${unchecked.length} of ${sessionCount} sessions`;
  return unchecked.every((id) => unanalysed.has(id))
    ? `${of} have no analysis yet: their issues are not checked`
    : `${of} are not checked yet: no analysis, still working, or no ACU figure`;
}
