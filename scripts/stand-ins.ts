/**
 * The test stand-ins for the Devin and GitHub APIs on 127.0.0.1, seeded with one pull request, for running
 * the action outside the test suite: the self-test job of .github/workflows/ci.yml runs the action with
 * `uses: ./` against them.
 *
 *   node scripts/stand-ins.ts               start them in the background, print their variables (and append
 *                                        them to $GITHUB_ENV when it is set), and return
 *   node scripts/stand-ins.ts --foreground  serve in the foreground until interrupted
 *
 * The scene: pull request acme/shop#101 was just opened and links two Devin sessions. One is analysed; the
 * other has no analysis yet, and Devin produces it on the second read after the action asks for it. Both
 * analyses report an `Environment` issue of high impact.
 */
import { fork } from 'node:child_process';
import { appendFileSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startFakeDevinApi } from '../test/fakes/devin-api.ts';
import { BASE_TIME, makeSession } from '../test/fakes/devin-data.ts';
import { startFakeGitHubApi } from '../test/fakes/github-api.ts';
import { pullRequestEvent } from '../test/fakes/webhooks.ts';

export const STAND_IN_TOKEN = 'ghs_fake_token';
export const STAND_IN_PULL = { owner: 'acme', repo: 'shop', number: 101 } as const;

/** The preload that points the action at the stand-ins (see scripts/stand-ins-env.ts). */
const PRELOAD = fileURLToPath(new URL('./stand-ins-env.ts', import.meta.url));
const READY_TIMEOUT_MS = 15_000;

export interface StandIns {
  /** NAME → value, as written to $GITHUB_ENV. */
  variables: Record<string, string>;
  close(): Promise<void>;
}

/** Starts both stand-ins with the scene above and writes the pull request event file. */
export async function startStandIns(): Promise<StandIns> {
  const { owner, repo, number } = STAND_IN_PULL;
  const pullUrl = `https://github.com/${owner}/${repo}/pull/${number}`;
  const analysed = makeSession({
    title: 'Address review comments on the checkout test',
    pull_requests: [{ pr_url: `https://github.com/Acme/Shop/pulls/${number}/files`, pr_state: 'open' }],
    acus_consumed: 2.5,
    session_size: 's',
  });
  const pending = makeSession({
    title: 'Fix flaky checkout integration test',
    pull_requests: [{ pr_url: pullUrl, pr_state: 'open' }],
    acus_consumed: 3.4,
    session_size: 's',
    analysis: null,
  });
  const body = [
    'Stabilises the checkout integration test.',
    '',
    `Link to Devin run: https://app.devin.ai/sessions/${pending.session_id}`,
    `Link to Devin Session: https://app.devin.ai/sessions/${analysed.session_id}`,
  ].join('\n');
  const createdAt = new Date(BASE_TIME * 1000).toISOString();

  const devin = await startFakeDevinApi({
    sessions: [pending, analysed],
    generation: { [pending.session_id]: { readsUntilReady: 2 } },
  });
  const github = await startFakeGitHubApi();
  github.addPull({ owner, repo, number, body, created_at: createdAt });

  const event = pullRequestEvent('opened', { owner, repo, number, body, createdAt });
  const eventPath = join(mkdtempSync(join(tmpdir(), 'devin-insights-stand-ins-')), 'event.json');
  writeFileSync(eventPath, JSON.stringify(event.payload));

  return {
    variables: {
      DEVIN_STAND_IN_URL: devin.url,
      GITHUB_STAND_IN_URL: github.url,
      GITHUB_STAND_IN_TOKEN: STAND_IN_TOKEN,
      GITHUB_STAND_IN_EVENT_NAME: event.eventName,
      GITHUB_STAND_IN_EVENT_PATH: eventPath,
      GITHUB_STAND_IN_COMMENTS_URL: `${github.url}/repos/${owner}/${repo}/issues/${number}/comments`,
      STAND_INS_NODE_OPTIONS: `--import=${pathToFileURL(PRELOAD).href}`,
      STAND_INS_PID: String(process.pid),
    },
    close: () => Promise.all([devin.close(), github.close()]).then(() => undefined),
  };
}

function format(variables: Record<string, string>): string {
  return Object.entries(variables)
    .map(([name, value]) => `${name}=${value}\n`)
    .join('');
}

async function serveInForeground(): Promise<void> {
  const standIns = await startStandIns();
  const stop = () => void standIns.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  if (process.send) {
    process.send(standIns.variables);
  } else {
    process.stdout.write(format(standIns.variables));
  }
}

/** Forks the foreground server detached, with its output in a log file, and returns once it listens. */
async function startInBackground(): Promise<void> {
  const log = join(process.env.RUNNER_TEMP || tmpdir(), 'devin-insights-stand-ins.log');
  const output = openSync(log, 'a');
  const child = fork(fileURLToPath(import.meta.url), ['--foreground'], {
    detached: true,
    stdio: ['ignore', output, output, 'ipc'],
  });
  const variables = await new Promise<Record<string, string>>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`The stand-ins did not start; see ${log}.`)),
      READY_TIMEOUT_MS,
    );
    child.once('message', (message) => {
      clearTimeout(timer);
      resolve(message as Record<string, string>);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The stand-ins exited with code ${code}; see ${log}.`));
    });
  });
  child.removeAllListeners('exit');
  child.disconnect();
  child.unref();
  const lines = format(variables);
  if (process.env.GITHUB_ENV) appendFileSync(process.env.GITHUB_ENV, lines);
  process.stdout.write(lines);
  process.stdout.write(`Stand-ins running (log: ${log}); stop them with: kill ${variables.STAND_INS_PID}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const run = process.argv.includes('--foreground') ? serveInForeground() : startInBackground();
  run.catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
