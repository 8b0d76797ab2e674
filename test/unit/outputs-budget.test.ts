import { describe, expect, it } from 'vitest';
import { fitJsonList } from '../../src/action/output-budget.ts';
import { fitOutputs, type OutputFacts } from '../../src/action/outputs.ts';
import { JOB_OUTPUTS_LIMIT_BYTES } from '../../src/github/limits.ts';

const bytesOf = (values: Map<string, string>) =>
  [...values].reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + Buffer.byteLength(value), 0);

function factsWith(failing: number, textLength: number, sessions = 20): OutputFacts {
  return {
    matched: true,
    'session-ids': Array.from({ length: sessions }, (_, index) => `devin-${index}`),
    'session-size': 'l',
    acus: '12.5',
    'issue-count': failing,
    'action-item-count': 0,
    'failing-issues': Array.from({ length: failing }, (_, index) => ({
      session_id: `devin-${index % sessions}`,
      rule: 'fail-on-labels',
      rules: ['fail-on-labels'],
      impact: 'High',
      label: 'Testing',
      text: `${index} ${'y'.repeat(textLength)}`,
    })),
    gate: 'fail',
    'comment-url': 'https://github.com/octo/repo/pull/1#issuecomment-1',
  };
}

describe('the outputs past GitHub limits', () => {
  it('keep every output whole and warn of nothing when they fit', () => {
    const { values, cuts } = fitOutputs(factsWith(3, 100), { report: '/tmp/report.json' });
    expect(cuts).toEqual([]);
    expect(JSON.parse(values.get('failing-issues') ?? '')).toHaveLength(3);
    expect(values.get('report-csv')).toBe('');
  });

  it('stay valid JSON within 1 MB in all, cutting texts then entries, and say how many were kept', () => {
    const { values, cuts } = fitOutputs(factsWith(2_000, 10_000), { report: '/tmp/report.json' });

    expect(bytesOf(values)).toBeLessThanOrEqual(JOB_OUTPUTS_LIMIT_BYTES);
    const failing = JSON.parse(values.get('failing-issues') ?? '') as { text: string }[];
    expect(failing.length).toBeGreaterThan(0);
    expect(failing.length).toBeLessThan(2_000);
    // 1,000 characters of the text, then an ellipsis.
    expect(failing[0]?.text).toMatch(/^0 y{998}…$/);
    expect(JSON.parse(values.get('session-ids') ?? '')).toHaveLength(20);
    expect(cuts).toEqual([
      expect.stringMatching(
        new RegExp(
          `^The failing-issues output holds ${failing.length} of the 2000 failing issues, their texts cut`,
        ),
      ),
    ]);
  });

  it('cut a list of session ids too long for the budget, keeping its first entries', () => {
    const { values, cuts } = fitOutputs(factsWith(0, 0, 100_000), { report: '/tmp/report.json' });
    const ids = JSON.parse(values.get('session-ids') ?? '') as string[];
    expect(ids[0]).toBe('devin-0');
    expect(ids.length).toBeLessThan(100_000);
    expect(bytesOf(values)).toBeLessThanOrEqual(JOB_OUTPUTS_LIMIT_BYTES);
    expect(cuts[0]).toMatch(/^The session-ids output holds \d+ of the 100000 session ids,/);
  });
});

describe('fitJsonList', () => {
  it('counts bytes, not characters, so that multi-byte text never overflows', () => {
    const fitted = fitJsonList(['é'.repeat(10), 'é'.repeat(10)], 2 + 22 + 1 + 21);
    expect(fitted).toEqual({ json: `["${'é'.repeat(10)}"]`, kept: 1, shortened: false });
  });
});
