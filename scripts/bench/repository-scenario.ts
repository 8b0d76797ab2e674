/**
 * The repository-mode run that the benchmark times: a week of sessions up to now, of which every tenth names
 * a pull request of the repository (open, merged or closed), and one open pull request whose comment by the
 * action still waits for an analysis that Devin has since written.
 */

import { pendingCommentBody } from '../../test/fakes/action-comment.ts';
import { type FakeDevinApi, type FakeDevinOptions, startFakeDevinApi } from '../../test/fakes/devin-api.ts';
import { bulkSessions, type FakeSession, makeAnalysis } from '../../test/fakes/devin-data.ts';
import { type FakeGitHubApi, startFakeGitHubApi } from '../../test/fakes/github-api.ts';
import { scheduleEvent, type WebhookEvent } from '../../test/fakes/webhooks.ts';
import { DEVIN_KEY, GITHUB_TOKEN, OWNER, PAGE_SIZE, REPO } from './scenario.ts';

const PULL_REQUESTS = 30;
const STATES = ['open', 'merged', 'closed'] as const;
/** The pull request whose comment waits for an analysis. */
const PENDING_PULL = 3;

export interface RepositoryScenario {
  devin: FakeDevinApi;
  github: FakeGitHubApi;
  event: WebhookEvent;
  /** Sessions updated in the period, of every repository. */
  periodSessions: number;
  /** Of those, the ones naming a pull request of the repository. */
  repositorySessions: number;
  /** The fewest Devin requests: the scan's pages (the pending session's analysis is already there). */
  devinFloor: number;
  inputs(): Record<string, string>;
  /** Puts the pending comment back, so that every run has one to finish. */
  resetComments(): void;
  close(): Promise<void>;
}

export async function startRepositoryScenario(options: {
  periodSessions: number;
  latencyMs?: number;
  /** What the Devin API's list pages answer as `total`: the true count unless told. */
  answeredTotal?: FakeDevinOptions['answeredTotal'];
}): Promise<RepositoryScenario> {
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
  let repositorySessions = 0;
  let pending: FakeSession | undefined;
  period.forEach((session, index) => {
    if (index % 10 !== 0) return;
    const number = ((index / 10) % PULL_REQUESTS) + 1;
    session.pull_requests = [
      {
        pr_url: `https://github.com/${OWNER}/${REPO}/pull/${number}`,
        pr_state: STATES[number % 3] ?? 'open',
      },
    ];
    repositorySessions += 1;
    if (number === PENDING_PULL) {
      // Devin has analysed the pull request's sessions since the comment was left pending.
      session.analysis = makeAnalysis();
      pending ??= session;
    }
  });
  if (!pending) throw new Error('repository scenario: no session on the pending pull request');

  const latencyMs = options.latencyMs ?? 0;
  const devin = await startFakeDevinApi({
    sessions: [...history, ...period],
    latencyMs,
    checkResponses: false,
    answeredTotal: options.answeredTotal,
  });
  const github = await startFakeGitHubApi({ latencyMs });
  for (let number = 1; number <= PULL_REQUESTS; number++) {
    const state = STATES[number % 3];
    github.addPull({
      owner: OWNER,
      repo: REPO,
      number,
      merged: state === 'merged',
      state: state === 'open' ? 'open' : 'closed',
    });
  }
  const id = pending.session_id;
  const pendingBody = pendingCommentBody([id]);
  const comment = github.addComment({
    owner: OWNER,
    repo: REPO,
    issue_number: PENDING_PULL,
    body: pendingBody,
  });

  return {
    devin,
    github,
    event: scheduleEvent({ owner: OWNER, repo: REPO }),
    periodSessions: options.periodSessions,
    repositorySessions,
    devinFloor: Math.ceil(options.periodSessions / PAGE_SIZE),
    inputs: () => ({
      'devin-api-key': DEVIN_KEY,
      'devin-api-url': devin.url,
      'github-token': GITHUB_TOKEN,
      'poll-interval': '1',
      'wait-timeout': '10',
    }),
    resetComments: () => {
      comment.body = pendingBody;
    },
    close: async () => {
      await Promise.all([devin.close(), github.close()]);
    },
  };
}
