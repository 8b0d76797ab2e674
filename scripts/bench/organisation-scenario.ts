/**
 * The organisation-wide run that the benchmark times: `repositories: acme/*` with a GitHub App installation
 * token over ten repositories (and an archived one, left out), a week of sessions up to now that all name a
 * pull request of one of them, three sessions to a pull request (ten open in each repository, the others merged
 * or closed), and in each repository one open pull request whose comment by the action still waits for an
 * analysis that Devin has since written.
 */

import { pendingCommentBody } from '../../test/fakes/action-comment.ts';
import { type FakeDevinApi, startFakeDevinApi } from '../../test/fakes/devin-api.ts';
import { bulkSessions, makeAnalysis } from '../../test/fakes/devin-data.ts';
import { type FakeGitHubApi, type FakeUser, startFakeGitHubApi } from '../../test/fakes/github-api.ts';
import { scheduleEvent, type WebhookEvent } from '../../test/fakes/webhooks.ts';
import { DEVIN_KEY, OWNER, PAGE_SIZE } from './scenario.ts';

const REPOSITORIES = Array.from({ length: 10 }, (_, index) => `service-${index + 1}`);
/** Sessions per pull request: a pull request takes a few. */
const SESSIONS_PER_PULL = 3;
/** The open pull requests of each repository: the others are merged or closed. */
const OPEN_PULLS = 10;
/** The pull request of each repository whose comment waits for an analysis. */
const PENDING_PULL = 3;
const APP_TOKEN = 'ghs_bench_installation_token';
const APP_BOT: FakeUser = { login: 'acme-insights[bot]', id: 149_000_003, type: 'Bot' };
/** Session ids per `session_ids` listing (src/devin/list-filters.ts). */
const IDS_PER_LISTING = 50;

/** The first pull requests of each repository are open, the others merged or closed. */
function stateOf(number: number): 'open' | 'merged' | 'closed' {
  if (number <= OPEN_PULLS) return 'open';
  return number % 3 === 0 ? 'closed' : 'merged';
}

export interface OrganisationScenario {
  devin: FakeDevinApi;
  github: FakeGitHubApi;
  event: WebhookEvent;
  /** Sessions updated in the period: every one names a pull request of the listed repositories. */
  periodSessions: number;
  repositories: number;
  /**
   * The fewest Devin requests: the scan's pages, and the listing by id of the waiting comments' sessions (their
   * analyses are there already).
   */
  devinFloor: number;
  inputs(): Record<string, string>;
  /** Puts the pending comments back, so that every run has them to finish. */
  resetComments(): void;
  close(): Promise<void>;
}

export async function startOrganisationScenario(options: {
  periodSessions: number;
  latencyMs?: number;
}): Promise<OrganisationScenario> {
  const now = Math.floor(Date.now() / 1000);
  // The period's sessions spread over six days and a half of the seven, ending an hour before now.
  const span = 6.5 * 86_400;
  const step = Math.max(1, Math.floor(span / options.periodSessions));
  const period = bulkSessions(options.periodSessions, {
    startAt: now - 3600 - step * options.periodSessions,
    stepSeconds: step,
  });
  const history = bulkSessions(Math.floor(options.periodSessions / 10), {
    startAt: now - 60 * 86_400,
    stepSeconds: 30,
  });
  const pending = new Map<string, string[]>();
  let pulls = 0;
  period.forEach((session, index) => {
    const repo = REPOSITORIES[index % REPOSITORIES.length] ?? '';
    const number = Math.floor(index / REPOSITORIES.length / SESSIONS_PER_PULL) + 1;
    pulls = Math.max(pulls, number);
    session.pull_requests = [
      { pr_url: `https://github.com/${OWNER}/${repo}/pull/${number}`, pr_state: stateOf(number) },
    ];
    if (number !== PENDING_PULL) return;
    // Devin has analysed the pull request's sessions since its comment was left pending.
    session.analysis = makeAnalysis();
    pending.set(repo, [...(pending.get(repo) ?? []), session.session_id]);
  });

  const latencyMs = options.latencyMs ?? 0;
  const devin = await startFakeDevinApi({
    sessions: [...history, ...period],
    latencyMs,
    checkResponses: false,
  });
  const github = await startFakeGitHubApi({
    latencyMs,
    tokens: { [APP_TOKEN]: APP_BOT },
    repositories: [{ owner: OWNER, name: 'attic', archived: true }],
    installations: { [APP_TOKEN]: [...REPOSITORIES, 'attic'].map((repo) => `${OWNER}/${repo}`) },
  });
  const comments: { comment: { body: string }; body: string }[] = [];
  for (const repo of REPOSITORIES) {
    for (let number = 1; number <= pulls; number++) {
      const state = stateOf(number);
      github.addPull({
        owner: OWNER,
        repo,
        number,
        merged: state === 'merged',
        state: state === 'open' ? 'open' : 'closed',
      });
    }
    // The pull request's first run reported its first session, before Devin had analysed it.
    const [id] = pending.get(repo) ?? [];
    const body = pendingCommentBody(id === undefined ? [] : [id]);
    const comment = github.addComment({
      owner: OWNER,
      repo,
      issue_number: PENDING_PULL,
      body,
      user: APP_BOT,
    });
    comments.push({ comment, body });
  }
  const pendingSessions = [...pending.values()].reduce((sum, ids) => sum + ids.length, 0);

  return {
    devin,
    github,
    event: scheduleEvent({ owner: OWNER, repo: 'platform' }),
    periodSessions: options.periodSessions,
    repositories: REPOSITORIES.length,
    devinFloor: Math.ceil(options.periodSessions / PAGE_SIZE) + Math.ceil(pendingSessions / IDS_PER_LISTING),
    inputs: () => ({
      'devin-api-key': DEVIN_KEY,
      'devin-api-url': devin.url,
      'github-token': APP_TOKEN,
      repositories: `${OWNER}/*`,
      'poll-interval': '1',
      'wait-timeout': '10',
    }),
    resetComments: () => {
      for (const { comment, body } of comments) comment.body = body;
    },
    close: async () => {
      await Promise.all([devin.close(), github.close()]);
    },
  };
}
