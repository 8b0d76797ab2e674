/**
 * An answer that trickles in, a byte every so often, never stalls long enough for a timeout between chunks.
 * Each attempt has a time for its whole answer; the run, in-process with a short one, ends within a bounded
 * time and names the endpoint. The servers are real, on loopback; the retries wait on the fake clock.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { DevinClient } from '../../src/devin/client.ts';
import { FakeClock } from '../fake-clock.ts';
import { startFakeDevinApi } from '../fakes/devin-api.ts';
import { BASE_TIME } from '../fakes/devin-data.ts';
import { startFakeGitHubApi } from '../fakes/github-api.ts';
import { trickle } from '../fakes/trickle.ts';
import { pullRequestEvent, workflowDispatchEvent } from '../fakes/webhooks.ts';
import { inProcessRuns } from './in-process.ts';

const runInProcess = inProcessRuns();
const open: { close(): Promise<void> }[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()));
});

const ATTEMPT_MS = 300;
/** Five attempts of ATTEMPT_MS, with room for a slow machine; a trickle of this page takes minutes. */
const BOUND_MS = 10_000;
const EMPTY_PAGE = JSON.stringify({ items: [], end_cursor: null, has_next_page: false, total: 0 });

async function servers() {
  const devin = await startFakeDevinApi();
  open.push(devin);
  const github = await startFakeGitHubApi();
  open.push(github);
  github.addPull({
    owner: 'acme',
    repo: 'shop',
    number: 7,
    body: '',
    created_at: new Date(BASE_TIME * 1000).toISOString(),
  });
  return { devin, github };
}

describe('an answer that trickles', () => {
  it('from the Devin API ends each attempt in time, and the run fails naming the endpoint', async () => {
    const { devin, github } = await servers();
    devin.injectFault({
      kind: 'enterprise-list',
      status: 200,
      body: `${EMPTY_PAGE}${' '.repeat(200)}`,
      trickleMs: 50,
      times: 5,
    });
    const event = pullRequestEvent('opened', {
      owner: 'acme',
      repo: 'shop',
      number: 7,
      createdAt: new Date(BASE_TIME * 1000).toISOString(),
    });

    const started = performance.now();
    const result = await runInProcess({
      event,
      devinUrl: devin.url,
      githubUrl: github.url,
      retry: { attemptTimeoutMs: ATTEMPT_MS },
    });

    expect(performance.now() - started).toBeLessThan(BOUND_MS);
    expect(result.exitCode, result.log).toBe(1);
    expect(devin.countRequests('enterprise-list')).toBe(5);
    const errors = result.log.split('\n').filter((line) => line.startsWith('::error::'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(
      'The request GET /v3/enterprise/sessions/insights to the Devin API timed out: the answer was not complete within 0.3 s. Gave up after 5 attempts',
    );
    expect(result.outputs).toMatch(/^gate<<.*\nerror\n/m);
  });

  it('from GitHub ends each attempt in time, and the run fails naming the endpoint', async () => {
    const { devin, github } = await servers();
    github.injectFault({
      method: 'GET',
      pathIncludes: '/pulls/7',
      status: 200,
      body: JSON.stringify({ number: 7, body: ' '.repeat(300) }),
      trickleMs: 50,
      times: 5,
    });

    const started = performance.now();
    const result = await runInProcess({
      event: workflowDispatchEvent({ owner: 'acme', repo: 'shop' }),
      devinUrl: devin.url,
      githubUrl: github.url,
      inputs: { 'pr-number': '7' },
      retry: { attemptTimeoutMs: ATTEMPT_MS },
    });

    expect(performance.now() - started).toBeLessThan(BOUND_MS);
    expect(result.exitCode, result.log).toBe(1);
    expect(github.requests.filter((request) => request.path.endsWith('/pulls/7'))).toHaveLength(5);
    const errors = result.log.split('\n').filter((line) => line.startsWith('::error::'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /Reading pull request #7 in acme\/shop from GitHub failed: No complete answer from GET http:\/\/127\.0\.0\.1:\d+\/repos\/acme\/shop\/pulls\/7 within 0\.3 s\./,
    );
  });

  it('after a redirect, ends the attempt with the budget that began with the call', async () => {
    const clock = new FakeClock(0);
    // The redirect answers once nearly all of the budget has gone; the page it points to trickles.
    const server = http.createServer((request, response) => {
      if (request.url?.startsWith('/moved')) {
        trickle(response, 200, { 'content-type': 'application/json' }, Buffer.from(EMPTY_PAGE), 50);
        return;
      }
      clock.current += 9_800;
      response.writeHead(307, { location: '/moved' }).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    open.push({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
    const client = new DevinClient({
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      apiKey: 'cog_trickle_test_key',
      expectedKey: 'a service user key',
      clock,
      retry: { attempts: 1, budgetMs: 10_000, attemptTimeoutMs: 10_000 },
    });

    const started = performance.now();
    const call = client.call(
      { method: 'GET', path: '/v3/enterprise/sessions/insights', permission: 'x' },
      z.unknown(),
    );

    await expect(call).rejects.toThrow('the answer was not complete within 0.2 s');
    expect(performance.now() - started).toBeLessThan(3_000);
    await client.close();
  });
});
