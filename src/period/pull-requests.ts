import { evaluateGate, type GateRules, type Verdict } from '../model/gate.ts';
import { normalizePullRequestUrl, repositoryUrlPrefix } from '../model/pull-request.ts';
import { largestSize, roundAcus, type Session, sumAcus } from '../model/session.ts';
import { compareCodeUnits } from '../model/text.ts';
import { memoized } from '../util/memoize.ts';
import type { PeriodGateOutcome, PeriodPullRequest, Repository } from './model.ts';

const GATE_ORDER: readonly PeriodGateOutcome[] = ['fail', 'warn', 'pending', 'pass'];

interface Accumulated<H> {
  repository: string;
  /** `https://host/owner/repo/pull/`, shared by the repository's pull requests. */
  pullUrl: string;
  number: number;
  /** The normalised URL, by which GitHub's states are known. */
  key: string;
  /** What stands for each of its sessions until they are summed up (the session itself, or where it is kept). */
  sessions: H[];
  state?: string;
  stateAt: number;
}

/** A repository as its pull requests' summaries name it; the texts are made once and shared by them all. */
interface Named {
  /** `owner/repo`. */
  name: string;
  /** `https://host/owner/repo/pull/`: a pull request's URL is this and its number. */
  pullUrl: string;
}

/** What turns a handle back into its session, and what gives its session's id alone. */
export interface SessionHandles<H> {
  sessionOf: (handle: H) => Session;
  idOf: (handle: H) => string;
}

/** Sessions that are their own handles. */
export const SESSIONS_AS_HANDLES: SessionHandles<Session> = {
  sessionOf: (session) => session,
  idOf: (session) => session.id,
};

/**
 * The sessions of each pull request of the repositories, grouped by normalised URL. Each session is held by a
 * handle (`H`), which `summaries` turns back into the session: a store of a hundred thousand sessions makes each
 * only when its pull request is summed up.
 */
export class PullRequestTally<H = Session> {
  /** Each repository by the prefix of its pull requests' normalised URLs. */
  readonly #repositories: Map<string, Named>;
  readonly #pullRequests = new Map<string, Accumulated<H>>();
  // Many sessions name the same pull requests: parse each URL once.
  readonly #normalize = memoized(normalizePullRequestUrl);
  /** Many pull requests give the same reasons: each list of them is kept once. */
  readonly #reasons = new Map<string, string[]>();

  constructor(repositories: readonly Required<Repository>[]) {
    this.#repositories = new Map(
      repositories.map(({ host, owner, repo }) => [
        repositoryUrlPrefix({ host, owner, repo }),
        { name: `${owner}/${repo}`, pullUrl: `https://${host}/${owner}/${repo}/pull/` },
      ]),
    );
  }

  /** Counts the session for each pull request of the repositories it names; false when it names none. */
  add(session: Session, handle: H): boolean {
    let named = false;
    for (const { url, state } of session.pullRequests) {
      const key = this.#normalize(url);
      if (key === undefined) continue;
      const repository = this.#repositories.get(key.slice(0, key.lastIndexOf('/') + 1));
      if (repository === undefined) continue;
      named = true;
      this.#addTo(key, repository, session, handle, state?.trim().toLowerCase() || undefined);
    }
    return named;
  }

  #addTo(key: string, repository: Named, session: Session, handle: H, state: string | undefined): void {
    let pullRequest = this.#pullRequests.get(key);
    if (pullRequest === undefined) {
      const number = Number(key.slice(key.lastIndexOf('/') + 1));
      pullRequest = {
        repository: repository.name,
        pullUrl: repository.pullUrl,
        number,
        key,
        sessions: [],
        stateAt: Number.NEGATIVE_INFINITY,
      };
      this.#pullRequests.set(key, pullRequest);
    }
    // A session listing one pull request twice counts once.
    if (pullRequest.sessions[pullRequest.sessions.length - 1] !== handle) pullRequest.sessions.push(handle);
    // The newest data wins: a closed pull request can be reopened.
    if (state !== undefined && session.updatedAt >= pullRequest.stateAt) {
      pullRequest.state = state;
      pullRequest.stateAt = session.updatedAt;
    }
  }

  /**
   * Failing gates first, then the pull requests that cost most. `states` are GitHub's, by normalised URL: they
   * win over what the sessions recorded.
   */
  summaries(
    rules: GateRules,
    states: ReadonlyMap<string, string>,
    handles: SessionHandles<H>,
  ): PeriodPullRequest[] {
    return [...this.#pullRequests.values()]
      .map((pullRequest) => {
        const summary = summarise(pullRequest, handles, rules, states.get(pullRequest.key));
        summary.gateReasons = this.#shared(summary.gateReasons);
        return summary;
      })
      .sort(comparePullRequests);
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

function summarise<H>(
  pullRequest: Accumulated<H>,
  handles: SessionHandles<H>,
  rules: GateRules,
  githubState?: string,
): PeriodPullRequest {
  const entries = pullRequest.sessions
    .map((handle) => ({ handle, session: handles.sessionOf(handle) }))
    .sort(
      (a, b) => a.session.createdAt - b.session.createdAt || compareCodeUnits(a.session.id, b.session.id),
    );
  const sessions = entries.map(({ session }) => session);
  const verdict = evaluateGate(sessions, rules);
  const acuTotal = sumAcus(sessions);
  return new PullRequestSummary(
    {
      repository: pullRequest.repository,
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
    pullRequest.pullUrl,
    entries.map(({ handle }) => handle),
    handles.idOf,
  );
}

/**
 * A pull request's summary whose URL and session ids are made when read: kept for each of tens of thousands of
 * pull requests, they would take more memory than the rest of the report.
 */
class PullRequestSummary<H> implements PeriodPullRequest {
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
  /** Its sessions' handles, oldest session first. */
  readonly #handles: readonly H[];
  readonly #idOf: (handle: H) => string;

  constructor(
    figures: Omit<PeriodPullRequest, 'url' | 'sessionIds' | 'sessionCount'>,
    pullUrl: string,
    handles: readonly H[],
    idOf: (handle: H) => string,
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
    this.#handles = handles;
    this.#idOf = idOf;
  }

  get url(): string {
    return this.#pullUrl + this.number;
  }

  get sessionIds(): string[] {
    return this.#handles.map(this.#idOf);
  }

  get sessionCount(): number {
    return this.#handles.length;
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
