import { describe, expect, it } from 'vitest';
import { codeBlock, inlineText } from '../../src/markdown/sanitize.ts';
import { toHtml } from '../report-fixtures.ts';

const Z = '\u200B';

describe('inlineText', () => {
  it.each([
    ['a mention', '@alice please look', `@${Z}alice please look`],
    ['a team mention', 'ping @org/team now', `ping @${Z}org/team now`],
    ['a mention after punctuation', '(cc @bob)', `(cc @${Z}bob)`],
    ['a doubled at sign', '@@alice', `@@${Z}alice`],
    ['an email address', 'write to first.last@example.co.uk', 'write to first.last@example.co.uk'],
    ['a closing keyword with #', 'fixes #1', `f${Z}ixes \\#${Z}1`],
    [
      'a closing keyword with a colon and a repository',
      'Closes: owner/repo#2',
      `C${Z}loses: owner/repo\\#${Z}2`,
    ],
    [
      'a closing keyword with an issue URL',
      'RESOLVED https://github.com/o/r/issues/3',
      `R${Z}ESOLVED https\\://github.com/o/r/issues/3`,
    ],
    ['a closing keyword across a line break', 'fix\n\n  #4', `f${Z}ix \\#${Z}4`],
    ['a closing keyword at the end', 'this resolves', `this r${Z}esolves`],
    ['a GH- reference', 'closed GH-7', `c${Z}losed GH${Z}-7`],
    ['bare references', 'see #123 and o/r#9', `see \\#${Z}123 and o/r\\#${Z}9`],
    ['an ordinary use of a keyword', 'fixed the flaky test', 'fixed the flaky test'],
    ['an image with onerror', '<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['a closing details tag', '</details>', '&lt;/details&gt;'],
    ['an HTML comment', '<!-- hidden', '&lt;\\!-- hidden'],
    ['entities', '&amp; &#64;user', `&amp;amp; &amp;\\#${Z}64;user`],
    ['pipes and newlines', 'a | b\nc\r\nd\u2028e', 'a \\| b c d e'],
    ['a heading', '# heading', '\\# heading'],
    ['a code fence', '```js\nalert(1)\n```', '\\`\\`\\`js alert(1) \\`\\`\\`'],
    ['a javascript link', '[link](javascript:alert(1))', '\\[link\\](javascript:alert(1))'],
    ['an image', '![img](https://x.test/a.png)', '\\!\\[img\\](https\\://x.test/a.png)'],
    ['emphasis and strikethrough', '**bold** _em_ ~~gone~~', '\\*\\*bold\\*\\* \\_em\\_ \\~\\~gone\\~\\~'],
    ['math', '$x^2$', '\\$x^2\\$'],
    ['a bullet', '- item', '\\- item'],
    ['a plus bullet', '+ item', '\\+ item'],
    ['an ordered list', '1. item', '1\\. item'],
    ['an ordered list with a parenthesis', '12) item', '12\\) item'],
    ['a blockquote', '> quoted', '&gt; quoted'],
    ['a setext underline', '===', '\\==='],
    ['a trailing backslash', 'path\\', 'path\\\\'],
    ['bidi overrides', 'abc\u202Eevil\u2066x\u2069', 'abcevilx'],
    ['control characters', 'a\u0000b\u0007c\u001Bd\u009Be', 'abcde'],
    ['whitespace runs', '  a \t\t b  ', 'a b'],
    ['an empty string', '', ''],
  ])('neutralises %s', (_name, input, expected) => {
    expect(inlineText(input)).toBe(expected);
  });

  it('renders hostile text as the same plain text in one paragraph', () => {
    const input = '<b>@alice</b> fixes #1 | `x` [a](b) *c*';
    const html = toHtml(inlineText(input));
    expect(html).toBe(`<p>&lt;b&gt;@${Z}alice&lt;/b&gt; f${Z}ixes #${Z}1 | \`x\` [a](b) *c*</p>`);
  });

  it('keeps a pipe inside one table cell', () => {
    const html = toHtml(`| a | b |\n| - | - |\n| ${inlineText('x | y')} | z |`);
    expect(html).toContain('<td>x | y</td>');
    expect(html.match(/<td>/g)).toHaveLength(2);
  });

  it('truncates with an ellipsis counting the characters shown', () => {
    expect(inlineText('abcdef', 4)).toBe('abc…');
    expect(inlineText('abc', 3)).toBe('abc');
    expect(inlineText('abc', 1)).toBe('…');
    expect(inlineText('abc', 0)).toBe('');
    expect(inlineText('abc  def', 5)).toBe('abc…');
  });

  it('never cuts a surrogate pair or an escape sequence', () => {
    expect(inlineText('ab😀cd', 4)).toBe('ab…');
    expect(inlineText('ab<cd', 4)).toBe('ab&lt;…');
    expect(inlineText('<<<<<', 3)).toBe('&lt;&lt;…');
    expect(inlineText('a|||||', 3)).toBe('a\\|…');
  });

  it('neutralises what truncation leaves', () => {
    expect(inlineText('@alice and many more words', 7)).toBe(`@${Z}alice…`);
  });

  it('replaces lone surrogates', () => {
    expect(inlineText('a\uD800b\uDC00c')).toBe('a\uFFFDb\uFFFDc');
  });
});

describe('codeBlock', () => {
  it('fences text with the info string text', () => {
    expect(codeBlock('a\nb')).toBe('```text\na\nb\n```');
  });

  it('uses a fence longer than any backtick run inside', () => {
    expect(codeBlock('x ``` y')).toBe('````text\nx ``` y\n````');
    expect(codeBlock('`'.repeat(10))).toBe(`${'`'.repeat(11)}text\n${'`'.repeat(10)}\n${'`'.repeat(11)}`);
  });

  it('normalises line breaks and removes bidi and control characters', () => {
    expect(codeBlock('a\r\nb\rc\u2028d\u202Ee\u0000f\tg')).toBe('```text\na\nb\nc\nde' + 'f\tg\n```');
  });

  it('truncates with an ellipsis', () => {
    expect(codeBlock('abcdef', 4)).toBe('```text\nabc…\n```');
  });

  it.each([
    ['a fence', '```\n</details>\n```'],
    ['html', '<details><summary>x</summary>\n\n<img src=x onerror=alert(1)>'],
    ['a tilde fence', '~~~\n@alice\n~~~'],
    ['an indented fence', '   ````\nfixes #1'],
  ])('keeps %s inside one code block', (_name, input) => {
    const html = toHtml(`${codeBlock(input)}\n\nafter`);
    expect(html.match(/<pre>/g)).toHaveLength(1);
    expect(html).toMatch(/<\/code><\/pre>\n<p>after<\/p>$/);
    expect(html).not.toMatch(/<(?!\/?(pre|code|p)\b)/);
  });
});
