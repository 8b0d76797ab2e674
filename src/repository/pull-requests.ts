import { evaluateGate, type GateRules, type Verdict } from '../model/gate.ts';
import { normalizePullRequestUrl, repositoryUrlPrefix } from '../model/pull-request.ts';
import { largestSize, roundAcus, type Session, sumAcus } from '../model/session.ts';
import { compareCodeUnits } from '../model/text.ts';
import type { PeriodGateOutcome, PeriodPullRequest, Repository } from './model.ts';
import { memoized } from './text.ts';

const GATE_ORDER: readonly PeriodGateOutcome[] = ['fail', 'warn', 'pending', 'pass'];

interface Accumulated {
  url: string;
  number: number;
  sessions: Session[];
  state?: string;
  stateAt: number;
}

/** The sessions of each pull request of one repository, grouped by normalised URL. */
export class PullRequestTally {
  readonly #prefix: string;
  readonly #pullRequests = new Map<string, Accumulated>();
  // Many sessions name the same pull requests: parse each URL once.
  readonly #normalize = memoized(normalizePullRequestUrl);

  constructor(repository: Required<Repository>) {
    this.#prefix = repositoryUrlPrefix(repository);
  }

  /** Counts the session for each pull request of the repository it names; false when it names none. */
  add(session: Session): boolean {
    let named = false;
    for (const { url, state } of session.pullRequests) {
      const key = this.#normalize(url);
      if (key === undefined || !key.startsWith(this.#prefix)) continue;
      named = true;
      this.#addTo(key, session, state?.trim().toLowerCase() || undefined);
    }
    return named;
  }

  #addTo(key: string, session: Session, state: string | undefined): void {
    let pullRequest = this.#pullRequests.get(key);
    if (pullRequest === undefined) {
      const number = Number(key.slice(key.lastIndexOf('/') + 1));
      const url = `https://${key.slice(0, key.lastIndexOf('/'))}/pull/${number}`;
      pullRequest = { url, number, sessions: [], stateAt: Number.NEGATIVE_INFINITY };
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

  /** Failing gates first, then the pull requests that cost most. */
  summaries(rules: GateRules): PeriodPullRequest[] {
    return [...this.#pullRequests.values()]
      .map((pullRequest) => summarise(pullRequest, rules))
      .sort(
        (a, b) =>
          GATE_ORDER.indexOf(a.gate) - GATE_ORDER.indexOf(b.gate) || b.acus - a.acus || a.number - b.number,
      );
  }
}

function summarise(pullRequest: Accumulated, rules: GateRules): PeriodPullRequest {
  const sessions = pullRequest.sessions.sort(
    (a, b) => a.createdAt - b.createdAt || compareCodeUnits(a.id, b.id),
  );
  const verdict = evaluateGate(sessions, rules);
  const unanalysed = verdict.unanalysedSessionIds.length;
  const acuTotal = sumAcus(sessions);
  return {
    url: pullRequest.url,
    number: pullRequest.number,
    state: pullRequest.state ?? 'unknown',
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
