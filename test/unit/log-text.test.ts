import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logText } from '../../src/model/text.ts';

/** What the runner reads as a line break, or as the start of a workflow command. */
const LINE_BREAK = /[\n\r\u0085\u2028\u2029]/;

describe('logText', () => {
  it('keeps any text on one line, where no workflow command can start', () => {
    const pieces = fc.constantFrom('::', '##[', ':', '#', '[', '\n', '\r\n', '\u2028', ' ', 'add-mask', 'a');
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string()), { maxLength: 30 }), fc.nat(300), (parts, max) => {
        const line = logText(parts.join(''), max + 1);
        expect(line).not.toMatch(LINE_BREAK);
        expect(line).not.toContain('::');
        expect(line).not.toContain('##[');
        expect(line.length).toBeLessThanOrEqual(max + 2);
      }),
    );
  });

  it('leaves ordinary text as it was, and the neutralised text readable', () => {
    expect(logText('https://app.devin.ai/sessions/abc')).toBe('https://app.devin.ai/sessions/abc');
    expect(logText('  Scope\n::add-mask::leak  ')).toBe('Scope :\u200B:add-mask:\u200B:leak');
    expect(logText('###[x] and :::')).toBe('##\u200B#[x] and :\u200B:\u200B:');
  });
});
