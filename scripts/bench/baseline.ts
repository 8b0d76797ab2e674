/**
 * The smallest toolkit action, built at bench time: an ESM entry that imports only @actions/core and prints
 * one line, bundled by the same ncc with the same flags as `npm run build`, and written in ASCII as that does.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { asciiBundle } from '../ascii-bundle.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const NCC_CLI = path.join(ROOT, 'node_modules/@vercel/ncc/dist/ncc/cli.js');

export interface Baseline {
  entry: string;
  /** Bytes of every file ncc wrote. */
  bytes: number;
  flags: string[];
  remove(): Promise<void>;
}

/**
 * The ncc options of the `build` script: its first command, without `ncc build`, the entry and the output
 * directory (e.g. `ncc build src/index.ts -o dist --license licenses.txt` gives `--license licenses.txt`).
 */
async function buildFlags(): Promise<string[]> {
  const manifest = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  const script = manifest.scripts?.build ?? '';
  const words = (script.split('&&')[0] ?? '').trim().split(/\s+/);
  if (words[0] !== 'ncc' || words[1] !== 'build')
    throw new Error(`bench: cannot read ncc flags from "${script}"`);
  const flags: string[] = [];
  for (let index = 3; index < words.length; index++) {
    const word = words[index] ?? '';
    if (word === '-o' || word === '--out') index++;
    else if (!word.startsWith('--out=')) flags.push(word);
  }
  return flags;
}

export async function directoryBytes(directory: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(directory, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}

function exec(args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`bench: ${args.join(' ')} failed (${code}):\n${output}`)),
    );
  });
}

export async function buildBaseline(): Promise<Baseline> {
  const flags = await buildFlags();
  const directory = await mkdtemp(path.join(os.tmpdir(), 'bench-baseline-'));
  const remove = () => rm(directory, { recursive: true, force: true });
  try {
    const source = path.join(directory, 'src');
    await mkdir(source);
    await writeFile(path.join(directory, 'package.json'), '{ "private": true, "type": "module" }\n');
    await writeFile(
      path.join(source, 'index.js'),
      "import * as core from '@actions/core';\n\ncore.info('Hello from the smallest action.');\n",
    );
    await symlink(path.join(ROOT, 'node_modules'), path.join(directory, 'node_modules'), 'dir');
    await exec([NCC_CLI, 'build', 'src/index.js', '-o', 'dist', ...flags], directory);
    const out = path.join(directory, 'dist');
    // As `npm run build` does after ncc.
    await asciiBundle(out);
    const entry = path.join(out, 'index.js');
    return { entry, bytes: await directoryBytes(out), flags, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}
