/**
 * run() in-process, driven through its dependencies: inputs, event, a fake clock (so that waits take no real
 * time) and the retry policy. The APIs are real servers on loopback; @actions/core writes to files and stdout,
 * which is caught as the log.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, vi } from 'vitest';
import { inputDefaults } from '../../scripts/readme-tables.ts';
import type { RetryPolicy } from '../../src/http/retry-policy.ts';
import { run } from '../../src/main.ts';
import { FakeClock } from '../fake-clock.ts';
import type { WebhookEvent } from '../fakes/webhooks.ts';

const ENV_NAMES = ['GITHUB_OUTPUT', 'RUNNER_TEMP', 'GITHUB_STEP_SUMMARY'] as const;

export interface InProcessOptions {
  event: WebhookEvent;
  devinUrl: string;
  githubUrl: string;
  inputs?: Record<string, string>;
  clock?: FakeClock;
  retry?: Partial<RetryPolicy>;
  onScanned?: () => void;
}

export interface InProcessResult {
  exitCode: number;
  /** What the run wrote to stdout: its log and workflow commands. */
  log: string;
  /** The GITHUB_OUTPUT file. */
  outputs: string;
  clock: FakeClock;
}

/** Registers the set-up and clean-up of in-process runs with the test file; answers the runner. */
export function inProcessRuns(): (options: InProcessOptions) => Promise<InProcessResult> {
  const savedEnv = Object.fromEntries(ENV_NAMES.map((name) => [name, process.env[name]]));
  let directory = '';
  let log: string[] = [];

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

  return async (options) => {
    const output = join(directory, 'output');
    process.env.GITHUB_OUTPUT = output;
    await writeFile(output, '');
    process.env.RUNNER_TEMP = directory;
    delete process.env.GITHUB_STEP_SUMMARY;
    const inputs: Record<string, string> = {
      ...inputDefaults(),
      'devin-api-key': 'cog_in_process_key_7d2e',
      'devin-api-url': options.devinUrl,
      'github-token': 'ghs_fake_token',
      ...options.inputs,
    };
    const clock = options.clock ?? new FakeClock(Date.parse('2025-10-03T08:15:00Z'));
    const { event } = options;
    await run({
      readInput: (name) => inputs[name] ?? '',
      readContext: () => ({
        eventName: event.eventName,
        payload: event.payload,
        repo: { owner: 'acme', repo: 'shop' },
      }),
      clock,
      retry: options.retry,
      githubApiUrl: options.githubUrl,
      onScanned: options.onScanned,
    });
    return {
      exitCode: Number(process.exitCode ?? 0),
      log: log.join(''),
      outputs: await readFile(output, 'utf8'),
      clock,
    };
  };
}
