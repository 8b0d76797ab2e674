/**
 * run() in-process, driven through its dependencies: inputs, event, and a fake clock, so that the wait for
 * Devin's analysis takes no real time. The APIs are the fakes on loopback; @actions/core writes to files.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { inputDefaults } from '../../scripts/readme-tables.ts';
import { run } from '../../src/main.ts';
import { FakeClock } from '../fake-clock.ts';
import { startFakeDevinApi } from '../fakes/devin-api.ts';
import { BASE_TIME, makeSession } from '../fakes/devin-data.ts';
import { startFakeGitHubApi } from '../fakes/github-api.ts';
import { pullRequestEvent } from '../fakes/webhooks.ts';

const ENV_NAMES = ['GITHUB_OUTPUT', 'RUNNER_TEMP', 'GITHUB_STEP_SUMMARY'] as const;
const savedEnv = Object.fromEntries(ENV_NAMES.map((name) => [name, process.env[name]]));
let directory: string;
let log: string[];

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'run-test-'));
  // The runner's log goes to stdout; keep it out of the test output.
  log = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => log.push(String(chunk)) > 0);
});

afterEach(async () => {
  vi.restoreAllMocks();
  for (const name of ENV_NAMES) {
    if (savedEnv[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnv[name];
  }
  process.exitCode = undefined;
  await rm(directory, { recursive: true, force: true });
});

it('waits for the generated analysis on the injected clock, then comments and passes', async () => {
  const prUrl = 'https://github.com/acme/shop/pull/7';
  const session = makeSession({
    pull_requests: [{ pr_url: prUrl, pr_state: 'open' }],
    created_at: BASE_TIME + 60,
    updated_at: BASE_TIME + 3_600,
    analysis: null,
  });
  const devin = await startFakeDevinApi({
    sessions: [session],
    generation: { [session.session_id]: { readsUntilReady: 2 } },
  });
  const github = await startFakeGitHubApi();
  try {
    process.env.GITHUB_OUTPUT = join(directory, 'output');
    await writeFile(process.env.GITHUB_OUTPUT, '');
    process.env.RUNNER_TEMP = directory;
    delete process.env.GITHUB_STEP_SUMMARY;
    const target = {
      owner: 'acme',
      repo: 'shop',
      number: 7,
      body: `Link to Devin run: https://app.devin.ai/sessions/${session.session_id}`,
      createdAt: new Date(BASE_TIME * 1000).toISOString(),
    };
    github.addPull({ ...target, created_at: target.createdAt, merged: false, state: 'open' });
    const event = pullRequestEvent('opened', target);
    const inputs: Record<string, string> = {
      ...inputDefaults(),
      'devin-api-key': 'cog_in_process_key_7d2e',
      'devin-api-url': devin.url,
      'github-token': 'ghs_fake_token',
      'poll-interval': '10',
    };
    const clock = new FakeClock(Date.parse('2025-10-03T08:15:00Z'));

    await run({
      readInput: (name) => inputs[name] ?? '',
      readContext: () => ({
        eventName: event.eventName,
        payload: event.payload,
        repo: { owner: 'acme', repo: 'shop' },
      }),
      clock,
      githubApiUrl: github.url,
    });

    expect(process.exitCode ?? 0, log.join('')).toBe(0);
    // Two polls, the second interval backed off by 1.5: the analysis appears on the second read.
    expect(clock.sleeps).toEqual([10_000, 15_000]);
    const outputs = await readFile(join(directory, 'output'), 'utf8');
    expect(outputs).toMatch(/^gate<<.*\npass\n/m);
    expect(outputs).toContain(`["${session.session_id}"]`);
    const [comment] = github.commentsOn('acme', 'shop', 7);
    expect(comment?.body, log.join('')).toContain('Data read from the Devin API at 2025-10-03T08:15:25Z');
  } finally {
    await devin.close();
    await github.close();
  }
});
