/**
 * Writes src/action/input-defaults.ts from action.yml's input defaults (part of `npm run docs`). The runner passes a
 * default only for an input the step leaves out; an input given as '' (a reusable workflow's unset input, an
 * empty variable) arrives as '', and the action takes it for the default too. The bundle cannot read action.yml,
 * so this module carries its defaults; test/unit/input-defaults.test.ts fails when it is not current.
 *
 *   node scripts/input-defaults.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const ACTION_YML: string = fileURLToPath(new URL('../action.yml', import.meta.url));
export const DEFAULTS_MODULE: string = fileURLToPath(
  new URL('../src/action/input-defaults.ts', import.meta.url),
);

/**
 * The module's text: every input's default, less the workflow expressions (`${{ github.token }}`) that only the
 * runner can evaluate. An input without a default is left out, so that empty stays empty.
 */
export function inputDefaultsModule(actionYml: string): string {
  const { inputs } = parse(actionYml) as { inputs: Record<string, { default?: unknown }> };
  const entries = Object.entries(inputs).flatMap(([name, input]) =>
    input.default === undefined || String(input.default).includes('${{')
      ? []
      : [`  ${propertyName(name)}: ${quoted(String(input.default))},`],
  );
  return [
    '// Generated from action.yml by `npm run docs` (scripts/input-defaults.ts): edit action.yml, not this file.',
    '',
    "/** Each input's default in action.yml, for an input given as an empty string. */",
    'export const INPUT_DEFAULTS: Readonly<Record<string, string>> = {',
    ...entries,
    '};',
    '',
  ].join('\n');
}

/** An object key as the code style writes it: quoted only when it is no identifier. */
function propertyName(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : quoted(name);
}

/** A single-quoted string literal, as the code style writes them. */
function quoted(text: string): string {
  return `'${JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const before = readFileSync(DEFAULTS_MODULE, { encoding: 'utf8', flag: 'a+' });
  const after = inputDefaultsModule(readFileSync(ACTION_YML, 'utf8'));
  if (after === before) {
    console.log('src/action/input-defaults.ts is current.');
  } else {
    writeFileSync(DEFAULTS_MODULE, after);
    console.log('src/action/input-defaults.ts rewritten from action.yml.');
  }
}
