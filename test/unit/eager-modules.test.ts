import { readFile } from 'node:fs/promises';
import { parse } from 'acorn';
import { describe, expect, it } from 'vitest';
import { parenthesizeModules } from '../../scripts/eager-modules.ts';

const MINIFIED =
  'import{createRequire as e}from"module";var t={770:(e,t,n)=>{e.exports=n(218)},218:function(e){e.exports=1},9:e=>{}};' +
  'var r={a:()=>1};function n(e){return t[e]}export{n as f};';

describe('parenthesizeModules', () => {
  it('puts each function of the module table in parentheses, and nothing else', () => {
    const { code, modules } = parenthesizeModules(MINIFIED);
    expect(modules).toBe(3);
    expect(code).toContain(
      'var t={770:((e,t,n)=>{e.exports=n(218)}),218:(function(e){e.exports=1}),9:(e=>{})};',
    );
    expect(code).toContain('var r={a:()=>1};');
    expect(() => parse(code, { ecmaVersion: 'latest', sourceType: 'module' })).not.toThrow();
  });

  it('leaves a table already in parentheses as it is, so the step can run twice', () => {
    const once = parenthesizeModules(MINIFIED).code;
    expect(parenthesizeModules(once).code).toBe(once);
  });

  it('fails when the bundle has no module table, rather than build without the step', () => {
    expect(() => parenthesizeModules('export const x = 1;')).toThrow(/no module table/);
  });

  it('has been applied to the committed bundle', async () => {
    const bundle = await readFile(new URL('../../dist/index.js', import.meta.url), 'utf8');
    expect(parenthesizeModules(bundle).code).toBe(bundle);
  });
});
