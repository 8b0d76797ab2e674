import { beforeAll, describe, expect, it } from 'vitest';
import { JOB_SUMMARY_LIMIT_BYTES } from '../../src/github/limits.ts';
import type { Session } from '../../src/model/session.ts';
import { buildPeriodReport } from '../../src/period/build.ts';
import { periodReportCsv } from '../../src/period/csv.ts';
import { fitPeriodSummary } from '../../src/period/fit.ts';
import { periodReportJson } from '../../src/period/json.ts';
import type { PeriodReport } from '../../src/period/model.ts';
import { renderPeriodSummary } from '../../src/period/summary.ts';
import { busyWeek, noRules, pullUrl, WEEK, weekSession } from '../repository-fixtures.ts';

const ONE_MIB = 1024 * 1024;
const repository = { owner: 'acme', repo: 'app' };
const rules = { ...noRules, failOnLabels: ['secrets'] };

describe('period report at scale: 100,000 sessions over 20,000 pull requests', () => {
  let sessions: Session[];
  let report: PeriodReport;

  beforeAll(() => {
    sessions = busyWeek(100_000, 20_000);
    report = buildPeriodReport({ repository, period: WEEK, rules, sessions });
  });

  it('counts every session, pull request and issue of a busy week', () => {
    expect(report.totals).toMatchObject({
      sessions: 100_000,
      pullRequests: 20_000,
      issues: 180_000,
      unanalysedSessions: 10_000,
    });
  });

  it('fits the job summary under 1 MiB, cutting the least important rows and saying so', () => {
    const fitted = fitPeriodSummary(report, JOB_SUMMARY_LIMIT_BYTES, 'the report file');
    expect(Buffer.byteLength(fitted.markdown)).toBeLessThanOrEqual(ONE_MIB);
    expect(fitted.omitted.some((part) => /^\d+ pull request rows$/.test(part))).toBe(true);
    expect(fitted.omitted).toContain('the end of action item texts longer than 120 characters');
    expect(fitted.markdown).toContain("ℹ️ Left out to fit GitHub's size limit: ");
    expect(fitted.markdown).toContain('the full report is in the report file.');
    expect(fitted.markdown).toContain('**20000 pull requests · 100000 sessions');
    expect(fitted.markdown).toContain('```mermaid\nxychart-beta');
    const rows = [...fitted.markdown.matchAll(/^\| \[#(\d+)\]/gm)].map(([, number]) => Number(number));
    const hidden = Number(/^(\d+) more pull requests not shown\.$/m.exec(fitted.markdown)?.[1]);
    expect(rows.length + hidden).toBe(20_000);
    expect(rows).toEqual(
      periodReportJson(report)
        .pull_requests.slice(0, rows.length)
        .map((pull) => pull.number),
    );
    expect(periodReportCsv(report).split('\r\n')).toHaveLength(20_000 + 2);
    const failing = report.pullRequests.filter((pull) => pull.gate === 'fail');
    expect(failing.length).toBeGreaterThan(0);
    expect(fitted.markdown).toContain(`[#${failing[0]?.number}](${failing[0]?.url})`);
  });
});

describe('fitPeriodSummary', () => {
  const longText = `Install the toolchain ${'and configure it '.repeat(60)}`;
  const report = buildPeriodReport({
    repository,
    period: WEEK,
    rules: noRules,
    sessions: [1, 2, 3].map((number) =>
      weekSession(`s${number}`, [{ url: pullUrl(number) }], {
        actionItems: [{ type: 'machine_setup', text: `${longText}${number}` }],
      }),
    ),
  });

  it('shortens action item texts before it drops any pull request row', () => {
    const full = renderPeriodSummary(report);
    const fitted = fitPeriodSummary(report, Buffer.byteLength(full) - 100);
    expect(fitted.omitted).toEqual(['the end of action item texts longer than 300 characters']);
    expect(fitted.markdown).toContain('| [#3](https://github.com/acme/app/pull/3) |');
    expect(Buffer.byteLength(fitted.markdown)).toBeLessThanOrEqual(Buffer.byteLength(full) - 100);
  });

  it('lists fewer action item types and labels when the API invents thousands of them, and says so', () => {
    const many = buildPeriodReport({
      repository,
      period: WEEK,
      rules: noRules,
      sessions: [
        weekSession('s1', [{ url: pullUrl(1) }], {
          issues: Array.from({ length: 5000 }, (_, index) => ({
            impact: 'Low',
            label: `label ${index}`,
            text: 'x',
          })),
          actionItems: Array.from({ length: 5000 }, (_, index) => ({ type: `type_${index}`, text: 'Do it' })),
        }),
      ],
    });
    const fitted = fitPeriodSummary(many, 20_000);
    expect(Buffer.byteLength(fitted.markdown)).toBeLessThanOrEqual(20_000);
    expect(fitted.omitted).toEqual(['4990 issue labels', '4980 action item types']);
    expect(fitted.markdown).toContain('| [#1](https://github.com/acme/app/pull/1) |');
    expect(fitted.markdown).toContain(
      "Left out to fit GitHub's size limit: 4990 issue labels, 4980 action item types.",
    );
  });

  it('returns something within any limit', () => {
    for (const limit of [0, 10, 200, 600]) {
      expect(Buffer.byteLength(fitPeriodSummary(report, limit).markdown)).toBeLessThanOrEqual(limit);
    }
  });
});
