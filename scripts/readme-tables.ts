/**
 * `npm run docs`: rewrites the inputs and outputs tables of README.md from action.yml, between the markers
 * `<!-- inputs:start -->`/`<!-- inputs:end -->` and `<!-- outputs:start -->`/`<!-- outputs:end -->`.
 * test/unit/docs.test.ts fails when README.md is not what this script would write.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { markdownTable } from 'markdown-table';
import { parse } from 'yaml';

export const ACTION_YML: string = fileURLToPath(new URL('../action.yml', import.meta.url));
export const README: string = fileURLToPath(new URL('../README.md', import.meta.url));

export interface ActionInput {
  description: string;
  required?: boolean;
  default?: string;
}

export interface ActionOutput {
  description: string;
}

export interface ActionMetadata {
  name: string;
  description: string;
  inputs: Record<string, ActionInput>;
  outputs: Record<string, ActionOutput>;
  runs: { using: string; main: string };
}

export function readActionMetadata(path = ACTION_YML): ActionMetadata {
  return parse(readFileSync(path, 'utf8')) as ActionMetadata;
}

/**
 * The inputs the runner passes when a step's `with:` leaves them out: action.yml's defaults, the action keeps no
 * copy of them. Expressions (`${{ github.token }}`) are the runner's to evaluate, so a caller passes those itself.
 */
export function inputDefaults(): Record<string, string> {
  const defaults: Record<string, string> = {};
  for (const [name, input] of Object.entries(readActionMetadata().inputs)) {
    if (input.default !== undefined && !input.default.includes('${{')) defaults[name] = input.default;
  }
  return defaults;
}

/** One line of table cell: whitespace collapsed, pipes escaped. */
function cell(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|');
}

function code(text: string): string {
  return `\`${text}\``;
}

function defaultOf(input: ActionInput): string {
  if (input.required === true) return 'required';
  const value = input.default === undefined ? '' : String(input.default);
  return value === '' ? 'empty' : code(value);
}

export function inputsTable(action: ActionMetadata): string {
  const rows = Object.entries(action.inputs).map(([name, input]) => [
    code(name),
    cell(defaultOf(input)),
    cell(input.description),
  ]);
  return markdownTable([['input', 'default', 'description'], ...rows], { alignDelimiters: false });
}

export function outputsTable(action: ActionMetadata): string {
  const rows = Object.entries(action.outputs).map(([name, output]) => [code(name), cell(output.description)]);
  return markdownTable([['output', 'description'], ...rows], { alignDelimiters: false });
}

/** The README with each generated section replaced; throws when a marker is missing or doubled. */
export function updateReadme(readme: string, action: ActionMetadata): string {
  const sections: Record<string, string> = { inputs: inputsTable(action), outputs: outputsTable(action) };
  let updated = readme;
  for (const [name, content] of Object.entries(sections)) {
    const start = `<!-- ${name}:start -->`;
    const end = `<!-- ${name}:end -->`;
    const from = updated.indexOf(start);
    const to = updated.indexOf(end);
    if (from === -1 || to === -1 || to < from || updated.indexOf(start, from + 1) !== -1) {
      throw new Error(`README.md needs exactly one '${start}' followed by '${end}'.`);
    }
    updated = `${updated.slice(0, from + start.length)}\n\n${content}\n\n${updated.slice(to)}`;
  }
  return updated;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const before = readFileSync(README, 'utf8');
  const after = updateReadme(before, readActionMetadata());
  if (after === before) {
    console.log('README.md tables are current.');
  } else {
    writeFileSync(README, after);
    console.log('README.md tables rewritten from action.yml.');
  }
}
