import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asciiSource } from '../../scripts/ascii-bundle.ts';

/** Runs a function body as a script would, returning what it returns. */
function evaluate(body: string): unknown {
  return new Function(body)();
}

describe('asciiSource', () => {
  it('writes a script in ASCII that means what it meant: strings, templates, expressions, comments', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (generated) => {
        // Spaces and line ends beyond ASCII are refused (below).
        const text = generated.replace(/[\s\ufeff]/gu, '');
        // The text as a string literal, a template and a character class, each written with its characters.
        const literal = JSON.stringify(text).replace(/\\u([0-9a-f]{4})/g, (_, hex: string) =>
          String.fromCharCode(Number.parseInt(hex, 16)),
        );
        const plain = [...text].filter((character) => /[\u0080-\u{10ffff}]/u.test(character)).join('');
        const body = [
          `// ${plain}`,
          `const literal = ${literal};`,
          `const template = \`${plain}\${literal}\`;`,
          `const pattern = /^[${plain}x]+$/u;`,
          `return [literal, template, pattern.test(${JSON.stringify(`${plain}x`)})];`,
        ].join('\n');
        const ascii = asciiSource(body, 'test.js');
        expect(ascii).not.toMatch(/[\u0080-\uffff]/);
        expect(evaluate(ascii)).toEqual(evaluate(body));
      }),
    );
  });

  it('stops at a character that is itself escaped, a space or line end beyond ASCII, and String.raw', () => {
    expect(() => asciiSource("const a = '\\’';", 'a.js')).toThrow('a.js: an escaped "’"');
    expect(() => asciiSource('const b = String.raw`’`;', 'b.js')).toThrow('b.js: String.raw');
    // In a comment, a line separator ends it; escaped, the code after it would become comment.
    expect(() => asciiSource('// a\u2028b();', 'd.js')).toThrow(
      'd.js: a space or line end beyond ASCII (\\u2028)',
    );
    expect(() => asciiSource('a =\u00a01;', 'e.js')).toThrow('(\\u00a0)');
    expect(asciiSource("const c = '\\\\’';", 'c.js')).toBe("const c = '\\\\\\u2019';");
  });
});
