/**
 * Global setup of the tests that run the bundled action: rebuilds dist/ from the sources of this run, so that
 * they test what ships and a change in src/ is seen without a manual `npm run build`. The build is skipped
 * when neither the sources nor dist/ changed since the last one it made.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const stampPath = path.join(root, 'node_modules', '.cache', 'fresh-bundle.json');
const BUILD_INPUTS = ['src', 'package.json', 'package-lock.json', 'tsconfig.json'];
const BUILD_OUTPUT = 'dist';

function filesUnder(relative: string): string[] {
  const absolute = path.join(root, relative);
  try {
    return readdirSync(absolute, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
      .sort();
  } catch {
    return [relative];
  }
}

function hashOf(relatives: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of relatives.flatMap(filesUnder)) {
    hash.update(file).update('\0');
    try {
      hash.update(readFileSync(path.join(root, file)));
    } catch {
      hash.update('(missing)');
    }
  }
  return hash.digest('hex');
}

function readStamp(): { inputs?: string; output?: string } {
  try {
    return JSON.parse(readFileSync(stampPath, 'utf8'));
  } catch {
    return {};
  }
}

export default function setup(): void {
  const inputs = hashOf(BUILD_INPUTS);
  const stamp = readStamp();
  if (stamp.inputs === inputs && stamp.output === hashOf([BUILD_OUTPUT])) return;
  const started = Date.now();
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  mkdirSync(path.dirname(stampPath), { recursive: true });
  writeFileSync(stampPath, JSON.stringify({ inputs, output: hashOf([BUILD_OUTPUT]) }));
  console.log(`Built dist/ from the sources in ${Date.now() - started} ms.`);
}
