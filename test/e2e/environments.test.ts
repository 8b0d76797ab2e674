import { afterEach, describe, expect, it } from 'vitest';
import { BASE_TIME, makeSession } from '../fakes/devin-data.ts';
import { type FakeProxy, startProxy } from '../fakes/proxy.ts';
import { workflowDispatchEvent } from '../fakes/webhooks.ts';
import { runAction } from './harness.ts';
import { commentBody, DEVIN_KEY, GITHUB_TOKEN, stage } from './stage.ts';

const repo = { owner: 'platform', repo: 'billing' };
const GHES = 'https://ghes.example.com';
const link = (id: string) => `Link to Devin Session: https://app.devin.ai/sessions/${id}`;

describe('GitHub Enterprise Server', () => {
  it('matches pull requests on the server host and talks to GITHUB_API_URL', async () => {
    const onGhes = makeSession({
      pull_requests: [{ pr_url: `${GHES}/platform/billing/pull/5`, pr_state: 'open' }],
      updated_at: BASE_TIME + 600,
    });
    const onDotCom = makeSession({
      pull_requests: [{ pr_url: 'https://github.com/platform/billing/pull/5', pr_state: 'open' }],
      updated_at: BASE_TIME + 700,
    });
    const { devin, github } = await stage(
      { sessions: [onGhes, onDotCom] },
      {
        pathPrefix: '/api/v3',
        htmlHost: 'ghes.example.com',
        pulls: [
          { ...repo, number: 5, body: 'No link', created_at: new Date(BASE_TIME * 1000).toISOString() },
        ],
      },
    );

    const result = await runAction({
      event: workflowDispatchEvent({ ...repo, serverUrl: GHES }),
      githubApiUrl: github.url,
      serverUrl: GHES,
      inputs: {
        'devin-api-key': DEVIN_KEY,
        'devin-api-url': devin.url,
        'github-token': GITHUB_TOKEN,
        'pr-number': '5',
      },
    });

    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs['session-ids']).toBe(JSON.stringify([onGhes.session_id]));
    expect(result.outputs['comment-url']).toMatch(
      /^https:\/\/ghes\.example\.com\/platform\/billing\/pull\/5#issuecomment-/,
    );
    expect(commentBody(github, 'platform', 'billing', 5)).toContain(
      `${GHES}/platform/billing/actions/runs/4242`,
    );
  });
});

describe('proxies', () => {
  let proxy: FakeProxy | undefined;
  afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
  });

  it('sends the Devin requests through HTTP_PROXY, and NO_PROXY bypasses it', async () => {
    proxy = await startProxy();
    const session = makeSession({
      pull_requests: [{ pr_url: 'https://github.com/platform/billing/pull/6', pr_state: 'open' }],
    });
    const { devin, github, pullRequest } = await stage({ sessions: [session] });
    const event = pullRequest('opened', { ...repo, number: 6, body: link(session.session_id) });
    const devinHost = new URL(devin.url).host;
    const runWith = (env: Record<string, string>) =>
      runAction({
        event,
        githubApiUrl: github.url,
        inputs: { 'devin-api-key': DEVIN_KEY, 'devin-api-url': devin.url, 'github-token': GITHUB_TOKEN },
        env,
      });

    const proxied = await runWith({ HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url });
    const devinThroughProxy = proxy.requests.filter((request) => request.target.includes(devinHost));
    const bypassed = await runWith({ HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url, NO_PROXY: devinHost });

    expect(proxied.exitCode, proxied.stdout).toBe(0);
    expect(bypassed.exitCode, bypassed.stdout).toBe(0);
    expect(devinThroughProxy.length).toBeGreaterThanOrEqual(1);
    expect(proxy.requests.filter((request) => request.target.includes(devinHost))).toHaveLength(
      devinThroughProxy.length,
    );
    // Each run: the link by its id, and what changed since the pull request was created.
    expect(devin.requests).toHaveLength(4);
  });
});
