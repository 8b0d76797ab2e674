import { describe, expect, it } from 'vitest';
import { evaluateGate, type GateRules, labelsNotFound } from '../../src/model/gate.ts';
import type { Issue, Session } from '../../src/model/session.ts';

const rules = (overrides: Partial<GateRules> = {}): GateRules => ({
  failOnLabels: [],
  warnOnly: false,
  ifNoSession: 'ignore',
  ifUnchecked: 'pass',
  ...overrides,
});

function session(id: string, issues: Issue[] | null, acus = 1): Session {
  return {
    id,
    url: `https://app.devin.ai/sessions/${id}`,
    status: 'exit',
    orgId: 'org-1',
    createdAt: 0,
    updatedAt: 0,
    acus,
    pullRequests: [],
    analysis: issues === null ? null : { issues, actionItems: [], timeline: [] },
  };
}

const testing: Issue = { impact: 'High', label: 'Testing', text: 'No tests were run' };
const environment: Issue = { impact: 'medium', label: 'Environment', text: 'Missing secret' };
const style: Issue = { impact: 'Low', label: 'Style', text: 'Lint noise' };
const odd: Issue = { impact: 'Critical-ish', label: 'Other', text: 'Unknown impact' };
const blocker: Issue = { impact: ' BLOCKER ', label: 'Security', text: 'Secret in the log' };

describe('evaluateGate', () => {
  it('passes with no rules', () => {
    expect(evaluateGate([session('a', [testing])], rules())).toMatchObject({
      outcome: 'pass',
      reasons: [],
      failingIssues: [],
    });
  });

  it('fails on labels case-insensitively and lists the tripping issues', () => {
    const verdict = evaluateGate(
      [session('a', [testing, style]), session('b', [environment])],
      rules({ failOnLabels: ['testing', 'environment'] }),
    );
    expect(verdict.outcome).toBe('fail');
    expect(verdict.failingIssues.map((failing) => [failing.sessionId, failing.issue.text])).toEqual([
      ['a', 'No tests were run'],
      ['b', 'Missing secret'],
    ]);
    expect(verdict.reasons).toEqual(['2 issues labelled Testing, Environment (fail-on-labels)']);
  });

  it('treats * as any issue', () => {
    const verdict = evaluateGate([session('a', [style])], rules({ failOnLabels: ['*'] }));
    expect(verdict.outcome).toBe('fail');
    expect(verdict.failingIssues).toHaveLength(1);
  });

  it.each([
    ['low', 5],
    ['medium', 4],
    ['high', 3],
    ['critical', 1],
  ] as const)('fails on impact %s or above, an impact off the scale counting as high', (level, count) => {
    const verdict = evaluateGate(
      [session('a', [testing, environment, style, odd, blocker])],
      rules({ failOnImpact: level }),
    );
    expect(verdict.outcome).toBe('fail');
    expect(verdict.failingIssues).toHaveLength(count);
    expect(verdict.reasons[0]).toContain(`of ${level} impact or above`);
  });

  it('fails on total ACUs above max-acus, not at it', () => {
    expect(evaluateGate([session('a', [], 2.5), session('b', [], 2.5)], rules({ maxAcus: 5 })).outcome).toBe(
      'pass',
    );
    const verdict = evaluateGate([session('a', [], 2.5), session('b', [], 2.51)], rules({ maxAcus: 5 }));
    expect(verdict.outcome).toBe('fail');
    expect(verdict.reasons).toEqual(['5.01 ACUs consumed, more than the 5 allowed (max-acus)']);
  });

  it('turns failures into warnings under warn-only', () => {
    const verdict = evaluateGate(
      [session('a', [testing])],
      rules({ failOnLabels: ['testing'], warnOnly: true }),
    );
    expect(verdict.outcome).toBe('warn');
    expect(verdict.failingIssues).toHaveLength(1);
  });

  it('follows if-no-session', () => {
    expect(evaluateGate([], rules()).outcome).toBe('pass');
    expect(evaluateGate([], rules({ ifNoSession: 'warn' })).outcome).toBe('warn');
    expect(evaluateGate([], rules({ ifNoSession: 'fail' }))).toMatchObject({
      outcome: 'fail',
      reasons: ['no Devin session references this pull request (if-no-session)'],
    });
    expect(evaluateGate([], rules({ ifNoSession: 'fail', warnOnly: true })).outcome).toBe('warn');
  });

  it('names the sessions whose issues could not be checked', () => {
    const verdict = evaluateGate([session('a', null), session('b', [style])], rules({ failOnLabels: ['*'] }));
    expect(verdict.unanalysedSessionIds).toEqual(['a']);
    expect(verdict.outcome).toBe('fail');
  });

  it('matches labels ignoring case, spaces, hyphens and underscores', () => {
    const clarity: Issue = { impact: 'Medium', label: 'Prompt Clarity', text: 'Vague task' };
    for (const configured of ['prompt-clarity', 'prompt_clarity', 'promptclarity', 'PROMPT  CLARITY']) {
      const verdict = evaluateGate([session('a', [clarity])], rules({ failOnLabels: [configured] }));
      expect(verdict.failingIssues.map((failing) => failing.issue)).toEqual([clarity]);
    }
    expect(evaluateGate([session('a', [clarity])], rules({ failOnLabels: ['prompt'] })).outcome).toBe('pass');
  });

  it('lists the configured labels no issue carries, with the labels seen', () => {
    expect(
      labelsNotFound([session('a', [testing, style]), session('b', [testing])], {
        failOnLabels: ['*', 'style', 'tesing'],
      }),
    ).toEqual({ missing: ['tesing'], seen: ['Style', 'Testing'] });
  });

  it('compares max-acus with the unrounded sum and shows the decimals that tell it apart', () => {
    const verdict = evaluateGate(
      [session('a', [], 25.002), session('b', [], 25.002)],
      rules({ maxAcus: 50 }),
    );
    expect(verdict.reasons).toEqual(['50.004 ACUs consumed, more than the 50 allowed (max-acus)']);
  });

  it('names the sessions max-acus could not check, unless the known figures are over already', () => {
    const unknownAcus: Session = { ...session('b', []), acus: undefined };
    const within = evaluateGate([session('a', [], 10), unknownAcus], rules({ maxAcus: 50 }));
    // A limit not checked on every session is no pass: the gate is pending.
    expect(within).toMatchObject({
      outcome: 'pending',
      acusUncheckedSessionIds: ['b'],
      uncheckedSessionIds: ['b'],
    });
    const over = evaluateGate([session('a', [], 60), unknownAcus], rules({ maxAcus: 50 }));
    expect(over).toMatchObject({
      outcome: 'fail',
      reasons: ['at least 60 ACUs consumed, more than the 50 allowed (max-acus)'],
      acusUncheckedSessionIds: [],
    });
    expect(evaluateGate([unknownAcus], rules()).acusUncheckedSessionIds).toEqual([]);
  });

  it('counts an issue under every rule it trips', () => {
    const verdict = evaluateGate(
      [session('a', [testing, environment])],
      rules({ failOnLabels: ['testing'], failOnImpact: 'medium' }),
    );
    expect(verdict.failingIssues.map((failing) => failing.rules)).toEqual([
      ['fail-on-labels', 'fail-on-impact'],
      ['fail-on-impact'],
    ]);
    expect(verdict.reasons).toEqual([
      '1 issue labelled Testing (fail-on-labels)',
      '2 issues of medium impact or above (fail-on-impact)',
    ]);
    expect(verdict.trippedRules).toEqual(['fail-on-labels', 'fail-on-impact']);
  });

  it('accepts a failure when the pull request carries the override label, whatever its case and warn-only', () => {
    const failing = rules({ failOnLabels: ['testing'], overrideLabel: 'devin-accepted', warnOnly: true });
    const accepted = evaluateGate([session('a', [testing])], failing, ['ui', 'Devin-Accepted']);
    expect(accepted).toMatchObject({ outcome: 'accepted', acceptedBy: 'Devin-Accepted' });
    expect(accepted.reasons).toEqual(['1 issue labelled Testing (fail-on-labels)']);
    expect(evaluateGate([session('a', [testing])], failing, ['ui']).outcome).toBe('warn');
    expect(evaluateGate([session('a', [style])], failing, ['devin-accepted']).outcome).toBe('pass');
  });

  it('leaves an if-no-session warning a warning, label or not', () => {
    const warned = rules({ ifNoSession: 'warn', overrideLabel: 'ok' });
    expect(evaluateGate([], warned, ['ok']).outcome).toBe('warn');
    expect(evaluateGate([], rules({ ifNoSession: 'fail', overrideLabel: 'ok' }), ['ok']).outcome).toBe(
      'accepted',
    );
  });
});
