import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inputDefaults } from '../../scripts/readme-tables.ts';

export const DIST_ENTRY: string = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

const MIN_NODE_MAJOR = 24;
const DEFAULT_TIMEOUT_MS = 20_000;
const DEFAULT_SERVER_URL = 'https://github.com';
const DEFAULT_SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';

export interface RunOptions {
  /** e.g. { 'devin-api-key': 'cog_x' } -> INPUT_DEVIN-API-KEY (uppercase, hyphens kept, spaces -> '_') */
  inputs: Record<string, string>;
  event: { eventName: string; payload: Record<string, unknown> };
  githubApiUrl: string;
  /** GITHUB_SERVER_URL, default https://github.com */
  serverUrl?: string;
  /** GITHUB_REPOSITORY, default payload.repository.full_name */
  repository?: string;
  /** extra or overriding environment variables; undefined deletes */
  env?: Record<string, string | undefined>;
  /** kill the action after this long, default 20000 */
  timeoutMs?: number;
  /** script to run instead of dist/index.js */
  entry?: string;
}

export interface RunResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** parsed JSON of the file named by outputs.report, if any */
  reportFile?: unknown;
  tempDir: string;
  /** removes tempDir; also registered with vitest's onTestFinished when running inside a test */
  cleanup(): Promise<void>;
}

interface RunFiles {
  tempDir: string;
  eventPath: string;
  outputPath: string;
  summaryPath: string;
  runnerTemp: string;
}

type Payload = Record<string, unknown>;

function assertNodeVersion(): void {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < MIN_NODE_MAJOR) {
    throw new Error(
      `The e2e harness needs Node >= ${MIN_NODE_MAJOR} (the action's runtime) but runs on ${process.version}; ` +
        'run the tests with node_modules/.bin/node (npx vitest)',
    );
  }
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Payload)[key] : undefined;
}

function stringField(value: unknown, ...keys: string[]): string | undefined {
  const found = keys.reduce<unknown>((current, key) => field(current, key), value);
  return typeof found === 'string' ? found : undefined;
}

/** GHES serves GraphQL at /api/graphql next to the REST base /api/v3. */
function graphqlUrlFor(apiUrl: string): string {
  const base = apiUrl.replace(/\/+$/, '');
  return base.endsWith('/api/v3') ? `${base.slice(0, -'/v3'.length)}/graphql` : `${base}/graphql`;
}

/** The environment variable the runner passes input `name` in. */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

function resolveRepository(options: RunOptions): string {
  const repository = options.repository ?? stringField(options.event.payload, 'repository', 'full_name');
  if (!repository) {
    throw new Error('runAction: pass `repository` when the event payload has no repository.full_name');
  }
  return repository;
}

function refFor(event: RunOptions['event']): string {
  const number = field(event.payload, 'number') ?? field(field(event.payload, 'pull_request'), 'number');
  if (event.eventName.startsWith('pull_request') && number !== undefined) return `refs/pull/${number}/merge`;
  return stringField(event.payload, 'ref') ?? 'refs/heads/main';
}

function pullRequestRefs(payload: Payload): Record<string, string> {
  const head = stringField(payload, 'pull_request', 'head', 'ref');
  const base = stringField(payload, 'pull_request', 'base', 'ref');
  return head && base ? { GITHUB_HEAD_REF: head, GITHUB_BASE_REF: base } : {};
}

function runnerEnv(options: RunOptions, files: RunFiles, repository: string): Record<string, string> {
  const { eventName, payload } = options.event;
  const apiUrl = options.githubApiUrl.replace(/\/+$/, '');
  return {
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: files.eventPath,
    GITHUB_OUTPUT: files.outputPath,
    GITHUB_STEP_SUMMARY: files.summaryPath,
    GITHUB_API_URL: apiUrl,
    GITHUB_GRAPHQL_URL: graphqlUrlFor(apiUrl),
    GITHUB_SERVER_URL: options.serverUrl ?? DEFAULT_SERVER_URL,
    GITHUB_REPOSITORY: repository,
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKFLOW: 'Devin session insights',
    GITHUB_JOB: 'insights',
    GITHUB_SHA:
      stringField(payload, 'pull_request', 'head', 'sha') ?? stringField(payload, 'after') ?? DEFAULT_SHA,
    GITHUB_REF: refFor(options.event),
    GITHUB_ACTOR: stringField(payload, 'sender', 'login') ?? 'octocat',
    ...pullRequestRefs(payload),
    RUNNER_TEMP: files.runnerTemp,
    RUNNER_OS: 'Linux',
  };
}

function buildEnv(options: RunOptions, files: RunFiles, repository: string): Record<string, string> {
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...runnerEnv(options, files, repository),
  };
  for (const [name, value] of Object.entries({ ...inputDefaults(), ...options.inputs })) {
    env[inputEnvName(name)] = value;
  }
  Object.assign(env, options.env);
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

async function prepareFiles(payload: Payload): Promise<RunFiles> {
  const tempDir = await mkdtemp(path.join(os.tmpdir(), 'action-e2e-'));
  const files: RunFiles = {
    tempDir,
    eventPath: path.join(tempDir, 'event.json'),
    outputPath: path.join(tempDir, 'github_output'),
    summaryPath: path.join(tempDir, 'step_summary.md'),
    runnerTemp: path.join(tempDir, 'runner_temp'),
  };
  await mkdir(files.runnerTemp);
  await writeFile(files.eventPath, JSON.stringify(payload, null, 2));
  await writeFile(files.outputPath, '');
  await writeFile(files.summaryPath, '');
  return files;
}

/** Parses the GITHUB_OUTPUT file-command format: `name<<DELIMITER` blocks and `name=value` lines. */
function parseFileCommands(text: string): Record<string, string> {
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  const outputs: Record<string, string> = {};
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name = '', delimiter] = heredoc;
      const end = lines.indexOf(delimiter ?? '', index + 1);
      if (end === -1) throw new Error(`GITHUB_OUTPUT: no closing delimiter for '${name}'`);
      outputs[name] = lines.slice(index + 1, end).join('\n');
      index = end;
      continue;
    }
    const assignment = /^([^=]+)=(.*)$/.exec(line);
    if (assignment) outputs[assignment[1] ?? ''] = assignment[2] ?? '';
  }
  return outputs;
}

async function readReport(reportPath: string | undefined, cwd: string): Promise<unknown> {
  if (!reportPath) return undefined;
  const absolute = path.resolve(cwd, reportPath);
  if (!existsSync(absolute)) return undefined;
  const text = await readFile(absolute, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`outputs.report names ${absolute}, which is not JSON: ${String(error)}`);
  }
}

async function registerCleanup(cleanup: () => Promise<void>): Promise<void> {
  if (!process.env.VITEST) return;
  const { onTestFinished } = await import('vitest');
  try {
    onTestFinished(cleanup);
  } catch {
    // Outside a running test (e.g. in beforeAll) the caller has to call cleanup() itself.
  }
}

interface ChildResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

function runChild(
  entry: string,
  env: Record<string, string>,
  cwd: string,
  timeoutMs: number,
): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `Action timed out after ${timeoutMs} ms\n--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`,
        ),
      );
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, stdout, stderr });
    });
  });
}

/** Runs the bundled action like the Actions runner does: a fresh Node process with runner env and file commands. */
export async function runAction(options: RunOptions): Promise<RunResult> {
  assertNodeVersion();
  const entry = options.entry ?? DIST_ENTRY;
  if (!existsSync(entry)) throw new Error(`runAction: ${entry} does not exist (run \`npm run build\` first)`);
  const repository = resolveRepository(options);
  const files = await prepareFiles(options.event.payload);
  const cleanup = () => rm(files.tempDir, { recursive: true, force: true });
  await registerCleanup(cleanup);
  const env = buildEnv(options, files, repository);
  const child = await runChild(entry, env, files.tempDir, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const outputs = parseFileCommands(await readFile(files.outputPath, 'utf8'));
  return {
    ...child,
    outputs,
    summary: await readFile(files.summaryPath, 'utf8'),
    reportFile: await readReport(outputs.report, files.tempDir),
    tempDir: files.tempDir,
    cleanup,
  };
}
