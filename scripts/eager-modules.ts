/**
 * Build step after `ncc build --minify`: puts each module of the bundle in parentheses, as ncc's unminified
 * output has them. V8 compiles a parenthesised function with the code around it, in one pass, where it would
 * otherwise pre-parse the function first and parse it again on its first call; every module of the bundle is
 * called on load, so the minifier's bare functions cost a run some 25 ms of parsing (15% of its start-up).
 *
 *   node scripts/eager-modules.ts dist/index.js
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { type Expression, type Property, parse, type SpreadElement } from 'acorn';

/**
 * The bundle with each function of its module table (`var x = { 123: (e, t, r) => {...}, ... }`, webpack's
 * `__webpack_modules__`) in parentheses. Throws when it finds no such table, so that a change in ncc's output
 * fails the build rather than silently undoing this step.
 */
export function parenthesizeModules(code: string): { code: string; modules: number } {
  const spans: Expression[] = [];
  for (const statement of parse(code, { ecmaVersion: 'latest', sourceType: 'module' }).body) {
    if (statement.type !== 'VariableDeclaration') continue;
    for (const { init } of statement.declarations) {
      if (
        init?.type === 'ObjectExpression' &&
        init.properties.length > 0 &&
        init.properties.every(isModule)
      ) {
        spans.push(...init.properties.map((property) => (property as Property).value));
      }
    }
  }
  if (spans.length === 0) throw new Error('eager-modules: no module table found in the bundle');
  let result = '';
  let at = 0;
  for (const { start, end } of spans) {
    const wrapped = code[start - 1] === '(' && code[end] === ')';
    result += code.slice(at, start) + (wrapped ? code.slice(start, end) : `(${code.slice(start, end)})`);
    at = end;
  }
  return { code: result + code.slice(at), modules: spans.length };
}

/** A numbered module: `123: (e, t, r) => {...}` or `123: function (e) {...}`. */
function isModule(property: Property | SpreadElement): boolean {
  return (
    property.type === 'Property' &&
    property.key.type === 'Literal' &&
    typeof property.key.value === 'number' &&
    (property.value.type === 'ArrowFunctionExpression' || property.value.type === 'FunctionExpression')
  );
}

if (import.meta.main) {
  for (const file of process.argv.slice(2)) {
    const { code, modules } = parenthesizeModules(readFileSync(file, 'utf8'));
    writeFileSync(file, code);
    console.log(`${file}: ${modules} modules in parentheses.`);
  }
}
