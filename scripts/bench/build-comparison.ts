/**
 * Would a minified bundle start faster? Builds the action twice, as it ships (`ncc build`, readable) and with
 * `--minify`, then runs both alternately (ABAB…, so that the machine's drift touches both alike) on a run
 * without inputs (loading alone) and on a linked pull request run against the fake APIs, and prints the
 * medians, the spread and the paired differences. `npm run build` stays readable unless the gain is beyond
 * the spread (docs/performance.md has the measurement).
 *
 *   node scripts/bench/build-comparison.ts [--runs 40]
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runAction } from '../../test/e2e/harness.ts';
import { NCC_CLI, ROOT } from './baseline.ts';
import { median, startScenario, withoutInputs } from './scenario.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '40' } } });
const RUNS = Number(values.runs);

interface Variant {
  name: string;
  entry: string;
}

function build(directory: string, minify: boolean): string {
  const flags = minify ? ['--minify'] : [];
  execFileSync(
    process.execPath,
    [NCC_CLI, 'build', path.join(ROOT, 'src/index.ts'), '-o', directory, ...flags],
    {
      cwd: ROOT,
      stdio: 'ignore',
    },
  );
  return path.join(directory, 'index.js');
}

const quantile = (values: number[], q: number) =>
  [...values].sort((a, b) => a - b)[Math.floor(q * (values.length - 1))] ?? 0;

const workspace = await mkdtemp(path.join(os.tmpdir(), 'build-comparison-'));
const scenario = await startScenario({ windowSessions: 30, existingComment: true });
try {
  const variants: Variant[] = [
    { name: 'readable (ncc)', entry: build(path.join(workspace, 'readable'), false) },
    { name: 'minified', entry: build(path.join(workspace, 'minified'), true) },
  ];
  const linked = scenario.cases.linked;
  const noInputs = withoutInputs(scenario);
  for (const kind of ['no inputs', 'linked run'] as const) {
    const times = new Map<string, number[]>(variants.map((variant) => [variant.name, []]));
    for (let run = 0; run < RUNS; run += 1) {
      // Alternate which variant goes first, so that neither always follows the other.
      const order = run % 2 === 0 ? variants : [...variants].reverse();
      for (const variant of order) {
        scenario.resetComments();
        const started = performance.now();
        const result = await runAction({
          entry: variant.entry,
          event: linked.event,
          githubApiUrl: scenario.github.url,
          inputs: kind === 'linked run' ? scenario.inputs() : {},
          env: kind === 'no inputs' ? noInputs : {},
        });
        times.get(variant.name)?.push(performance.now() - started);
        await result.cleanup();
      }
    }
    const [a = [], b = []] = variants.map((variant) => times.get(variant.name) ?? []);
    const differences = a.map((value, index) => value - (b[index] ?? 0));
    console.log(`\n${kind}, ${RUNS} runs each, alternating:`);
    for (const variant of variants) {
      const samples = times.get(variant.name) ?? [];
      console.log(
        `  ${variant.name.padEnd(18)} median ${median(samples).toFixed(1)} ms, p10–p90 ${quantile(samples, 0.1).toFixed(1)}–${quantile(samples, 0.9).toFixed(1)} ms`,
      );
    }
    console.log(
      `  paired difference (readable − minified): median ${median(differences).toFixed(1)} ms, p10–p90 ${quantile(differences, 0.1).toFixed(1)}–${quantile(differences, 0.9).toFixed(1)} ms`,
    );
  }
} finally {
  await scenario.close();
  await rm(workspace, { recursive: true, force: true });
}
