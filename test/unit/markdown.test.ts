import { describe, expect, it } from 'vitest';
import { fitPullRequestReport } from '../../src/comment/fit.ts';
import { renderPullRequestReport } from '../../src/comment/render.ts';
import { COMMENT_ROOM } from '../../src/github/comment.ts';
import { commentMarkdown } from '../../src/github/comment-body.ts';
import type { FailingIssue, Verdict } from '../../src/model/gate.ts';
import type { InsightState, Issue } from '../../src/model/session.ts';
import {
  analysisWith,
  ready,
  reportWith,
  sessionWith,
  tables,
  toHtml,
  verdictWith,
} from '../report-fixtures.ts';

/** The cells of each table in the HTML, row by row. */

const highIssue: Issue = {
  impact: 'High',
  label: 'Testing',
  text: 'Skipped the integration tests',
  id: 'i1',
};
const mediumIssue: Issue = { impact: 'medium', label: 'Scope', text: 'Changed unrelated files' };
const lowIssue: Issue = { impact: 'Low', label: 'Style', text: 'Inconsistent naming' };
const unknownIssue: Issue = { impact: 'Sev 2', label: 'Security', text: 'Logged a token', id: 'i9' };
const failingLow: Issue = { impact: 'low', label: 'Secrets', text: 'Committed a .env file' };

const first = sessionWith({
  id: 'devin-aaaa1111bbbb',
  url: 'https://app.devin.ai/sessions/aaaa1111bbbb',
  title: 'Add the dashboard',
  status: 'running',
  statusDetail: 'waiting_for_user',
  acus: 3.25,
  size: 'm',
  userMessages: 3,
  devinMessages: 12,
  category: 'feature',
  analysis: analysisWith({
    issues: [lowIssue, highIssue, failingLow],
    actionItems: [
      { type: 'repo_config', text: 'Raise the coverage threshold', issueId: 'i1' },
      { type: 'machine_setup', text: 'Install Chrome in the snapshot' },
      { type: 'brand_new_kind', text: 'Something newer' },
      { type: 'knowledge', text: 'Add a note about the API' },
    ],
    timeline: [
      { title: 'Started', description: 'Read the issue' },
      { title: 'Opened the pull request', description: 'With tests' },
    ],
    suggestedPrompt: {
      original: 'Add a dashboard',
      suggested: 'Add a dashboard with tests',
      feedback: [{ summary: 'Missing tests', excerpt: 'Add a dashboard', details: 'Ask for tests' }],
    },
    noteUsage: { good: [{ noteId: 'n1', message: 'Used the style note', reason: 'Matched' }], bad: [] },
    classification: { category: 'feature', confidence: 0.92, languages: ['TypeScript'], tools: ['npm'] },
  }),
});

const second = sessionWith({
  id: 'cccc2222dddd',
  url: 'https://app.devin.ai/sessions/cccc2222dddd',
  title: undefined,
  status: 'exit',
  acus: 2.005,
  size: 'xl',
  userMessages: 1,
  devinMessages: undefined,
  analysis: analysisWith({
    issues: [unknownIssue, mediumIssue],
    actionItems: [
      { type: 'other', text: 'Tidy up' },
      { type: 'prompt_improvement', text: 'Say which tests to run' },
      { type: 'machine_setup', text: 'Cache node_modules', issueId: 'i9' },
    ],
    classification: { category: 'security', languages: [], tools: [] },
  }),
});

const failing: FailingIssue[] = [
  { sessionId: first.id, issue: highIssue, rules: ['fail-on-labels'] },
  { sessionId: first.id, issue: failingLow, rules: ['fail-on-labels'] },
];

const twoSessions = reportWith([ready(first), ready(second)], {
  verdict: verdictWith({
    outcome: 'fail',
    reasons: ['2 issues labelled Testing, Secrets (fail-on-labels)'],
    failingIssues: failing,
  }),
  notes: ['A sentence from the action.'],
  runUrl: 'https://github.com/acme/app/actions/runs/42',
});

describe('renderPullRequestReport with two sessions', () => {
  const markdown = renderPullRequestReport(twoSessions);
  const html = toHtml(markdown);

  it('starts with a header and a line linking each session', () => {
    expect(markdown.startsWith('### Devin session insights\n\n')).toBe(true);
    expect(markdown).toContain(
      '**Sessions:** [Add the dashboard](https://app.devin.ai/sessions/aaaa1111bbbb) · [cccc2222dddd](https://app.devin.ai/sessions/cccc2222dddd)',
    );
  });

  it('renders the session table with a total row', () => {
    const [sessions] = tables(html);
    expect(sessions).toEqual([
      ['Session', 'Status', 'Size', 'ACUs', 'User messages', 'Devin messages', 'Category', 'Analysis'],
      ['Add the dashboard', 'waiting for input', 'M', '3.25', '3', '12', 'feature', '✅ analysed'],
      ['cccc2222dddd', 'ended', 'XL', '2.01', '1', '—', 'security', '✅ analysed'],
      ['Total', '', 'XL', '5.26', '4', '12', '', ''],
    ]);
  });

  it('sorts the issues by impact and marks the ones that fail the gate', () => {
    const issues = tables(html)[1];
    expect(issues?.[0]).toEqual(['Impact', 'Label', 'Issue', 'Session', 'Gate']);
    expect(issues?.slice(1).map((row) => [row[0], row[1], row[3], row[4]])).toEqual([
      ['Sev 2', 'Security', 'cccc2222', ''],
      ['🔴 High', 'Testing', 'aaaa1111', '⛔ fail-on-labels'],
      ['🟠 Medium', 'Scope', 'cccc2222', ''],
      ['🟡 Low', 'Secrets', 'aaaa1111', '⛔ fail-on-labels'],
      ['🟡 Low', 'Style', 'aaaa1111', ''],
    ]);
    expect(markdown).toContain('#### Issues (5)');
  });

  it('marks failing issues by identity, not by equal content', () => {
    const lookalike = { ...highIssue };
    const report = reportWith(
      [ready(sessionWith({ analysis: analysisWith({ issues: [lookalike, highIssue] }) }))],
      {
        verdict: verdictWith({
          outcome: 'fail',
          failingIssues: [{ sessionId: 'x', issue: highIssue, rules: ['fail-on-impact'] }],
        }),
      },
    );
    const rows = tables(toHtml(renderPullRequestReport(report)))[1]?.slice(1) ?? [];
    expect(rows.map((row) => row[4])).toEqual(['⛔ fail-on-impact', '']);
  });

  it('groups the action items by type, known types first and unknown ones by their raw name', () => {
    const headings = [...markdown.matchAll(/^\*\*(.+)\*\*$/gm)].map(([, heading]) => heading);
    expect(headings).toEqual([
      'Machine setup',
      'Repository config',
      'Knowledge',
      'Prompt improvement',
      'Other',
      'brand\\_new\\_kind',
      'Helpful notes',
    ]);
    expect(markdown).toContain(
      '**Machine setup**\n\n- Install Chrome in the snapshot · [aaaa1111](https://app.devin.ai/sessions/aaaa1111bbbb)\n- Cache node\\_modules',
    );
    expect(html).toContain('<li>Something newer');
  });

  it('shows the verdict with its reasons', () => {
    expect(markdown).toContain(
      '**Gate:** ❌ failed\n\n- 2 issues labelled Testing, Secrets (fail-on-labels)',
    );
  });

  it('folds the timeline, suggested prompt, note usage and classification in closed details blocks', () => {
    const summaries = [...html.matchAll(/<details><summary>([^<]*)<\/summary>/g)].map(
      ([, summary]) => summary,
    );
    expect(summaries).toEqual(['Timeline', 'Suggested prompt', 'Note usage', 'Classification']);
    expect(html.match(/<details>/g)).toHaveLength(4);
    expect(html.match(/<\/details>/g)).toHaveLength(4);
    expect(markdown).toMatch(/<\/summary>\n\n[\s\S]*?\n\n<\/details>/);
    expect(html).toContain('<ol>\n<li>Started — Read the issue</li>');
    expect(html).toContain('<pre><code class="language-text">Add a dashboard with tests\n</code></pre>');
    expect(tables(html)[2]?.[1]).toEqual(['Add the dashboard', 'feature', '92%', 'TypeScript', 'npm']);
  });

  it('lists the notes and ends with when the data was read and the run link', () => {
    expect(markdown).toContain('- A sentence from the action.');
    expect(markdown.trimEnd().split('\n').at(-1)).toBe(
      '<sub>Data read from the Devin API at 2025-03-01T10:20:30Z · [workflow run](https://github.com/acme/app/actions/runs/42)</sub>',
    );
  });

  it('keeps the parts in reading order', () => {
    const positions = [
      '### Devin session insights',
      '| Session |',
      '- A sentence',
      '**Gate:**',
      '#### Issues',
      '#### Action items',
      '<details><summary>Timeline',
      '<sub>Data read',
    ].map((part) => markdown.indexOf(part));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('leaves nothing out at full detail', () => {
    expect(markdown).not.toContain('Left out');
  });
});

describe('renderPullRequestReport states', () => {
  it('shows one session without a total row', () => {
    const [sessions] = tables(toHtml(renderPullRequestReport(reportWith([ready(sessionWith())]))));
    expect(sessions).toHaveLength(2);
  });

  it('shows pending analyses and waits for the gate', () => {
    const report = reportWith([ready(sessionWith({ analysis: null }), 'pending')], { verdict: undefined });
    const markdown = renderPullRequestReport(report);
    expect(tables(toHtml(markdown))[0]?.[1]?.[7]).toBe('⏳ analysis pending');
    expect(markdown).toContain('**Gate:** ⏳ waiting for analysis');
    expect(markdown).not.toContain('#### Issues');
    expect(markdown).not.toContain('<details>');
  });

  it('shows timed-out and missing analyses and says their issues were not checked', () => {
    const late = sessionWith({ id: 'late1', title: 'Late', analysis: null });
    const none = sessionWith({ id: 'none2', title: 'None', analysis: null });
    const report = reportWith([ready(late, 'timed-out'), ready(none, 'missing')], {
      verdict: verdictWith({ unanalysedSessionIds: ['late1', 'none2'] }),
    });
    const markdown = renderPullRequestReport(report);
    const rows = tables(toHtml(markdown))[0] ?? [];
    expect(rows.map((row) => row[7])).toEqual([
      'Analysis',
      '⌛ no analysis after waiting',
      'no analysis',
      '',
    ]);
    expect(markdown).toContain('**Gate:** ✅ passed');
    expect(markdown).toContain(
      'The issues of these sessions were not checked, as there is no analysis yet: [Late](https://app.devin.ai/sessions/abc123def456), [None](https://app.devin.ai/sessions/abc123def456).',
    );
  });

  it('says when no issues were reported', () => {
    expect(renderPullRequestReport(reportWith([ready(sessionWith())]))).toContain(
      '#### Issues\n\nNo issues reported.',
    );
  });

  it('reports a pull request without sessions', () => {
    const report = reportWith([], {
      verdict: verdictWith({
        outcome: 'warn',
        reasons: ['no Devin session references this pull request (if-no-session)'],
      }),
    });
    const markdown = renderPullRequestReport(report);
    expect(markdown).toContain('No Devin session references this pull request.');
    expect(markdown).toContain('**Gate:** ⚠️ failed, reported as a warning only');
    expect(markdown).not.toContain('<table>');
    expect(toHtml(markdown)).not.toContain('<table>');
  });

  it.each([
    ['pass', '**Gate:** ✅ passed'],
    ['fail', '**Gate:** ❌ failed'],
    ['warn', '**Gate:** ⚠️ failed, reported as a warning only'],
  ] as const)('shows the %s verdict', (outcome, expected) => {
    expect(
      renderPullRequestReport(reportWith([ready(sessionWith())], { verdict: verdictWith({ outcome }) })),
    ).toContain(expected);
  });

  it('marks failing issues as warnings under warn-only', () => {
    const report = reportWith([ready(sessionWith({ analysis: analysisWith({ issues: [highIssue] }) }))], {
      verdict: verdictWith({
        outcome: 'warn',
        failingIssues: [{ sessionId: 'x', issue: highIssue, rules: ['fail-on-impact'] }],
      }),
    });
    expect(renderPullRequestReport(report)).toContain('| ⚠️ fail-on-impact |');
  });

  it('shows unknown values as they are, sanitised', () => {
    const odd = sessionWith({
      status: 'new_status',
      size: 'xxl',
      analysis: analysisWith({ issues: [{ impact: '', label: '', text: '' }] }),
    });
    const report = reportWith([ready(odd, 'mystery' as InsightState)], {
      verdict: verdictWith({ outcome: 'odd' as Verdict['outcome'] }),
    });
    const markdown = renderPullRequestReport(report);
    expect(markdown).toContain('| new\\_status | XXL |');
    expect(markdown).toContain('| mystery, ⚠️ taken mid-session |');
    expect(markdown).toContain('**Gate:** odd');
    expect(markdown).toContain('| — | — | — |');
  });

  it('links only http(s) session URLs and encodes what could end the link', () => {
    const bad = sessionWith({ title: 'Bad', url: 'javascript:alert(1)' });
    const odd = sessionWith({ title: 'Odd', url: 'https://app.devin.ai/sessions/x)|y<z>"' });
    const markdown = renderPullRequestReport(reportWith([ready(bad), ready(odd)]));
    expect(markdown).toContain('| Bad |');
    expect(markdown).not.toContain('javascript:');
    expect(markdown).toContain('[Odd](https://app.devin.ai/sessions/x%29%7cy%3Cz%3E%22)');
  });

  it('does not throw on an invalid date or non-finite numbers', () => {
    const report = reportWith(
      [ready(sessionWith({ acus: Number.NaN, userMessages: Number.POSITIVE_INFINITY }))],
      {
        readAt: new Date(Number.NaN),
      },
    );
    const markdown = renderPullRequestReport(report);
    expect(markdown).toContain('Data read from the Devin API at an unknown time');
    expect(markdown).toContain('| — | — |');
  });

  it('writes huge figures in the tables as plain decimals, never as 1e+21', () => {
    const classification = { category: 'x', confidence: 5e22, languages: [], tools: [] };
    const huge = sessionWith({
      acus: 5e21,
      userMessages: 1e21,
      devinMessages: 2e21,
      analysis: analysisWith({ classification }),
    });
    const markdown = renderPullRequestReport(
      reportWith([ready(huge), ready(sessionWith({ id: 'other', acus: 5e21 }))]),
    );
    expect(markdown).not.toMatch(/\de[+-]?\d/);
    expect(markdown).toContain(
      '| 5000000000000000000000 | 1000000000000000000000 | 2000000000000000000000 |',
    );
    expect(markdown).toContain('| 10000000000000000000000 |');
    expect(markdown).toContain('| 50000000000000000000000 |');
  });
});

describe('fitPullRequestReport', () => {
  it('returns the full report when it fits', () => {
    const fitted = fitPullRequestReport(twoSessions, 65_536, 'the job summary');
    expect(fitted).toEqual({ markdown: renderPullRequestReport(twoSessions), omitted: [] });
  });

  it('drops the least important parts first and says so', () => {
    const full = renderPullRequestReport(twoSessions);
    const fitted = fitPullRequestReport(twoSessions, full.length - 1, 'the job summary');
    expect(fitted.omitted).toEqual(['timeline']);
    expect(fitted.markdown.length).toBeLessThan(full.length);
    expect(fitted.markdown).toContain(
      "ℹ️ Left out to fit GitHub's size limit: timeline — the full report is in the job summary.",
    );
    expect(fitted.markdown).not.toContain('<summary>Timeline');
    expect(fitted.markdown).toContain('<summary>Suggested prompt');
  });

  it('keeps the header, the table, the verdict and the gate-tripping and high-impact issues', () => {
    const fitted = fitPullRequestReport(twoSessions, 2_300, 'the job summary');
    expect(fitted.markdown.length).toBeLessThanOrEqual(2_300);
    expect(fitted.omitted.slice(0, 5)).toEqual([
      'timeline',
      'note usage',
      'suggested prompt',
      'classification',
      '1 low-impact issue',
    ]);
    const rows = tables(toHtml(fitted.markdown));
    expect(rows[0]?.at(-1)?.[0]).toBe('Total');
    expect(rows[1]?.slice(1).map((row) => row[1])).toEqual(['Security', 'Testing', 'Scope', 'Secrets']);
    expect(fitted.markdown).toContain('**Gate:** ❌ failed');
    expect(fitted.markdown).not.toContain('<details>');
  });

  it('always stays within the limit, even an absurd one', () => {
    for (const limit of [0, 1, 10, 100, 500, 1_000]) {
      expect(fitPullRequestReport(twoSessions, limit, 'the job summary').markdown.length).toBeLessThanOrEqual(
        limit,
      );
    }
  });

  it('fits 400 issues of 2,000 characters in a comment, keeping the ones that matter', () => {
    const impacts = ['High', 'Medium', 'Low', 'whatever'];
    const issues: Issue[] = Array.from({ length: 400 }, (_, index) => ({
      impact: impacts[index % 4] ?? 'High',
      label: `label-${index % 7}`,
      text: `Issue ${index}: ${'a long explanation of what went wrong '.repeat(60)}`.slice(0, 2_000),
    }));
    const tripping = issues.filter((_, index) => index % 25 === 2);
    const big = sessionWith({
      analysis: analysisWith({
        issues,
        actionItems: issues.map((issue, index) => ({
          type: 'other',
          text: issue.text,
          issueId: `i${index}`,
        })),
        timeline: Array.from({ length: 100 }, (_, index) => ({
          title: `Step ${index}`,
          description: 'x'.repeat(500),
        })),
      }),
    });
    const report = reportWith([ready(big)], {
      verdict: verdictWith({
        outcome: 'fail',
        failingIssues: tripping.map((issue) => ({ sessionId: big.id, issue, rules: ['fail-on-labels'] })),
      }),
    });

    const fitted = fitPullRequestReport(report, 65_536, 'the job summary');

    expect(fitted.markdown.length).toBeLessThanOrEqual(65_536);
    const shown = tables(toHtml(fitted.markdown))[1]?.slice(1) ?? [];
    const shownNumbers = new Set(shown.map((row) => Number(/^Issue (\d+)/.exec(row[2] ?? '')?.[1])));
    const mustStay = issues.flatMap((issue, index) =>
      issue.impact === 'High' || tripping.includes(issue) ? [index] : [],
    );
    expect(mustStay.filter((index) => !shownNumbers.has(index))).toEqual([]);
    expect(shown.filter((row) => row[4] === '⛔ fail-on-labels')).toHaveLength(tripping.length);
    expect(fitted.markdown).toContain("ℹ️ Left out to fit GitHub's size limit: timeline");
    expect(fitted.omitted).toContain('timeline');
    expect(fitted.omitted.some((entry) => entry.includes('low-impact issues'))).toBe(true);
  });

  it('keeps as many gate-tripping issues as fit and counts the rest', () => {
    const issues: Issue[] = Array.from({ length: 3_000 }, (_, index) => ({
      impact: 'High',
      label: 'bug',
      text: `Issue ${index} ${'x'.repeat(200)}`,
    }));
    const session = sessionWith({ analysis: analysisWith({ issues }) });
    const report = reportWith([ready(session)], {
      verdict: verdictWith({
        outcome: 'fail',
        failingIssues: issues.map((issue) => ({ sessionId: session.id, issue, rules: ['fail-on-impact'] })),
      }),
    });
    const fitted = fitPullRequestReport(report, 65_536, 'the job summary');
    expect(fitted.markdown.length).toBeLessThanOrEqual(65_536);
    const shown = tables(toHtml(fitted.markdown))[1]?.slice(1) ?? [];
    expect(shown.length).toBeGreaterThan(100);
    const hidden = 3_000 - shown.length;
    expect(fitted.markdown).toContain(`${hidden} more issues not shown.`);
    expect(fitted.omitted).toContain(`${hidden} further issues`);
  });

  it('counts 1,500 unanalysed sessions rather than listing them, and keeps the verdict, what was left out and the footer', () => {
    const sessions = Array.from({ length: 1_500 }, (_, index) => {
      const id = `${index.toString(16).padStart(4, '0')}${'c'.repeat(28)}`;
      return sessionWith({
        id,
        url: `https://app.devin.ai/sessions/${id}`,
        title: `Session ${index}: ${'work on the checkout flow '.repeat(3)}`,
        analysis: null,
        acus: undefined,
      });
    });
    const ids = sessions.map((session) => session.id);
    const report = reportWith(
      sessions.map((session) => ({ session, insight: 'timed-out' as const })),
      {
        verdict: verdictWith({ unanalysedSessionIds: ids, acusUncheckedSessionIds: ids }),
        maxAcus: 50,
        runUrl: 'https://github.com/acme/app/actions/runs/1',
      },
    );

    const markdown = commentMarkdown(report, 'the job summary');

    expect(markdown.length).toBeLessThanOrEqual(COMMENT_ROOM);
    expect(markdown).toContain('**Gate:** ✅ passed');
    expect(markdown).toMatch(
      /The issues of 1500 sessions were not checked, as there is no analysis yet: .*, and 1490 more\./,
    );
    expect(markdown).toMatch(
      /max-acus could not check 1500 sessions, as the Devin API gave no ACU figure: .*, and 1490 more\./,
    );
    expect(markdown).toContain(
      "ℹ️ Left out to fit GitHub's size limit: the session table — the full report is in the job summary.",
    );
    expect(markdown.trimEnd().split('\n').at(-1)).toBe(
      '<sub>Data read from the Devin API at 2025-03-01T10:20:30Z · [workflow run](https://github.com/acme/app/actions/runs/1)</sub>',
    );
  });

  it('keeps as many issues as fit without the session table when the table alone is too long', () => {
    const sessions = Array.from({ length: 1_000 }, (_, index) =>
      sessionWith({
        id: `s${index}`,
        url: `https://app.devin.ai/sessions/s${index}`,
        title: `Session ${index}: ${'work on the checkout flow '.repeat(3)}`,
        analysis: analysisWith({ issues: [{ impact: 'High', label: 'Testing', text: `Issue ${index}` }] }),
      }),
    );
    const fitted = fitPullRequestReport(
      reportWith(sessions.map((session) => ready(session))),
      65_536,
      'the job summary',
    );

    expect(fitted.markdown.length).toBeLessThanOrEqual(65_536);
    expect(fitted.omitted).toContain('the session table');
    const shown = tables(toHtml(fitted.markdown))[0]?.slice(1) ?? [];
    expect(shown.length).toBeGreaterThan(100);
    if (shown.length < 1_000)
      expect(fitted.markdown).toContain(`${1_000 - shown.length} more issues not shown.`);
  });

  it('keeps what was left out and the footer when even the plainest report must be cut', () => {
    const notes = Array.from(
      { length: 200 },
      (_, index) => `Note ${index}: ${'a note of the action '.repeat(4)}`,
    );
    const fitted = fitPullRequestReport(
      reportWith([ready(sessionWith({}))], { notes }),
      3_000,
      'the job summary',
    );

    expect(fitted.markdown.length).toBeLessThanOrEqual(3_000);
    expect(fitted.markdown).toContain('✅ **Gate passed**');
    expect(fitted.markdown).toContain(
      "ℹ️ Left out to fit GitHub's size limit: the session table, the end of the report — the full report is in the job summary.",
    );
    expect(fitted.markdown.trimEnd().split('\n').at(-1)).toMatch(/^<sub>Data read from the Devin API at /);
    expect(fitted.omitted.at(-1)).toBe('the end of the report');
  });
});
