import { describe, expect, it } from 'vitest';
import { CLOCK_SKEW_SECONDS } from '../../src/model/clock.ts';
import type { GateRules } from '../../src/model/gate.ts';
import type { Session } from '../../src/model/session.ts';
import { buildPeriodReport, PeriodReportBuilder } from '../../src/period/build.ts';
import { periodReportCsv } from '../../src/period/csv.ts';
import { periodReportJson } from '../../src/period/json.ts';
import { periodEndingAt } from '../../src/period/span.ts';
import { renderPeriodSummary } from '../../src/period/summary.ts';
import { DAY, noRules, pullUrl, WEEK, weekSession } from '../repository-fixtures.ts';

const repository = { owner: 'Acme', repo: 'App' };

function build(sessions: Session[], rules: GateRules = noRules) {
  return buildPeriodReport({ repository, period: WEEK, rules, sessions });
}

describe('buildPeriodReport: pull requests', () => {
  it("groups every spelling of a pull request, links it in the repository's own, counts a session for each of its pull requests and once in the totals", () => {
    const report = build([
      weekSession('a', [{ url: 'https://github.com/acme/app/pull/7' }], { acus: 2, size: 's' }),
      weekSession('b', [{ url: 'https://api.github.com/repos/ACME/app/pulls/7/' }, { url: pullUrl(7) }], {
        acus: 3,
        size: 'l',
      }),
      weekSession('c', [{ url: 'https://www.github.com/acme/app/pull/7/files' }, { url: pullUrl(8) }], {
        acus: 1.5,
        size: 'm',
      }),
      weekSession('d', [{ url: pullUrl(9, 'acme/other') }], { acus: 100 }),
    ]);
    expect(report.pullRequests.map((pull) => [pull.url, pull.sessionIds, pull.size, pull.acus])).toEqual([
      ['https://github.com/Acme/App/pull/7', ['a', 'b', 'c'], 'l', 6.5],
      ['https://github.com/Acme/App/pull/8', ['c'], 'm', 1.5],
    ]);
    expect(report.pullRequests.map((pull) => pull.repository)).toEqual(['Acme/App', 'Acme/App']);
    expect(report.pullRequests.map((pull) => pull.sessionCount)).toEqual([3, 1]);
    expect(report.totals).toMatchObject({ pullRequests: 2, sessions: 3, acus: 6.5 });
    expect(report.sessionsWithoutPullRequest).toBe(1);
  });

  it('never reads a missing ACU figure as 0: the sums say how many sessions they leave out', () => {
    const report = build([
      weekSession('a', [{ url: pullUrl(1) }], { acus: 2 }),
      { ...weekSession('b', [{ url: pullUrl(1) }]), acus: undefined },
    ]);
    expect(report.totals).toMatchObject({ acus: 2, acusUnknownSessions: 1 });
    expect(report.pullRequests[0]).toMatchObject({ acus: 2, acusUnknownSessions: 1 });
    expect(renderPeriodSummary(report)).toContain('at least 2 (1 session unknown) ACUs');
    expect(periodReportJson(report).totals).toMatchObject({ acus: 2, acus_unknown_sessions: 1 });
    expect(periodReportCsv(report).split('\r\n')[1]).toContain(',2,1,');
  });

  it('takes the state from the newest session that gives one, and keeps a newer value', () => {
    const report = build([
      weekSession('a', [{ url: pullUrl(1), state: 'open' }], { day: 0 }),
      weekSession('b', [{ url: pullUrl(1), state: 'Merged' }], { day: 2 }),
      weekSession('c', [{ url: pullUrl(1) }], { day: 3 }),
      weekSession('d', [{ url: pullUrl(2) }]),
      weekSession('e', [{ url: pullUrl(3), state: 'Draft' }]),
    ]);
    const states = Object.fromEntries(report.pullRequests.map((pull) => [pull.number, pull.state]));
    expect(states).toEqual({ 1: 'merged', 2: 'unknown', 3: 'draft' });
    expect(report.totals.byState).toEqual({ merged: 1, unknown: 1, draft: 1 });
  });

  it("takes GitHub's state over the sessions' record where the run read it", () => {
    const report = buildPeriodReport({
      repository,
      period: WEEK,
      rules: noRules,
      sessions: [
        weekSession('a', [{ url: pullUrl(1), state: 'open' }]),
        weekSession('b', [{ url: pullUrl(2), state: 'open' }]),
      ],
      states: new Map([[1, 'merged']]),
    });
    const states = Object.fromEntries(report.pullRequests.map((pull) => [pull.number, pull.state]));
    expect(states).toEqual({ 1: 'merged', 2: 'open' });
  });

  it('counts a session listed twice once, with its newest data', () => {
    const builder = new PeriodReportBuilder({ repository, period: WEEK, rules: noRules });
    builder.add(weekSession('a', [{ url: pullUrl(1) }], { acus: 1, day: 1 }));
    builder.add(weekSession('a', [{ url: pullUrl(1) }], { acus: 4, day: 2 }));
    builder.add(weekSession('a', [{ url: pullUrl(1) }], { acus: 2, day: 0 }));
    const report = builder.build();
    expect(report.totals).toMatchObject({ sessions: 1, acus: 4 });
    expect(report.pullRequests[0]?.sessionIds).toEqual(['a']);
  });

  it('puts failing gates first, then the costliest', () => {
    const testing = { impact: 'High', label: 'Testing', text: 'No tests' };
    const report = build(
      [
        weekSession('a', [{ url: pullUrl(1) }], { acus: 1 }),
        weekSession('b', [{ url: pullUrl(2) }], { acus: 5 }),
        weekSession('c', [{ url: pullUrl(3) }], { acus: 1, issues: [testing] }),
      ],
      { ...noRules, failOnLabels: ['testing'] },
    );
    expect(report.pullRequests.map((pull) => pull.number)).toEqual([3, 2, 1]);
  });
});

describe('buildPeriodReport: gate as far as it can be evaluated', () => {
  const testing = { impact: 'High', label: 'Testing', text: 'No tests' };
  const gateOf = (sessions: Session[], rules: GateRules) => build(sessions, rules).pullRequests[0];

  it('is pending while an analysis is missing and no rule has tripped', () => {
    const pull = gateOf(
      [weekSession('a', [{ url: pullUrl(1) }]), weekSession('b', [{ url: pullUrl(1) }], {}, false)],
      { ...noRules, failOnImpact: 'high' },
    );
    expect(pull).toMatchObject({ gate: 'pending', unanalysedSessions: 1 });
    expect(pull?.gateReasons).toEqual(['1 of 2 sessions have no analysis yet: their issues are not checked']);
  });

  it('fails already when an analysed session trips a rule, whatever the missing analyses hold', () => {
    const pull = gateOf(
      [
        weekSession('a', [{ url: pullUrl(1) }], { issues: [testing] }),
        weekSession('b', [{ url: pullUrl(1) }], {}, false),
      ],
      { ...noRules, failOnLabels: ['testing'] },
    );
    expect(pull?.gate).toBe('fail');
    expect(pull?.gateReasons[0]).toContain('fail-on-labels');
  });

  it('is pending while analyses are missing, whatever the rules, and fails on max-acus alone', () => {
    const unanalysed = [weekSession('a', [{ url: pullUrl(1) }], { acus: 3 }, false)];
    expect(gateOf(unanalysed, noRules)?.gate).toBe('pending');
    expect(gateOf(unanalysed, { ...noRules, maxAcus: 2 })?.gate).toBe('fail');
    expect(gateOf(unanalysed, { ...noRules, maxAcus: 2, warnOnly: true })?.gate).toBe('warn');
  });

  it('counts the outcomes in the totals', () => {
    const report = build(
      [
        weekSession('a', [{ url: pullUrl(1) }], { issues: [testing] }),
        weekSession('b', [{ url: pullUrl(2) }], {}, false),
        weekSession('c', [{ url: pullUrl(3) }]),
      ],
      { ...noRules, failOnLabels: ['testing'] },
    );
    expect(report.totals.byGate).toEqual({ fail: 1, warn: 0, pending: 1, pass: 1 });
    expect(report.totals.unanalysedSessions).toBe(1);
  });
});

describe('buildPeriodReport: ACUs per day', () => {
  it('adds each session to the UTC day of its last update, and names those outside the period', () => {
    const report = build([
      weekSession('a', [{ url: pullUrl(1) }], { day: 0, acus: 1.25 }),
      weekSession('b', [{ url: pullUrl(1) }], { day: 0, acus: 2 }),
      weekSession('c', [{ url: pullUrl(2) }], { day: 6, acus: 4 }),
      weekSession('d', [{ url: pullUrl(2) }], { day: 9, acus: 8 }),
    ]);
    expect(report.acusPerDay).toEqual([
      { day: WEEK.start, acus: 3.25 },
      ...[1, 2, 3, 4, 5].map((day) => ({ day: WEEK.start + day * DAY, acus: 0 })),
      { day: WEEK.start + 6 * DAY, acus: 4 },
    ]);
    expect(report.outsidePeriod).toEqual({ sessions: 1, acus: 8 });
    expect(report.totals.acus).toBe(15.25);
  });

  it("counts an update within the clock skew after the period's end on its last day, even past midnight", () => {
    const at = (updatedAt: number, id: string) => ({
      ...weekSession(id, [{ url: pullUrl(1) }], { acus: 2 }),
      updatedAt,
    });
    const report = build([at(WEEK.end + 120, 'ahead'), at(WEEK.end + CLOCK_SKEW_SECONDS, 'later')]);
    expect(report.acusPerDay).toHaveLength(7);
    expect(report.acusPerDay.at(-1)).toEqual({ day: WEEK.start + 6 * DAY, acus: 2 });
    expect(report.outsidePeriod).toEqual({ sessions: 1, acus: 2 });
  });

  it('covers the partial first and last days of a period that does not start at midnight', () => {
    const period = periodEndingAt(WEEK.end + 3600, 7);
    const report = buildPeriodReport({ repository, period, rules: noRules, sessions: [] });
    expect(report.acusPerDay).toHaveLength(8);
    expect(report.acusPerDay[0]?.day).toBe(WEEK.start);
  });

  it('refuses a period that ends before it starts', () => {
    expect(() =>
      buildPeriodReport({ repository, period: { start: 10, end: 10 }, rules: noRules, sessions: [] }),
    ).toThrow(/ends \(10\) before it starts \(10\)/);
  });
});

describe('buildPeriodReport: what keeps coming back', () => {
  it('groups the spellings of a label that the gate matches as one (spaces, hyphens, underscores, case)', () => {
    const report = build([
      weekSession('a', [{ url: pullUrl(1) }], {
        issues: [
          { impact: 'High', label: 'Prompt Clarity', text: 'one' },
          { impact: 'High', label: 'prompt_clarity', text: 'two' },
          { impact: 'Low', label: 'prompt-clarity', text: 'three' },
        ],
      }),
    ]);
    expect(report.issuesByLabel.map(({ label, total }) => [label, total])).toEqual([['Prompt Clarity', 3]]);
  });

  it('counts issues by label, case-insensitively, by impact and by distinct session', () => {
    const report = build([
      weekSession('a', [{ url: pullUrl(1) }], {
        issues: [
          { impact: 'High', label: 'Testing', text: 'one' },
          { impact: 'high', label: ' testing ', text: 'two' },
          { impact: 'Critical', label: 'Secrets', text: 'three' },
        ],
      }),
      weekSession('b', [{ url: pullUrl(2) }, { url: pullUrl(3) }], {
        issues: [{ impact: 'Low', label: 'TESTING', text: 'four' }],
      }),
    ]);
    expect(report.issuesByLabel).toEqual([
      {
        label: 'Testing',
        total: 3,
        byImpact: { critical: 0, high: 2, medium: 0, low: 1, other: 0 },
        sessions: 2,
      },
      {
        label: 'Secrets',
        total: 1,
        byImpact: { critical: 1, high: 0, medium: 0, low: 0, other: 0 },
        sessions: 1,
      },
    ]);
    expect(report.issuesByImpact).toEqual({ critical: 1, high: 2, medium: 0, low: 1, other: 0 });
    expect(report.totals.issues).toBe(4);
    expect(report.pullRequests.map((pull) => [pull.number, pull.issueCount])).toEqual([
      [1, 3],
      [2, 1],
      [3, 1],
    ]);
  });

  it('ranks action items by type (repository setup and knowledge first) and by frequency', () => {
    const item = (type: string, text: string) => ({ type, text });
    const report = buildPeriodReport({
      repository,
      period: WEEK,
      rules: noRules,
      topActionItems: 2,
      sessions: [
        weekSession('a', [{ url: pullUrl(1) }], {
          actionItems: [item('other', 'x'), item('knowledge', 'Document the build'), item('shiny', 'new')],
        }),
        weekSession('b', [{ url: pullUrl(1) }], {
          actionItems: [
            item('knowledge', 'Add a note on tests'),
            item('knowledge', 'document  the BUILD'),
            item('machine_setup', 'Install pnpm'),
            item('knowledge', 'Rare one'),
          ],
        }),
      ],
    });
    expect(report.actionItemsByType).toEqual([
      { type: 'machine_setup', total: 1, distinct: 1, top: [{ text: 'Install pnpm', count: 1 }] },
      {
        type: 'knowledge',
        total: 4,
        distinct: 3,
        top: [
          { text: 'Document the build', count: 2 },
          { text: 'Add a note on tests', count: 1 },
        ],
      },
      { type: 'other', total: 1, distinct: 1, top: [{ text: 'x', count: 1 }] },
      { type: 'shiny', total: 1, distinct: 1, top: [{ text: 'new', count: 1 }] },
    ]);
  });
});
