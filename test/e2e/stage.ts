import { onTestFinished } from 'vitest';
import { MARKER } from '../fakes/action-comment.ts';
import { type FakeDevinApi, type FakeDevinOptions, startFakeDevinApi } from '../fakes/devin-api.ts';
import { BASE_TIME, type FakeSession, makeSession } from '../fakes/devin-data.ts';
import { type FakeGitHubApi, type FakeGitHubOptions, startFakeGitHubApi } from '../fakes/github-api.ts';
import {
  mergeGroupEvent,
  type PullRequestAction,
  type PullRequestCarrierEvent,
  type PullRequestTarget,
  pullRequestCarrierEvent,
  pullRequestEvent,
  type WebhookEvent,
} from '../fakes/webhooks.ts';
import { type RunResult, runAction } from './harness.ts';

export { MARKER };

export const DEVIN_KEY = 'cog_e2e_service_user_key_5c1f';
export const GITHUB_TOKEN = 'ghs_fake_token';

/** The CSV the action wrote, as objects by column (no cell of these tests holds a comma or quote). */
export function parseCsv(text: string): Record<string, string>[] {
  const [header = '', ...lines] = text.split('\r\n').filter((line) => line !== '');
  const columns = header.split(',');
  return lines.map((line) =>
    Object.fromEntries(line.split(',').map((cell, index) => [columns[index], cell])),
  );
}

/** The line of a pull request body that links a Devin session. */
export const link = (id: string) => `Link to Devin run: https://app.devin.ai/sessions/${id}`;
/** Seconds since the epoch as the ISO time GitHub writes. */
export const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

/** A session that lists pull request `number` of acme/shop, created a minute after BASE_TIME and last updated an hour after it. */
export function sessionOn(number: number, overrides: Partial<FakeSession> = {}): FakeSession {
  return makeSession({
    pull_requests: [{ pr_url: `https://github.com/acme/shop/pull/${number}`, pr_state: 'open' }],
    created_at: BASE_TIME + 60,
    updated_at: BASE_TIME + 3_600,
    ...overrides,
  });
}

export interface Stage {
  devin: FakeDevinApi;
  github: FakeGitHubApi;
  /** A real pull_request webhook payload for a pull request that the fake GitHub also serves. */
  pullRequest(
    action: PullRequestAction,
    target: PullRequestTarget,
    eventName?: 'pull_request' | 'pull_request_target',
  ): WebhookEvent;
  /** A real review or review comment payload on an open pull request that the fake GitHub also serves. */
  pullRequestCarrier(eventName: PullRequestCarrierEvent, target: PullRequestTarget): WebhookEvent;
  /** A real merge_group payload testing an open pull request that the fake GitHub serves. */
  mergeGroup(target: PullRequestTarget): WebhookEvent;
  /** Closes both fakes: for a stage made outside a test, which closes its own when it finishes. */
  close(): Promise<void>;
  /** Runs dist/index.js against both fakes, polling at the floor of poll-interval unless the inputs say otherwise. */
  run(
    event: WebhookEvent,
    inputs?: Record<string, string>,
    env?: Record<string, string | undefined>,
  ): Promise<RunResult>;
}

/**
 * Both fake APIs on loopback, closed when the test that staged them finishes; staged outside a test (in
 * beforeAll), closed by the caller with `close`. (Registered with the test itself: a hook at this module's top
 * would run only in the first test file of a worker, as files share loaded modules.)
 */
export async function stage(
  devinOptions: FakeDevinOptions = {},
  githubOptions: FakeGitHubOptions = {},
): Promise<Stage> {
  const devin = await startFakeDevinApi(devinOptions);
  const github = await startFakeGitHubApi(githubOptions).catch(async (error: unknown) => {
    await devin.close();
    throw error;
  });
  const close = async () => {
    await Promise.all([devin.close(), github.close()]);
  };
  try {
    onTestFinished(close);
  } catch {
    // Outside a running test: the caller closes the stage.
  }
  const addPull = (state: 'open' | 'closed', target: PullRequestTarget, event?: WebhookEvent) =>
    github.addPull({
      headSha: (event?.payload.pull_request as { head?: { sha?: string } } | undefined)?.head?.sha,
      owner: target.owner,
      repo: target.repo,
      number: target.number,
      body: target.body ?? null,
      created_at: target.createdAt,
      merged: target.merged ?? false,
      state,
      labels: target.labels,
    });
  return {
    devin,
    github,
    close,
    pullRequest(action, target, eventName = 'pull_request') {
      const event = pullRequestEvent(action, target, eventName);
      addPull(action === 'closed' ? 'closed' : 'open', target, event);
      return event;
    },
    pullRequestCarrier(eventName, target) {
      const event = pullRequestCarrierEvent(eventName, target);
      addPull('open', target, event);
      return event;
    },
    mergeGroup(target) {
      addPull('open', target);
      return mergeGroupEvent(target, target.number);
    },
    run: (event, inputs = {}, env = {}) =>
      runAction({
        event,
        githubApiUrl: github.url,
        inputs: {
          'devin-api-key': DEVIN_KEY,
          'devin-api-url': devin.url,
          'github-token': GITHUB_TOKEN,
          // The floor of poll-interval: the first read comes at once, and the fake answers ready on it.
          'poll-interval': '1',
          'wait-timeout': '10',
          ...inputs,
        },
        env,
      }),
  };
}

/** The body of the action's comment, without its marker. */
export function commentBody(github: FakeGitHubApi, owner: string, repo: string, number: number): string {
  const ours = github.commentsOn(owner, repo, number).filter((comment) => comment.body.includes(MARKER));
  if (ours.length !== 1) throw new Error(`expected one comment with the marker, found ${ours.length}`);
  return ours[0]?.body ?? '';
}
