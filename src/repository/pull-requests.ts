import { evaluateGate, type GateRules, type Verdict } from '../model/gate.ts';
import { normalizePullRequestUrl, repositoryUrlPrefix } from '../model/pull-request.ts';
import { largestSize, roundAcus, type Session, sumAcus } from '../model/session.ts';
import { compareCodeUnits } from '../model/text.ts';
import type { PeriodGateOutcome, PeriodPullRequest, Repository } from './model.ts';
import { memoized } from './text.ts';

const GATE_ORDER: readonly PeriodGateOutcome[] = ['fail', 'warn', 'pending', 'pass'];

interface Accumulated {
  repository: string;
  url: string;
  number: number;
  /** The normalised URL, by which GitHub's states are known. */
  key: string;
  sessions: Session[];
  state?: string;
  stateAt: number;
}

/** The sessions of each pull request of the repositories, grouped by normalised URL. */
export class PullRequestTally {
  /** Each repository by the prefix of its pull requests' normalised URLs. */
  readonly #repositories: Map<string, Required<Repository>>;
  readonly #pullRequests = new Map<string, Accumulated>();
  // Many sessions name the same pull requests: parse each URL once.
  readonly #normalize = memoized(normalizePullRequestUrl);

  constructor(repositories: readonly Required<Repository>[]) {
    this.#repositories = new Map(
      repositories.map((repository) => [repositoryUrlPrefix(repository), repository]),
    );
  }

  /** Counts the session for each pull request of the repositories it names; false when it names none. */
  add(session: Session): boolean {
    let named = false;
    for (const { url, state } of session.pullRequests) {
      const key = this.#normalize(url);
      if (key === undefined) continue;
      const repository = this.#repositories.get(key.slice(0, key.lastIndexOf('/') + 1));
      if (repository === undefined) continue;
      named = true;
      this.#addTo(key, repository, session, state?.trim().toLowerCase() || undefined);
    }
    return named;
  }

  #addTo(key: string, repository: Required<Repository>, session: Session, state: string | undefined): void {
    let pullRequest = this.#pullRequests.get(key);
    if (pullRequest === undefined) {
      const number = Number(key.slice(key.lastIndexOf('/') + 1));
      const { host, owner, repo } = repository;
      pullRequest = {
        repository: `${owner}/${repo}`,
        url: `https://${host}/${owner}/${repo}/pull/${number}`,
        number,
        key,
        sessions: [],
        stateAt: Number.NEGATIVE_INFINITY,
      };
      this.#pullRequests.set(key, pullRequest);
    }
    // A session listing one pull request twice counts once.
    if (pullRequest.sessions[pullRequest.sessions.length - 1] !== session) pullRequest.sessions.push(session);
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
  summaries(rules: GateRules, states: ReadonlyMap<string, string> = new Map()): PeriodPullRequest[] {
    return [...this.#pullRequests.values()]
      .map((pullRequest) => summarise(pullRequest, rules, states.get(pullRequest.key)))
      .sort(
        (a, b) =>
          GATE_ORDER.indexOf(a.gate) - GATE_ORDER.indexOf(b.gate) ||
          b.acus - a.acus ||
          compareCodeUnits(a.repository, b.repository) ||
          a.number - b.number,
      );
  }
}

function summarise(pullRequest: Accumulated, rules: GateRules, githubState?: string): PeriodPullRequest {
  const sessions = pullRequest.sessions.sort(
    (a, b) => a.createdAt - b.createdAt || compareCodeUnits(a.id, b.id),
  );
  const verdict = evaluateGate(sessions, rules);
  const unanalysed = verdict.unanalysedSessionIds.length;
  const acuTotal = sumAcus(sessions);
  return {
    repository: pullRequest.repository,
    url: pullRequest.url,
    number: pullRequest.number,
    state: githubState ?? pullRequest.state ?? 'unknown',
    sessionIds: sessions.map((session) => session.id),
    size: largestSize(sessions),
    acus: roundAcus(acuTotal.acus),
    acusUnknownSessions: acuTotal.unknown.length,
    issueCount: sessions.reduce((sum, session) => sum + (session.analysis?.issues.length ?? 0), 0),
    actionItemCount: sessions.reduce((sum, session) => sum + (session.analysis?.actionItems.length ?? 0), 0),
    unanalysedSessions: unanalysed,
    gate: verdict.outcome as PeriodGateOutcome,
    gateReasons: verdict.outcome === 'pending' ? [pendingReason(verdict, sessions.length)] : verdict.reasons,
  };
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
