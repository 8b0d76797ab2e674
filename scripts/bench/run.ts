/**
 * `npm run bench`: runs the bundled action (dist/index.js) as the runner would, against the fake Devin and
 * GitHub APIs, for the linked, window and merged cases at each window size and latency, a scheduled
 * repository-mode run with that many sessions in its period, and an organisation-wide one (`acme/*`, ten
 * repositories) whose period holds that many sessions of its repositories, side by side with the smallest
 * toolkit action (built now with the same ncc flags), and prints one Markdown table. The
 * no-input case runs it with the runner's environment but no inputs at all: it fails at the first input, so it
 * times loading alone. The small-scan case counts the Devin requests of scans of a few pages, with and without
 * a total on the list pages, in a second table.
 *
 *   node scripts/bench/run.ts [--sessions 10000,100000] [--latency 0,100]
 *                          [--cases no-input,linked,window,merged,repository,organisation,small-scan]
 *                          [--repeat 5] [--slow-ms 3000] [--out bench.md]
 *
 * Each flag can also be given as BENCH_SESSIONS, BENCH_LATENCY, BENCH_CASES, BENCH_REPEAT, BENCH_SLOW_MS,
 * BENCH_OUT. BENCH_NODE_OPTIONS adds Node options to the benchmarked processes (for example
 * `--cpu-prof --cpu-prof-dir=prof` to see where a run spends its time). Runs shorter than --slow-ms are
 * repeated --repeat times, each next to a baseline run, and the medians are reported; longer ones run once. It benchmarks dist/ as it is: `npm run build` first.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DIST_ENTRY, type RunResult, runAction } from '../../test/e2e/harness.ts';
import type { RecordedRequest } from '../../test/fakes/devin-api.ts';
import type { FakeGitHubRequest } from '../../test/fakes/github-api.ts';
import { type Baseline, buildBaseline, directoryBytes, ROOT } from './baseline.ts';
import { type OrganisationScenario, startOrganisationScenario } from './organisation-scenario.ts';
import { type RepositoryScenario, startRepositoryScenario } from './repository-scenario.ts';
import {
  CASE_NAMES,
  type Case,
  type CaseName,
  CREATED_AT,
  DEVIN_KEY,
  isGitHubWrite,
  listingCount,
  median,
  PAGE_SIZE,
  repeated,
  requestKey,
  type Scenario,
  startScenario,
  withoutInputs,
} from './scenario.ts';

const REPORTER = pathToFileURL(path.join(ROOT, 'scripts/bench/rss-reporter.mjs')).href;
const RUN_TIMEOUT_MS = 15 * 60_000;

type BenchCase = 'no-input' | CaseName | 'repository' | 'organisation' | 'small-scan';
const BENCH_CASES: readonly BenchCase[] = [
  'no-input',
  ...CASE_NAMES,
  'repository',
  'organisation',
  'small-scan',
];
/** The sizes of the small-scan case: a few pages each. */
const SMALL_SCANS = [457, 900];

interface Config {
  sessions: number[];
  latencies: number[];
  cases: BenchCase[];
  repeat: number;
  slowMs: number;
  out?: string;
}

interface Sample {
  wallMs: number;
  rssKb: number;
  devin: RecordedRequest[];
  github: FakeGitHubRequest[];
  result: RunResult;
}

/** What every case shares: the settings, the baseline with its samples, and where progress lines go. */
interface Bench {
  config: Config;
  baseline: Baseline;
  baselineSamples: Sample[];
  progress: (line: string) => void;
}

interface Row {
  name: BenchCase;
  sessions: number;
  latencyMs: number;
  samples: Sample[];
  floor: number;
  problems: string[];
}

function numbers(text: string): number[] {
  return text.split(',').map((part) => {
    const value = Number(part.trim());
    if (!Number.isFinite(value) || value < 0) throw new Error(`bench: not a number: "${part}"`);
    return value;
  });
}

function readConfig(): Config {
  const { values } = parseArgs({
    options: {
      sessions: { type: 'string' },
      latency: { type: 'string' },
      cases: { type: 'string' },
      repeat: { type: 'string' },
      'slow-ms': { type: 'string' },
      out: { type: 'string' },
    },
  });
  const env = process.env;
  const cases = (values.cases ?? env.BENCH_CASES ?? BENCH_CASES.join(','))
    .split(',')
    .map((name) => name.trim());
  for (const name of cases) {
    if (!BENCH_CASES.includes(name as BenchCase)) throw new Error(`bench: unknown case "${name}"`);
  }
  return {
    sessions: numbers(values.sessions ?? env.BENCH_SESSIONS ?? '10000,100000'),
    latencies: numbers(values.latency ?? env.BENCH_LATENCY ?? '0,100'),
    cases: cases as BenchCase[],
    repeat: Math.max(1, Number(values.repeat ?? env.BENCH_REPEAT ?? 5)),
    slowMs: Number(values['slow-ms'] ?? env.BENCH_SLOW_MS ?? 3000),
    out: values.out ?? env.BENCH_OUT,
  };
}

/** One run of `entry` (the action or the baseline) for a case, timed from spawn to exit, with its peak RSS. */
async function measure(
  scenario: Pick<Scenario, 'devin' | 'github' | 'inputs' | 'resetComments'>,
  run: Pick<Case, 'event'>,
  entry: string,
  env: Record<string, string | undefined> = {},
): Promise<Sample> {
  const rssDirectory = await mkdtemp(path.join(os.tmpdir(), 'bench-rss-'));
  const rssFile = path.join(rssDirectory, 'max-rss');
  const devinBefore = scenario.devin.requests.length;
  const githubBefore = scenario.github.requests.length;
  scenario.resetComments();
  try {
    const started = performance.now();
    const result = await runAction({
      entry,
      event: run.event,
      githubApiUrl: scenario.github.url,
      inputs: scenario.inputs(),
      env: {
        ...env,
        NODE_OPTIONS: `--import=${REPORTER} ${process.env.BENCH_NODE_OPTIONS ?? ''}`,
        BENCH_RSS_FILE: rssFile,
      },
      timeoutMs: RUN_TIMEOUT_MS,
    });
    const wallMs = performance.now() - started;
    await result.cleanup();
    const rssKb = existsSync(rssFile) ? Number(await readFile(rssFile, 'utf8')) : Number.NaN;
    return {
      wallMs,
      rssKb,
      devin: scenario.devin.requests.slice(devinBefore),
      github: scenario.github.requests.slice(githubBefore),
      result,
    };
  } finally {
    await rm(rssDirectory, { recursive: true, force: true });
  }
}

/** Devin requests above the floor (plus one per listing after the first, see listingCount), or asked twice. */
function devinProblems(sample: Sample, floor: number): string[] {
  const problems: string[] = [];
  const bound = floor + listingCount(sample.devin) - 1;
  if (sample.devin.length > bound)
    problems.push(`${sample.devin.length} Devin requests, floor ${floor}, bound ${bound}`);
  const twice = repeated(sample.devin.map(requestKey));
  if (twice.length) problems.push(`Devin requests repeated: ${twice.join(', ')}`);
  return problems;
}

/** What is wrong with a run of the action: failure, wrong sessions, requests above the floor or repeated. */
function problemsOf(sample: Sample, run: Case): string[] {
  const problems: string[] = [];
  const { result } = sample;
  if (result.exitCode !== 0) problems.push(`exit code ${result.exitCode}: ${result.stdout.slice(-500)}`);
  const found = JSON.parse(result.outputs['session-ids'] ?? '[]') as string[];
  if (JSON.stringify([...found].sort()) !== JSON.stringify(run.expectedSessionIds))
    problems.push(`found ${JSON.stringify(found)}, expected ${JSON.stringify(run.expectedSessionIds)}`);
  problems.push(...devinProblems(sample, run.devinListFloor));
  const githubTwice = repeated(sample.github.map(requestKey));
  if (githubTwice.length) problems.push(`GitHub requests repeated: ${githubTwice.join(', ')}`);
  const writes = sample.github.filter(isGitHubWrite).length;
  if (writes !== 1) problems.push(`${writes} GitHub writes`);
  const listings = sample.github.filter(
    (request) => request.method === 'GET' && /\/comments$/.test(request.path),
  );
  if (listings.some((request) => request.query.get('per_page') !== '100'))
    problems.push('comments not listed 100 per page');
  return problems;
}

/**
 * What is wrong with a repository-mode run: failure, the wrong sessions, requests above the floor (plus one
 * per extra slice of the period's scan), not one write.
 */
function repositoryProblemsOf(sample: Sample, scenario: RepositoryScenario): string[] {
  const problems: string[] = [];
  const { result } = sample;
  if (result.exitCode !== 0) problems.push(`exit code ${result.exitCode}: ${result.stdout.slice(-500)}`);
  const reported = (result.reportFile as { totals?: { sessions?: number } } | undefined)?.totals?.sessions;
  if (reported !== scenario.repositorySessions)
    problems.push(`reported ${reported} sessions, expected ${scenario.repositorySessions}`);
  problems.push(...devinProblems(sample, scenario.devinFloor));
  const writes = sample.github.filter(isGitHubWrite).length;
  if (writes !== 1) problems.push(`${writes} GitHub writes`);
  return problems;
}

/**
 * What is wrong with an organisation-wide run: failure, the wrong sessions or repositories, requests above the
 * floor (plus one per extra slice of the period's scan), not one write per repository.
 */
function organisationProblemsOf(sample: Sample, scenario: OrganisationScenario): string[] {
  const problems: string[] = [];
  const { result } = sample;
  if (result.exitCode !== 0) problems.push(`exit code ${result.exitCode}: ${result.stdout.slice(-500)}`);
  const report = result.reportFile as
    | { totals?: { sessions?: number }; repositories?: unknown[] }
    | undefined;
  if (report?.totals?.sessions !== scenario.periodSessions)
    problems.push(`reported ${report?.totals?.sessions} sessions, expected ${scenario.periodSessions}`);
  if (report?.repositories?.length !== scenario.repositories)
    problems.push(`reported ${report?.repositories?.length} repositories, expected ${scenario.repositories}`);
  problems.push(...devinProblems(sample, scenario.devinFloor));
  const writes = sample.github.filter(isGitHubWrite).length;
  if (writes !== scenario.repositories) problems.push(`${writes} GitHub writes`);
  return problems;
}

/** What is wrong with a run without inputs: anything but failing on the inputs before any request. */
function noInputProblemsOf(sample: Sample): string[] {
  const problems: string[] = [];
  if (sample.result.exitCode !== 1) problems.push(`exit code ${sample.result.exitCode}, expected 1`);
  if (!sample.result.stdout.includes("Input 'devin-api-key'"))
    problems.push(`no input named: ${sample.result.stdout.slice(-500)}`);
  if (sample.devin.length + sample.github.length > 0) problems.push('requests made');
  return problems;
}

/**
 * Runs the action up to `repeat` times into the row, noting each problem once, with a run of the baseline
 * after each; a run slower than `slowMs` ends the repeats (one slow run is figure enough). Then prints the
 * row's median.
 */
async function sampleInto(
  row: Row,
  { config, baseline, baselineSamples, progress }: Bench,
  runWith: (entry: string) => Promise<Sample>,
  problemsOf: (sample: Sample) => string[],
): Promise<void> {
  for (let index = 0; index < config.repeat; index++) {
    const sample = await runWith(DIST_ENTRY);
    row.samples.push(sample);
    for (const problem of problemsOf(sample)) if (!row.problems.includes(problem)) row.problems.push(problem);
    if (sample.wallMs >= config.slowMs) break;
    baselineSamples.push(await runWith(baseline.entry));
  }
  const wall = median(row.samples.map((sample) => sample.wallMs));
  const name =
    row.name === 'no-input' ? row.name : `${row.name}, ${row.sessions} sessions, ${row.latencyMs} ms`;
  progress(`${name}: ${wall.toFixed(0)} ms (${row.samples.length} runs)`);
}

/** A few untimed runs, so that the first timed ones do not pay for cold caches. */
async function warmUpRuns(scenario: Scenario, baseline: Baseline): Promise<void> {
  for (let index = 0; index < 2; index++) {
    await measure(scenario, scenario.cases.linked, baseline.entry);
    await measure(scenario, scenario.cases.linked, DIST_ENTRY);
  }
}

/** The no-input case: the runner's environment and a pull request event, no inputs; it times loading alone. */
async function benchNoInput(bench: Bench, scenario: Scenario): Promise<Row> {
  const run = scenario.cases.linked;
  const noInputs = withoutInputs(scenario);
  const row: Row = { name: 'no-input', sessions: 0, latencyMs: 0, samples: [], floor: 0, problems: [] };
  await sampleInto(row, bench, (entry) => measure(scenario, run, entry, noInputs), noInputProblemsOf);
  return row;
}

/** A scheduled run's case: one run of the scenario, sampled, checked with `problemsOf`, then closed. */
async function benchPeriod<S extends RepositoryScenario | OrganisationScenario>(
  name: 'repository' | 'organisation',
  bench: Bench,
  run: { scenario: S; sessions: number; latencyMs: number },
  problemsOf: (sample: Sample, scenario: S) => string[],
): Promise<Row> {
  const { scenario, sessions, latencyMs } = run;
  const row: Row = { name, sessions, latencyMs, samples: [], floor: scenario.devinFloor, problems: [] };
  try {
    await sampleInto(
      row,
      bench,
      (entry) => measure(scenario, scenario, entry),
      (sample) => problemsOf(sample, scenario),
    );
  } finally {
    await scenario.close();
  }
  return row;
}

interface SmallScan {
  run: string;
  sessions: number;
  total: 'given' | 'omitted';
  requests: number;
  floor: number;
}

/**
 * The Devin requests of a scan of a few pages: a pull request's window run, and a scheduled run's scan of its
 * period (without its listing of waiting comments' sessions by id), with the list pages' total given and left out.
 */
async function smallScans(progress: (line: string) => void): Promise<SmallScan[]> {
  const counts: SmallScan[] = [];
  for (const sessions of SMALL_SCANS) {
    for (const total of ['given', 'omitted'] as const) {
      const answeredTotal = total === 'omitted' ? total : undefined;
      const floor = Math.ceil(sessions / PAGE_SIZE);
      const pullRequest = await startScenario({ windowSessions: sessions, answeredTotal });
      try {
        const sample = await measure(pullRequest, pullRequest.cases.window, DIST_ENTRY);
        counts.push({ run: 'pull request (window)', sessions, total, requests: sample.devin.length, floor });
      } finally {
        await pullRequest.close();
      }
      const repository = await startRepositoryScenario({ periodSessions: sessions, answeredTotal });
      try {
        const sample = await measure(repository, repository, DIST_ENTRY);
        const scan = sample.devin.filter((request) => request.query.has('updated_after')).length;
        counts.push({ run: 'schedule (period scan)', sessions, total, requests: scan, floor });
      } finally {
        await repository.close();
      }
      progress(`small scan, ${sessions} sessions, total ${total}`);
    }
  }
  return counts;
}

function smallScanTable(counts: SmallScan[]): string {
  return [
    '| small scan | sessions | total on the list pages | Devin requests | page floor | floor + 2 |',
    '| --- | ---: | --- | ---: | ---: | ---: |',
    ...counts.map(
      (count) =>
        `| ${count.run}${count.requests > count.floor + 2 ? ' ⚠' : ''} | ${count.sessions} | ${count.total} | ${count.requests} | ${count.floor} | ${count.floor + 2} |`,
    ),
  ].join('\n');
}

/** Makes the fake sort its index and the JIT settle before anything is timed. */
async function warmUp(scenario: Scenario): Promise<void> {
  const url = `${scenario.devin.url}/v3/enterprise/sessions/insights?first=1&updated_after=${CREATED_AT}`;
  const response = await fetch(url, { headers: { authorization: `Bearer ${DEVIN_KEY}` } });
  await response.arrayBuffer();
}

async function benchScenario(bench: Bench, sessions: number, latencyMs: number): Promise<Row[]> {
  const rows: Row[] = [];
  const pullRequestCases = bench.config.cases.filter((name): name is CaseName =>
    CASE_NAMES.includes(name as CaseName),
  );
  if (pullRequestCases.length === 0) return rows;
  const scenario = await startScenario({ windowSessions: sessions, latencyMs, existingComment: true });
  try {
    await warmUp(scenario);
    for (const name of pullRequestCases) {
      const run = scenario.cases[name];
      const row: Row = { name, sessions, latencyMs, samples: [], floor: run.devinListFloor, problems: [] };
      await sampleInto(
        row,
        bench,
        (entry) => measure(scenario, run, entry),
        (sample) => problemsOf(sample, run),
      );
      rows.push(row);
    }
  } finally {
    await scenario.close();
  }
  return rows;
}

const ms = (value: number) => `${value.toFixed(0)} ms`;
const mb = (kb: number) => `${(kb / 1024).toFixed(1)} MB`;
const ratio = (value: number, base: number) => `${(value / base).toFixed(2)}×`;
const bytes = (value: number) => `${(value / 1_000_000).toFixed(2)} MB`;

function table(rows: Row[], baselineSamples: Sample[], distBytes: number, baseline: Baseline): string {
  const baseWall = median(baselineSamples.map((sample) => sample.wallMs));
  const baseRss = median(baselineSamples.map((sample) => sample.rssKb));
  const lines = [
    '| run | sessions in window | latency | Devin requests (floor) | GitHub requests (writes) | wall time (runs) | × baseline | peak RSS | × baseline |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| smallest action (baseline) | – | – | – | – | ${ms(baseWall)} (${baselineSamples.length}) | 1.00× | ${mb(baseRss)} | 1.00× |`,
  ];
  for (const row of rows) {
    const wall = median(row.samples.map((sample) => sample.wallMs));
    const rss = median(row.samples.map((sample) => sample.rssKb));
    const first = row.samples[0] as Sample;
    const writes = first.github.filter(isGitHubWrite).length;
    if (row.name === 'no-input') {
      lines.push(
        `| no inputs${row.problems.length ? ' ⚠' : ''} | – | – | ${first.devin.length} | ${first.github.length} (${writes}) | ` +
          `${ms(wall)} (${row.samples.length}) | ${ratio(wall, baseWall)} | ${mb(rss)} | ${ratio(rss, baseRss)} |`,
      );
      continue;
    }
    lines.push(
      `| ${row.name}${row.problems.length ? ' ⚠' : ''} | ${row.sessions.toLocaleString('en-US')} | ${row.latencyMs} ms | ` +
        `${first.devin.length} (${row.floor}) | ${first.github.length} (${writes}) | ${ms(wall)} (${row.samples.length}) | ` +
        `${ratio(wall, baseWall)} | ${mb(rss)} | ${ratio(rss, baseRss)} |`,
    );
  }
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  lines.push(
    '',
    `Machine: ${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, Node ${process.version}. ` +
      `dist/ ${bytes(distBytes)}; baseline bundle ${bytes(baseline.bytes)}; ncc flags: ${baseline.flags.join(' ') || 'none'}. ` +
      'Wall time: median, spawn to exit; peak RSS: maxRSS of the process, median. Sessions in window: updated since the pull request was created (one more tenth of history before it); ' +
      'for repository, sessions updated in the 7-day period (a tenth of them on 30 pull requests of the repository, one comment to finish; one more tenth of history before it); ' +
      'for organisation, sessions updated in the 7-day period, every one on a pull request of ten repositories listed by `acme/*` with an installation token, three sessions to a pull request (ten open pull requests in each repository, one comment to finish in each; one more tenth of history before it).',
  );
  const problems = rows.flatMap((row) =>
    row.problems.map(
      (problem) => `- ⚠ ${row.name}, ${row.sessions} sessions, ${row.latencyMs} ms: ${problem}`,
    ),
  );
  if (problems.length) lines.push('', ...problems);
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  const config = readConfig();
  if (!existsSync(DIST_ENTRY)) throw new Error('bench: dist/index.js is missing; run `npm run build` first');
  const progress = (line: string) => process.stderr.write(`bench: ${line}\n`);
  progress(`building the baseline with the flags of \`npm run build\`...`);
  const baseline = await buildBaseline();
  try {
    const distBytes = await directoryBytes(path.dirname(DIST_ENTRY));
    const bench: Bench = { config, baseline, baselineSamples: [], progress };
    const rows: Row[] = [];
    // The small scenario of the warm-up runs, the no-input case and the baseline's runs when too few were made.
    const small = await startScenario({ windowSessions: 30, existingComment: true });
    try {
      await warmUpRuns(small, baseline);
      if (config.cases.includes('no-input')) rows.push(await benchNoInput(bench, small));
      const timed = config.cases.some((name) => name !== 'no-input' && name !== 'small-scan');
      for (const sessions of timed ? config.sessions : []) {
        for (const latencyMs of config.latencies) {
          rows.push(...(await benchScenario(bench, sessions, latencyMs)));
          if (config.cases.includes('repository')) {
            // `sessions` in the period, every tenth on one of the repository's pull requests.
            const scenario = await startRepositoryScenario({ periodSessions: sessions, latencyMs });
            const run = { scenario, sessions, latencyMs };
            rows.push(await benchPeriod('repository', bench, run, repositoryProblemsOf));
          }
          if (config.cases.includes('organisation')) {
            // `sessions` in the period, all of them on pull requests of ten repositories.
            const scenario = await startOrganisationScenario({ periodSessions: sessions, latencyMs });
            const run = { scenario, sessions, latencyMs };
            rows.push(await benchPeriod('organisation', bench, run, organisationProblemsOf));
          }
        }
      }
      while (bench.baselineSamples.length < config.repeat)
        bench.baselineSamples.push(await measure(small, small.cases.linked, baseline.entry));
    } finally {
      await small.close();
    }
    const counts = config.cases.includes('small-scan') ? await smallScans(progress) : [];
    const markdown = [
      table(rows, bench.baselineSamples, distBytes, baseline),
      ...(counts.length > 0 ? [`${smallScanTable(counts)}\n`] : []),
    ].join('\n');
    process.stdout.write(markdown);
    if (config.out) await writeFile(config.out, markdown);
  } finally {
    await baseline.remove();
  }
}

await main();
