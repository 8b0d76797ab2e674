import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Session } from '../../src/model/session.ts';
import { buildPeriodReport, PeriodReportBuilder } from '../../src/period/build.ts';
import { CSV_COLUMNS, csvCell, periodReportCsv } from '../../src/period/csv.ts';
import { fitPeriodSummary } from '../../src/period/fit.ts';
import { periodReportJson } from '../../src/period/json.ts';
import { periodSummaryBytes, renderPeriodSummary } from '../../src/period/summary.ts';
import { tables, toHtml } from '../report-fixtures.ts';
import { busyWeek, DAY, noRules, pullUrl, WEEK, weekSession } from '../repository-fixtures.ts';

const hostile = '@octocat fixes #1 <img src=x onerror=alert(1)> [x](javascript:alert(1)) | =cmd';

function sampleSessions(): Session[] {
  return [
    weekSession('a', [{ url: pullUrl(1), state: 'open' }], {
      day: 0,
      acus: 2.5,
      size: 'm',
      issues: [
        { impact: 'High', label: 'Testing', text: 'No tests' },
        { impact: 'Low', label: hostile, text: 'x' },
      ],
      actionItems: [
        { type: 'knowledge', text: 'Document the build' },
        { type: 'machine_setup', text: hostile },
      ],
    }),
    weekSession('b', [{ url: pullUrl(1) }, { url: pullUrl(2), state: 'merged' }], {
      day: 3,
      acus: 4,
      size: 'xl',
      issues: [{ impact: 'medium', label: 'testing', text: 'Flaky' }],
      actionItems: [{ type: 'knowledge', text: 'document the build' }],
    }),
    weekSession('c', [{ url: pullUrl(3), state: '=HYPERLINK("http://evil")' }], { day: 6, acus: 1 }, false),
  ];
}

function sampleReport(sessions = sampleSessions()) {
  return buildPeriodReport({
    repository: { owner: 'acme', repo: 'app' },
    period: WEEK,
    rules: { ...noRules, failOnLabels: ['testing'], failOnImpact: 'high' },
    sessions,
  });
}

/** Cells of each table in the HTML, row by row, tags stripped. */

/** RFC 4180: quoted fields may hold commas, CRLF and doubled quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (character === '"') quoted = false;
      else cell += character;
    } else if (character === '"') quoted = true;
    else if (character === ',') {
      row.push(cell);
      cell = '';
    } else if (character === '\r' && text[index + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      index += 1;
    } else cell += character;
  }
  return rows;
}

describe('period report renderers', () => {
  it('agree: the summary table, the JSON and the CSV hold the same pull requests and figures', () => {
    const report = sampleReport();
    const json = periodReportJson(report);
    const csv = parseCsv(periodReportCsv(report));
    const summaryTable = tables(toHtml(renderPeriodSummary(report)))[0] ?? [];

    expect(csv[0]).toEqual([...CSV_COLUMNS]);
    expect(csv.slice(1)).toHaveLength(json.pull_requests.length);
    expect(summaryTable.slice(1)).toHaveLength(json.pull_requests.length);
    json.pull_requests.forEach((pull, index) => {
      const csvRow = Object.fromEntries(CSV_COLUMNS.map((column, at) => [column, csv[index + 1]?.[at]]));
      expect(csvRow).toMatchObject({
        url: pull.url,
        number: String(pull.number),
        sessions: String(pull.sessions),
        session_ids: pull.session_ids.join(' '),
        size: pull.size,
        acus: String(pull.acus),
        issues: String(pull.issues),
        gate: pull.gate,
        gate_reasons: pull.gate_reasons.join('; '),
      });
      expect(csvRow.state?.replace(/^'/, '')).toBe(pull.state);
      const [link, , sessions, size, acus, issues, gate] = summaryTable[index + 1] ?? [];
      expect([link, sessions, size, acus, issues]).toEqual([
        `#${pull.number}`,
        String(pull.sessions),
        pull.size.toUpperCase() || '—',
        String(pull.acus),
        String(pull.issues),
      ]);
      expect(gate).toMatch({ pass: /^✅/, fail: /^❌/, warn: /^⚠️/, pending: /^⏳/ }[pull.gate] ?? /^never$/);
    });

    const html = toHtml(renderPeriodSummary(report));
    expect(html).toContain(`<strong>3 pull requests · 3 sessions · ${json.totals.acus} ACUs`);
    for (const pull of json.pull_requests)
      expect(html).toContain(`<a href="${pull.url}">#${pull.number}</a>`);
  });

  it('holds the figures the builder computed', () => {
    const json = periodReportJson(sampleReport());
    expect(json.totals).toMatchObject({
      pull_requests: 3,
      sessions: 3,
      acus: 7.5,
      issues: 3,
      action_items: 3,
    });
    expect(json.pull_requests.map((pull) => [pull.number, pull.state, pull.gate])).toEqual([
      [1, 'open', 'fail'],
      [2, 'merged', 'fail'],
      [3, '=hyperlink("http://evil")', 'pending'],
    ]);
    expect(json.acus_per_day.map((day) => day.acus)).toEqual([2.5, 0, 0, 4, 0, 0, 1]);
    expect(json.acus_per_day[0]?.date).toBe('2025-11-16');
    expect(json.issues_by_label[0]).toEqual({
      label: 'Testing',
      total: 2,
      critical: 0,
      high: 1,
      medium: 1,
      low: 0,
      other: 0,
      sessions: 2,
    });
    expect(json.action_items_by_type.map((group) => group.type)).toEqual(['machine_setup', 'knowledge']);
  });

  it('draws ACUs per day as a Mermaid chart with the JSON figures', () => {
    const report = sampleReport();
    const summary = renderPeriodSummary(report);
    const chart = /```mermaid\nxychart-beta\n([\s\S]*?)```/.exec(summary)?.[1] ?? '';
    const json = periodReportJson(report);
    expect(chart).toContain(
      `x-axis [${json.acus_per_day.map((day) => `"${day.date.slice(5)}"`).join(', ')}]`,
    );
    expect(chart).toContain(`bar [${json.acus_per_day.map((day) => day.acus).join(', ')}]`);
    expect(chart).toContain('y-axis "ACUs" 0 --> 4');
  });

  it('writes every figure of the chart, the tables and the CSV as a plain decimal, never as 5e+21', () => {
    const huge = [
      weekSession('big', [{ url: pullUrl(1) }], { day: 1, acus: 5e21 }),
      weekSession('tiny', [{ url: pullUrl(2) }], { day: 2, acus: 0.1 }),
      weekSession('late', [{ url: pullUrl(2) }], { day: 2, acus: 0.2 }),
      { ...weekSession('old', [{ url: pullUrl(3) }], { acus: 2.5e21 }), updatedAt: WEEK.start - DAY },
    ];
    const report = sampleReport(huge);
    const summary = renderPeriodSummary(report);
    const chart = /```mermaid\nxychart-beta\n([\s\S]*?)```/.exec(summary)?.[1] ?? '';

    expect(chart).toContain('y-axis "ACUs" 0 --> 5000000000000000000000\n');
    expect(chart).toContain('bar [0, 5000000000000000000000, 0.3, 0, 0, 0, 0]');
    expect(summary).toContain('(2500000000000000000000 ACUs) last updated outside the period');
    expect(summary).toContain(' 7500000000000000000000 ACUs');
    expect(periodReportCsv(report)).toContain(',5000000000000000000000,');
    expect(`${summary}${periodReportCsv(report)}`).not.toMatch(/\de[+-]?\d/);
  });

  it('makes the API text harmless in the summary: no mention, no closing keyword, no HTML, no link', () => {
    const html = toHtml(renderPeriodSummary(sampleReport()));
    expect(html).not.toMatch(/<img|<a href="javascript/);
    expect(html).not.toMatch(/(^|[^\w])@octocat/);
    expect(html).not.toMatch(/fixes #1/);
    expect(html).toContain('Document the build (×2)');
  });

  it('neutralises spreadsheet formulas and quotes per RFC 4180 in the CSV', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+cmd')).toBe("'+cmd");
    expect(csvCell('-cmd')).toBe("'-cmd");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\rx')).toBe(`"'\rx"`);
    expect(csvCell('a,"b"\nc')).toBe('"a,""b""\nc"');
    expect(csvCell('12.5')).toBe('12.5');
    const csv = periodReportCsv(sampleReport());
    expect(csv).toContain(`,"'=hyperlink(""http://evil"")",`);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('says so when nothing in the period names a pull request of the repository', () => {
    const report = sampleReport([weekSession('x', [{ url: pullUrl(1, 'acme/other') }])]);
    const summary = renderPeriodSummary(report);
    expect(summary).toContain('No Devin session named a pull request of this repository.');
    expect(periodReportCsv(report)).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
  });

  it('names at most ten states in the totals, the most frequent first', () => {
    const report = sampleReport(
      Array.from({ length: 30 }, (_, index) =>
        weekSession(`s${index}`, [{ url: pullUrl(index + 1), state: index < 5 ? 'open' : `state ${index}` }]),
      ),
    );
    const line = renderPeriodSummary(report)
      .split('\n')
      .find((text) => text.startsWith('Pull requests by state:'));
    expect(line).toMatch(/^Pull requests by state: open 5 · (?:state \d+ 1 · ){9}16 other states$/);
  });

  it('marks an incomplete scan right under the heading, in the JSON too, and keeps it when the summary is cut', () => {
    const builder = new PeriodReportBuilder({
      repository: { owner: 'acme', repo: 'app' },
      period: WEEK,
      rules: noRules,
    });
    for (const session of sampleSessions()) builder.add(session);
    const complete = builder.build();
    builder.markIncomplete('The listing ended early.');
    builder.markIncomplete('The listing ended early.');
    const report = builder.build();

    expect(periodReportJson(complete)).toMatchObject({ complete: true, incomplete_reasons: [] });
    expect(renderPeriodSummary(complete)).not.toContain('Incomplete');
    expect(periodReportJson(report)).toMatchObject({
      complete: false,
      incomplete_reasons: ['The listing ended early.'],
    });
    const [heading, warning, reasons] = renderPeriodSummary(report).split('\n\n');
    expect(heading).toMatch(/^### /);
    expect(warning).toMatch(/^⚠️ \*\*Incomplete\*\*/);
    expect(reasons).toBe('- The listing ended early.');
    const cut = fitPeriodSummary(report, 400, 'the report file');
    expect(cut.markdown).toContain('**Incomplete**');
    expect(cut.omitted.length).toBeGreaterThan(0);
  });

  it('keeps a small summary whole, with no line about parts left out', () => {
    const report = sampleReport();
    const fitted = fitPeriodSummary(report, 100_000, 'the report file');
    expect(fitted).toEqual({ markdown: renderPeriodSummary(report), omitted: [] });
  });
});

describe('periodSummaryBytes', () => {
  it('measures exactly what renderPeriodSummary writes, at any level of detail', () => {
    const reports = [
      sampleReport(),
      buildPeriodReport({
        repository: { owner: 'acme', repo: 'app' },
        period: WEEK,
        rules: noRules,
        sessions: [],
      }),
      buildPeriodReport({
        repository: { owner: 'acme', repo: 'app' },
        period: WEEK,
        rules: { ...noRules, failOnLabels: ['secrets'] },
        sessions: busyWeek(300, 40),
      }),
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...reports),
        fc.record(
          {
            maxPullRequests: fc.nat(50),
            maxLabels: fc.nat(20),
            maxActionItemTypes: fc.nat(8),
            maxActionItemsPerType: fc.nat(12),
            actionItemTextLength: fc.integer({ min: 1, max: 400 }),
            whereTheRestIs: fc.constantFrom(undefined, 'the report file (output report) — ✓'),
          },
          { requiredKeys: [] },
        ),
        (report, options) => {
          expect(periodSummaryBytes(report, options)).toBe(
            Buffer.byteLength(renderPeriodSummary(report, options)),
          );
        },
      ),
    );
  });
});

describe('period summary with any text from the API', () => {
  const LIVE_MENTION = /(?<![A-Za-z0-9_])@[A-Za-z0-9]/;
  const CLOSING_REFERENCE =
    /(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\s*:?\s*(?:#\d|[\w.-]+\/[\w.-]+#\d|gh-\d|https?:\/\/)/i;
  // An email address stays readable as a mailto link, which pings no one.
  const ALLOWED_TAG =
    /^(?:<\/?(?:p|strong|table|thead|tbody|tr|th|td|ul|li|pre|code|h3|h4)>|<code class="language-mermaid">|<a href="https:\/\/github\.com\/acme\/app\/pull\/\d+">|<a href="mailto:[^"<>\s]*">|<\/a>)$/;
  const hostileText = fc.string({
    unit: fc.constantFrom(
      ...'@#<>&|`*_[]()!\\:/.-=+ \n\r017',
      ...['fixes', 'close', 'gh-1', 'www', 'octocat', 'img', 'a', 'https://x.test'],
    ),
    maxLength: 30,
  });

  it('pings no one, closes nothing, injects no HTML and keeps every table row whole', () => {
    fc.assert(
      fc.property(hostileText, hostileText, hostileText, hostileText, (label, impact, text, state) => {
        const report = sampleReport([
          weekSession('a', [{ url: pullUrl(1), state }], {
            size: state,
            issues: [{ impact, label, text }],
            actionItems: [{ type: label, text }],
          }),
        ]);
        const html = toHtml(renderPeriodSummary(report));
        const outsideCode = html.replace(/<code class="language-mermaid">[\s\S]*?<\/code>/g, '<code></code>');
        for (const [tag] of outsideCode.matchAll(/<[^>]*>?/g)) expect(tag).toMatch(ALLOWED_TAG);
        const visible = outsideCode
          .replace(/<[^>]*>/g, ' ')
          .replace(
            /&(lt|gt|amp|quot);/g,
            (_entity, name: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"' })[name] ?? '',
          );
        expect(visible).not.toMatch(LIVE_MENTION);
        expect(visible).not.toMatch(CLOSING_REFERENCE);
        for (const table of tables(html)) {
          for (const row of table) expect(row).toHaveLength(table[0]?.length ?? 0);
        }
      }),
      { numRuns: 200 },
    );
  });
});
