/**
 * The pull request comment as GitHub shows it: realistic reports, posted by the bundled action run against the
 * fake Devin and GitHub APIs, rendered to HTML with micromark and its GFM extension (the CommonMark and GFM
 * parser GitHub's renderer follows), then linted with markdownlint.
 */

import type { Configuration } from 'markdownlint';
import { lint } from 'markdownlint/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { MARKER, stage } from '../e2e/stage.ts';
import { BASE_TIME, type FakeSession, makeAnalysis, makeSession } from '../fakes/devin-data.ts';
import { scheduleEvent } from '../fakes/webhooks.ts';
import { tables, toHtml } from '../report-fixtures.ts';

const COMMENT_LIMIT = 65_536;
/** The harness runs the action as run 4242 of acme/shop on github.com. */
const RUN_URL = 'https://github.com/acme/shop/actions/runs/4242';
const SESSION_URL = /^https:\/\/app\.devin\.ai\/sessions\/([0-9a-f]+)$/;
const SESSION_HEADER = [
  'Session',
  'Status',
  'Size',
  'ACUs',
  'User messages',
  'Devin messages',
  'Category',
  'Analysis',
];
const ISSUE_HEADER = ['Impact', 'Label', 'Issue', 'Session'];
const CLASSIFICATION_HEADER = ['Session', 'Category', 'Confidence', 'Languages', 'Tools'];

/** Elements micromark itself writes for CommonMark and GFM. */
const MARKDOWN_ELEMENTS = new Set([
  'a',
  'blockquote',
  'br',
  'code',
  'del',
  'em',
  'h3',
  'h4',
  'hr',
  'li',
  'ol',
  'p',
  'pre',
  'strong',
  'table',
  'tbody',
  'td',
  'th',
  'thead',
  'tr',
  'ul',
]);
/** The renderer's own raw HTML: folded sections and the footer. Nothing else may reach the HTML as markup. */
const RENDERER_ELEMENTS = new Set(['details', 'summary', 'sub']);

/**
 * markdownlint's defaults, less what does not fit a GitHub comment:
 * - MD013 line-length: table rows and texts from the API are one line each by nature; GitHub wraps them.
 * - MD041 first-line-heading: the comment starts with the hidden marker that finds it again, then a level-3
 *   heading; a comment is part of a page that has its own title, so a level-1 heading would be out of place.
 * - MD036 no-emphasis-as-heading: the action item groups (**Machine setup**, ...) and note usage groups are
 *   bold labels inside their section, deliberately not headings that would clutter the page outline.
 * MD033 no-inline-html stays on, allowing only the renderer's own elements.
 */
const GITHUB_COMMENT_CONFIG: Configuration = {
  default: true,
  MD013: false,
  MD041: false,
  MD036: false,
  MD033: { allowed_elements: [...RENDERER_ELEMENTS] },
};

/**
 * Text from the model that tries what a comment must not let through. (No bare URL: GitHub, like micromark's
 * GFM extension, turns any `https://…` in text into a link, and the renderer leaves such URLs as they are.)
 */
const HOSTILE_TEXT =
  '<!-- hidden --> <script>alert(1)</script> <img src=x onerror=alert(2)> <details><summary>x</summary> @octocat @acme/security fixes #12 | [click](javascript:alert(3)) ![pixel](/p.png) </details>';

interface Scene {
  number: number;
  body?: string;
  merged?: boolean;
  inputs?: Record<string, string>;
}

interface Rendered {
  /** The comment body exactly as the action posted it: marker line, then the fitted report. */
  body: string;
  html: string;
  sessionIds: string[];
  gate: string;
}

const pullUrl = (number: number) => `https://github.com/acme/shop/pull/${number}`;
const linkLine = (session: FakeSession) =>
  `Link to Devin run: https://app.devin.ai/sessions/${session.session_id}`;

/**
 * Runs the bundled action on the scene's pull request and reads back its comment from the fake GitHub: the
 * last body it wrote, and with `first`, the first one as well (the report posted while analyses were pending).
 */
async function render(scene: Scene): Promise<{ last: Rendered; first: Rendered }> {
  const { github, run, pullRequest, close } = await stage({
    sessions: structuredClone(everySession),
    generation: { [pending.session_id]: { readsUntilReady: 'never' } },
  });
  const event = pullRequest(scene.merged ? 'closed' : 'opened', {
    owner: 'acme',
    repo: 'shop',
    number: scene.number,
    body: scene.body ?? '',
    createdAt: new Date(BASE_TIME * 1000).toISOString(),
    merged: scene.merged ?? false,
  });
  const result = await run(event, scene.inputs).finally(close);
  await result.cleanup();
  const ours = github
    .commentsOn('acme', 'shop', scene.number)
    .filter((comment) => comment.body.includes(MARKER));
  expect(ours, result.stdout).toHaveLength(1);
  const revisions = ours[0]?.revisions ?? [];
  const sessionIds = JSON.parse(result.outputs['session-ids'] ?? '[]') as string[];
  const gate = result.outputs.gate ?? '';
  const rendered = (body: string): Rendered => ({ body, html: toHtml(body), sessionIds, gate });
  return { first: rendered(revisions[0] ?? ''), last: rendered(revisions.at(-1) ?? '') };
}

function stripTags(html: string): string {
  return html.replace(/<[^>]*>/g, '').trim();
}

/** The cells of each table, row by row. */

function tableWithHeader(html: string, header: readonly string[]): string[][] | undefined {
  const found = tables(html).filter((rows) => JSON.stringify(rows[0]) === JSON.stringify(header));
  expect(found.length, `tables headed ${header.join(' | ')}`).toBeLessThanOrEqual(1);
  return found[0];
}

/** The hidden state line the action writes after the marker: JSON without `<` or `>`. */
const STATE_LINE = /<!-- devin-session-insights-state \{[^<>\n]*\} -->/;

/** Every start and end tag in the HTML, in order, with its attributes. */
function tags(html: string): { name: string; closing: boolean; raw: string }[] {
  return [...html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>/g)].map((match) => ({
    closing: match[1] === '/',
    name: (match[2] ?? '').toLowerCase(),
    raw: match[0],
  }));
}

function hrefs(html: string): string[] {
  return [...html.matchAll(/<a\b[^>]*\bhref="([^"]*)"/g)].map((match) => match[1] ?? '');
}

/** What must hold for every comment, whatever its data. */
function expectWellFormed(rendered: Rendered): void {
  const { body, html } = rendered;
  expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
  expect(body).toMatch(new RegExp(`^${MARKER}\n${STATE_LINE.source}\n### Devin session insights\n`));

  // Only markdown's own elements and the renderer's, and the renderer's without attributes.
  const all = tags(html);
  for (const tag of all) {
    expect(
      MARKDOWN_ELEMENTS.has(tag.name) || RENDERER_ELEMENTS.has(tag.name),
      `unexpected element ${tag.raw}`,
    ).toBe(true);
    if (RENDERER_ELEMENTS.has(tag.name)) expect(tag.raw).toBe(`<${tag.closing ? '/' : ''}${tag.name}>`);
  }
  // The marker and the state line after it are the only HTML comments, and stay hidden.
  expect([...html.matchAll(/<!--/g)]).toHaveLength(2);
  expect(html).toMatch(new RegExp(`^${MARKER}\n${STATE_LINE.source}\n`));

  // Every <details> is closed, holds one <summary> first, and none nests in another.
  let open: 'details' | 'summary' | undefined;
  let summaries = 0;
  for (const tag of all.filter((entry) => entry.name === 'details' || entry.name === 'summary')) {
    if (tag.name === 'details' && !tag.closing) {
      expect(open, 'a <details> inside another').toBeUndefined();
      open = 'details';
      summaries = 0;
    } else if (tag.name === 'summary' && !tag.closing) {
      expect(open).toBe('details');
      expect(summaries).toBe(0);
      open = 'summary';
      summaries += 1;
    } else if (tag.name === 'summary') {
      expect(open).toBe('summary');
      open = 'details';
    } else {
      expect(open, '</details> without its <details>').toBe('details');
      expect(summaries).toBe(1);
      open = undefined;
    }
  }
  expect(open, 'an unclosed <details>').toBeUndefined();

  // Links go to the reported sessions and to the workflow run, nowhere else.
  const ids = new Set(rendered.sessionIds);
  const links = hrefs(html);
  for (const href of links) {
    const session = SESSION_URL.exec(href);
    expect(href === RUN_URL || (session !== null && ids.has(session[1] ?? '')), `link to ${href}`).toBe(true);
  }
  for (const id of ids) expect(links).toContain(`https://app.devin.ai/sessions/${id}`);
  expect(links.filter((href) => href === RUN_URL)).toHaveLength(1);
  expect(html).toMatch(
    new RegExp(
      `<sub>Data read from the Devin API at \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ · <a href="${RUN_URL}">workflow run</a></sub>`,
    ),
  );
}

function expectLintClean(body: string): void {
  const results = lint({ strings: { comment: body }, config: GITHUB_COMMENT_CONFIG });
  const problems = (results.comment ?? []).map(
    (error) =>
      `line ${error.lineNumber}: ${error.ruleNames.join('/')} ${error.ruleDescription}${error.errorDetail ? ` (${error.errorDetail})` : ''}${error.errorContext ? ` [${error.errorContext}]` : ''}`,
  );
  expect(problems).toEqual([]);
}

// The data, as the fake Devin API serves it.

const single = makeSession({
  title: 'Fix flaky checkout integration test',
  pull_requests: [{ pr_url: pullUrl(7), pr_state: 'open' }],
  acus_consumed: 3.4,
  session_size: 's',
});

const builder = makeSession({
  title: 'Add cursor pagination to the orders API',
  pull_requests: [{ pr_url: pullUrl(8), pr_state: 'merged' }],
  acus_consumed: 11.75,
  session_size: 'm',
});
const hostile = makeSession({
  title: `Harden the orders API ${HOSTILE_TEXT}`,
  status_detail: 'waiting_for_user',
  pull_requests: [{ pr_url: 'https://github.com/Acme/Shop/pulls/8/files', pr_state: 'merged' }],
  acus_consumed: 4.2,
  session_size: 'l',
  // An undocumented category and action item type on purpose: they are shown as they come.
  _off_contract: true,
  category: `security ${HOSTILE_TEXT}`,
  analysis: makeAnalysis({
    issues: [
      { id: 'h1', issue: `Logged a token ${HOSTILE_TEXT}`, impact: 'High', label: 'Security' },
      { id: 'h2', issue: 'Skipped the load test', impact: 'Critical', label: `Testing\n| x |` },
      { id: 'h3', issue: 'Renamed files outside the task', impact: 'low', label: 'Scope' },
    ],
    action_items: [
      { issue_id: 'h1', type: 'repo_config', action_item: `Add a secret scanner ${HOSTILE_TEXT}` },
      { issue_id: 'h2', type: 'brand_new_kind', action_item: '1. Run the load test before review' },
      { issue_id: null, type: 'other', action_item: '- Tidy the changelog' },
    ],
    timeline: [{ title: `Read the issue ${HOSTILE_TEXT}`, description: '```\nnot a fence\n```' }],
    suggested_prompt: {
      original_prompt: `Harden the API\n\`\`\`\n</details>\n${HOSTILE_TEXT}`,
      suggested_prompt: 'Harden the API; keep the scope to src/orders',
      feedback_items: [
        { summary: '# Scope', excerpt: `<b>${HOSTILE_TEXT}</b>`, details: 'Say what is out of scope' },
      ],
    },
  }),
});
const followUp = makeSession({
  title: 'Address review comments on the orders API',
  pull_requests: [{ pr_url: `${pullUrl(8)}/`, pr_state: 'merged' }],
  acus_consumed: 1.1,
  session_size: 'xs',
  analysis: makeAnalysis({ issues: [], action_items: [], timeline: [], suggested_prompt: null }),
});

const pending = makeSession({
  title: 'Upgrade React Router from v5 to v6',
  pull_requests: [{ pr_url: pullUrl(9), pr_state: 'open' }],
  acus_consumed: 6,
  session_size: 'm',
  analysis: null,
});

/** Far too much for one comment: the fitting has to leave parts out. */
const crowdOn = (number: number, overrides: Partial<FakeSession> = {}) =>
  Array.from({ length: 40 }, (_, index) =>
    makeSession({
      title: `Migrate service ${index + 1} to the new queue`,
      pull_requests: [{ pr_url: pullUrl(number), pr_state: 'merged' }],
      analysis: makeAnalysis({
        issues: Array.from({ length: 25 }, (_, issue) => ({
          id: `c${issue}`,
          issue: `${'The retry policy was copied without reading it. '.repeat(12)}(${index}.${issue})`,
          impact: ['High', 'Medium', 'Low'][issue % 3] ?? 'Low',
          label: ['Environment', 'Testing', 'Scope', 'Prompt Clarity'][issue % 4] ?? 'Scope',
        })),
        action_items: Array.from({ length: 10 }, (_, item) => ({
          issue_id: `c${item}`,
          type: 'machine_setup',
          action_item: `${'Start the queue emulator before the tests. '.repeat(8)}(${index}.${item})`,
        })),
      }),
      ...overrides,
    }),
  );
const crowd = crowdOn(10);

const everySession = [single, builder, hostile, followUp, pending, ...crowd];

describe('the comment for one analysed session', () => {
  let rendered: Rendered;
  beforeAll(async () => {
    ({ last: rendered } = await render({
      number: 7,
      body: `Stabilises the checkout test.\n\n${linkLine(single)}`,
    }));
  });

  it('is well-formed GitHub markdown', () => expectWellFormed(rendered));

  it('has the session table with one row and no total', () => {
    const table = tableWithHeader(rendered.html, SESSION_HEADER);
    expect(table).toHaveLength(2);
    expect(table?.[1]?.slice(0, 4)).toEqual(['Fix flaky checkout integration test', 'finished', 'S', '3.4']);
    expect(table?.[1]?.[7]).toBe('✅ analysed');
  });

  it('has the issues table, by impact, without a gate column when nothing fails', () => {
    const table = tableWithHeader(rendered.html, ISSUE_HEADER);
    expect(table?.slice(1).map((row) => row.slice(0, 2))).toEqual([
      ['🔴 High', 'Environment'],
      ['🟠 Medium', 'Testing'],
      ['🟡 Low', 'Prompt Clarity'],
    ]);
  });

  it('folds the timeline, suggested prompt, note usage and classification', () => {
    const summaries = [...rendered.html.matchAll(/<summary>([^<]*)<\/summary>/g)].map((match) => match[1]);
    expect(summaries).toEqual(['Timeline', 'Suggested prompt', 'Note usage', 'Classification']);
    expect(tableWithHeader(rendered.html, CLASSIFICATION_HEADER)).toHaveLength(2);
    expect(rendered.html).toContain('<strong>Gate:</strong> ✅ passed');
  });

  it('passes markdownlint', () => expectLintClean(rendered.body));
});

describe('the comment for several sessions of a merged pull request, with a failed gate', () => {
  let rendered: Rendered;
  beforeAll(async () => {
    ({ last: rendered } = await render({
      number: 8,
      merged: true,
      body: 'Orders API pagination.',
      inputs: { 'fail-on-labels': 'Environment, security', 'max-acus': '10' },
    }));
  });

  it('is well-formed GitHub markdown', () => expectWellFormed(rendered));

  it('finds the three sessions, each spelling of the URL', () => {
    expect([...rendered.sessionIds].sort()).toEqual(
      [builder.session_id, hostile.session_id, followUp.session_id].sort(),
    );
  });

  it('has the session table with a row per session and a total', () => {
    const table = tableWithHeader(rendered.html, SESSION_HEADER);
    expect(table).toHaveLength(5);
    expect(table?.[4]?.slice(0, 4)).toEqual(['Total', '', 'L', '17.05']);
  });

  it('marks the issues that fail the gate in a gate column', () => {
    const table = tableWithHeader(rendered.html, [...ISSUE_HEADER, 'Gate']);
    const failing = table?.slice(1).filter((row) => row[4]?.startsWith('⛔ fail-on-labels')) ?? [];
    expect(failing.map((row) => row[1]).sort()).toEqual(['Environment', 'Security']);
    expect(table?.slice(1).map((row) => row[0])).toEqual([
      '🟣 Critical',
      '🔴 High',
      '🔴 High',
      '🟠 Medium',
      '🟡 Low',
      '🟡 Low',
    ]);
  });

  it('states the verdict and every reason', () => {
    expect(rendered.gate).toBe('fail');
    expect(rendered.html).toContain('<strong>Gate:</strong> ❌ failed');
    expect(rendered.html).toMatch(/<li>2 issues labelled Environment, Security \(fail-on-labels\)<\/li>/);
    expect(rendered.html).toMatch(/<li>17\.05 ACUs consumed, more than the 10 allowed \(max-acus\)<\/li>/);
  });

  it('shows hostile text as text: no markup, mentions, references or foreign links', () => {
    // Code blocks (the prompts) show their text verbatim; GitHub links nothing inside them.
    const text = stripTags(rendered.html.replace(/<pre>[\s\S]*?<\/pre>/g, ''));
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(text).toContain('@\u200Boctocat');
    expect(text).not.toMatch(/(?<![\w`])@(octocat|acme\/security)/);
    expect(text).not.toMatch(/fixes #12/i);
    expect(hrefs(rendered.html).join(' ')).not.toMatch(/javascript:|p\.png/);
    expect(rendered.html).not.toMatch(/<img|<script/);
  });

  it('passes markdownlint', () => expectLintClean(rendered.body));
});

describe('the comment while an analysis is pending', () => {
  let rendered: Rendered;
  let timedOut: Rendered;
  beforeAll(async () => {
    ({ first: rendered, last: timedOut } = await render({
      number: 9,
      body: linkLine(pending),
      inputs: { 'fail-on-labels': '*', 'wait-timeout': '0.3' },
    }));
  });

  it('is well-formed GitHub markdown', () => {
    expectWellFormed(rendered);
    expectWellFormed(timedOut);
  });

  it('shows the session as pending and the gate as waiting', () => {
    const table = tableWithHeader(rendered.html, SESSION_HEADER);
    expect(table?.[1]?.[7]).toBe('⏳ analysis pending');
    expect(rendered.html).toContain(
      '<strong>Gate:</strong> ⏳ pending: nothing fails so far, but not every session is checked yet',
    );
    expect(rendered.html).toContain(
      '⏳ <strong>Gate pending</strong>: 1 session not checked yet (1 analysis not in yet)',
    );
    expect(tableWithHeader(rendered.html, ISSUE_HEADER)).toBeUndefined();
    expect(rendered.html).not.toContain('<details>');
  });

  it('says so when the analysis did not arrive in time, and that the issues were not checked', () => {
    const table = tableWithHeader(timedOut.html, SESSION_HEADER);
    expect(table?.[1]?.[7]).toBe('⌛ no analysis after waiting');
    expect(stripTags(timedOut.html)).toContain('the next run of this workflow shows it');
    expect(stripTags(timedOut.html)).toContain('were not checked, as there is no analysis yet');
  });

  it('passes markdownlint', () => {
    expectLintClean(rendered.body);
    expectLintClean(timedOut.body);
  });
});

describe('a comment too large for GitHub', () => {
  let rendered: Rendered;
  beforeAll(async () => {
    ({ last: rendered } = await render({
      number: 10,
      merged: true,
      inputs: { 'fail-on-labels': 'environment' },
    }));
  });

  it('fits, says what it left out, and stays well-formed', () => {
    expect(rendered.sessionIds).toHaveLength(crowd.length);
    expect(rendered.html).toContain('Left out to fit GitHub');
    expectWellFormed(rendered);
    expect(tableWithHeader(rendered.html, SESSION_HEADER)).toHaveLength(crowd.length + 2);
  });

  it('passes markdownlint', () => expectLintClean(rendered.body));
});

describe('a comment too large for GitHub, finished by a scheduled run', () => {
  let revisions: string[] = [];
  beforeAll(async () => {
    const now = Math.floor(Date.now() / 1000);
    const recently = { created_at: now - 7200, updated_at: now - 3600 };
    const onTheOpenPull = { ...recently, pull_requests: [{ pr_url: pullUrl(11), pr_state: 'open' }] };
    const late = makeSession({ ...onTheOpenPull, analysis: null });
    const sessions = [...crowdOn(11, onTheOpenPull), late];
    const { github, run, pullRequest, close } = await stage({
      sessions,
      generation: { [late.session_id]: { analysis: makeAnalysis(), readsUntilReady: 2 } },
    });
    try {
      const shop = { owner: 'acme', repo: 'shop' };
      const opened = await run(
        pullRequest('opened', { ...shop, number: 11, body: sessions.map(linkLine).join('\n') }),
        { 'wait-timeout': '0' },
      );
      await opened.cleanup();
      expect(opened.exitCode, opened.stdout).toBe(0);
      const scheduled = await run(scheduleEvent(shop));
      await scheduled.cleanup();
      expect(scheduled.exitCode, scheduled.stdout).toBe(0);
      revisions = github.commentsOn('acme', 'shop', 11)[0]?.revisions ?? [];
    } finally {
      await close();
    }
  });

  it("points to the job summary only from the pull request's own run: a scheduled run's holds the period", () => {
    expect(revisions).toHaveLength(2);
    const [first = '', finished = ''] = revisions;
    expect(first).toContain(' — the full report is in the job summary.');
    expect(finished).toContain("ℹ️ Left out to fit GitHub's size limit: ");
    expect(finished).not.toContain('the full report is in');
    expect(finished).not.toContain('job summary');
  });
});
