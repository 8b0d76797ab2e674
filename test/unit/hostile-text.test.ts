/**
 * Everything from the Devin API is text from a model. Whatever it says, the comment must not ping
 * anyone, close or reference issues, inject HTML, or break the layout; and it must always fit.
 * The properties check the Markdown and the HTML micromark makes of it with GFM and raw HTML allowed,
 * which is what GitHub does before sanitising.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitPullRequestReport } from '../../src/comment/fit.ts';
import type { PullRequestReport } from '../../src/comment/model.ts';
import { renderPullRequestReport } from '../../src/comment/render.ts';
import type { RenderOptions } from '../../src/comment/selection.ts';
import { codeBlock, inlineText } from '../../src/markdown/sanitize.ts';
import { evaluateGate, type GateRules, type Verdict } from '../../src/model/gate.ts';
import type {
  ActionItem,
  Analysis,
  Classification,
  FeedbackItem,
  InsightState,
  Issue,
  NoteUsageItem,
  ReportedSession,
  Session,
  SuggestedPrompt,
  TimelineEvent,
} from '../../src/model/session.ts';
import { sessionWith, tables, toHtml } from '../report-fixtures.ts';

const Z = '\u200B';
/** Sized to run in a few seconds; HOSTILE_TEXT_RUNS=20 searches twenty times longer. */
const runs = (count: number) => count * (Number(process.env.HOSTILE_TEXT_RUNS) || 1);
const COMMENT_LIMIT = 65_536;
const HEADER = '### Devin session insights\n';
const SUMMARY_LIMIT = 1024 * 1024;

// The checks

/** GitHub links `@name` and `@org/team` when the `@` starts the text or follows a non-word character. */
const LIVE_MENTION = /(?<![A-Za-z0-9_])@[A-Za-z0-9]/;
/** GitHub's closing keywords, case-insensitive, optional colon, then `#n`, `owner/repo#n`, `GH-n` or a URL. */
const CLOSING_REFERENCE =
  /(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\s*:?\s*(?:#\d|[\w.-]+\/[\w.-]+#\d|gh-\d|https?:\/\/)/i;
/** The only raw HTML the renderer writes itself. */
const RENDERER_TAG = /<\/?(?:details|summary|sub)>/y;
/** The tags micromark makes of the Markdown the renderer writes, or of its own raw HTML. */
const ALLOWED_HTML_TAG =
  /^(?:<\/?(?:details|summary|sub|p|strong|table|thead|tbody|tr|th|td|ol|ul|li|pre|code|h3|h4|a)>|<a href="(?:https?:\/\/|mailto:)[^"<>\s]*">)$/;
const FOLDED_SUMMARIES = ['Timeline', 'Suggested prompt', 'Note usage', 'Classification'];
const HEADINGS = [
  /^<h3>Devin session insights<\/h3>$/,
  /^<h4>(?:Issues(?: \(\d+\))?|Action items \(\d+\))<\/h4>$/,
];
const TABLE_HEADERS = [
  ['Session', 'Status', 'Size', 'ACUs', 'User messages', 'Devin messages', 'Category', 'Analysis'],
  ['Impact', 'Label', 'Issue', 'Session'],
  ['Impact', 'Label', 'Issue', 'Session', 'Gate'],
  ['Session', 'Category', 'Confidence', 'Languages', 'Tools'],
];

/** The renderer's fenced code blocks: the fence is longer than any backtick run inside, so the first line equal to it closes it. */
function withoutCodeBlocks(markdown: string): string {
  return markdown.replace(/^(`{3,})text\n[\s\S]*?\n\1$/gm, '');
}

/** The text a reader (and GitHub's filters) sees in the Markdown outside code: link targets dropped, escapes and entities resolved. */
function markdownText(outside: string): string {
  return outside
    .replace(/(?<=(?:^|[^\\])(?:\\\\)*)\]\([^()\s]*\)/g, ']')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/&(lt|gt|amp);/g, (_entity, name: string) => ({ lt: '<', gt: '>', amp: '&' })[name] ?? '');
}

function decodeEntities(html: string): string {
  return html
    .replace(/&#x([0-9a-f]+);/gi, (_entity, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_entity, decimal: string) => String.fromCodePoint(Number(decimal)))
    .replace(
      /&(lt|gt|amp|quot);/g,
      (_entity, name: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"' })[name] ?? '',
    );
}

/** Cells per row, table by table, as micromark renders them. */

/**
 * Everything wrong with a comment, as readable sentences; empty when it is safe. Checked on the
 * Markdown and on its HTML: no live mention, no closing reference, no tag or web link but the
 * renderer's, every <details> closed, every table row as wide as its header, no heading but the
 * renderer's.
 */
function problemsOf(markdown: string, html = toHtml(markdown)): string[] {
  // Only a cut to an absurd limit leaves less than the header's first line: no API text at all.
  if (HEADER.startsWith(markdown)) return [];
  const problems: string[] = [];
  const outside = withoutCodeBlocks(markdown);

  // The Markdown.
  if (/`/.test(outside.replace(/\\[\s\S]/g, '')))
    problems.push('markdown: an unescaped backtick outside code');
  for (const { index } of outside.matchAll(/</g)) {
    RENDERER_TAG.lastIndex = index;
    if (!RENDERER_TAG.test(outside)) {
      problems.push(`markdown: raw HTML ${JSON.stringify(outside.slice(index, index + 20))}`);
    }
  }
  for (const match of outside.matchAll(/&(?!(?:amp|lt|gt);)/g)) {
    problems.push(`markdown: entity ${JSON.stringify(outside.slice(match.index, match.index + 10))}`);
  }
  const text = markdownText(outside);
  const mention = LIVE_MENTION.exec(text);
  if (mention) problems.push(`markdown: live mention ${JSON.stringify(around(text, mention.index))}`);
  const closing = CLOSING_REFERENCE.exec(text);
  if (closing) problems.push(`markdown: closing reference ${JSON.stringify(around(text, closing.index))}`);

  // The HTML.
  const outsideCode = html
    .replace(/<pre>[\s\S]*?<\/pre>/g, '<pre></pre>')
    .replace(/<code[^>]*>[\s\S]*?<\/code>/g, '<code></code>');
  for (const [tag] of outsideCode.matchAll(/<[^>]*>?/g)) {
    if (!ALLOWED_HTML_TAG.test(tag)) problems.push(`html: tag ${JSON.stringify(tag.slice(0, 40))}`);
  }
  // Web links only where the renderer writes one ([session](url), [workflow run](url)); API text makes none.
  const webLinks = outsideCode.match(/<a href="http/g)?.length ?? 0;
  const linksWritten = outside.match(/\]\(https?:\/\//g)?.length ?? 0;
  if (webLinks !== linksWritten) problems.push(`html: ${webLinks} web links for ${linksWritten} written`);
  const htmlText = decodeEntities(outsideCode.replace(/<[^>]*>/g, ' '));
  const htmlMention = LIVE_MENTION.exec(htmlText);
  if (htmlMention) problems.push(`html: live mention ${JSON.stringify(around(htmlText, htmlMention.index))}`);
  const htmlClosing = CLOSING_REFERENCE.exec(htmlText);
  if (htmlClosing) {
    problems.push(`html: closing reference ${JSON.stringify(around(htmlText, htmlClosing.index))}`);
  }

  let open = false;
  for (const [tag] of html.matchAll(/<\/?details>/g)) {
    if ((tag === '<details>') === open) problems.push(`html: ${tag} where it does not belong`);
    open = tag === '<details>';
  }
  if (open) problems.push('html: an unclosed <details>');
  const detailsInMarkdown = outside.match(/<details><summary>/g)?.length ?? 0;
  const summaries = [...html.matchAll(/<details><summary>([^<]*)<\/summary>/g)].map(([, summary]) => summary);
  if (summaries.length !== detailsInMarkdown || summaries.some((s) => !FOLDED_SUMMARIES.includes(s ?? ''))) {
    problems.push(`html: details summaries ${JSON.stringify(summaries)}`);
  }
  if ((html.match(/<sub>/g)?.length ?? 0) !== (html.match(/<\/sub>/g)?.length ?? 0)) {
    problems.push('html: an unclosed <sub>');
  }

  for (const [heading] of html.matchAll(/<h(\d)>[\s\S]*?<\/h\1>/g)) {
    if (!HEADINGS.some((allowed) => allowed.test(heading))) problems.push(`html: heading ${heading}`);
  }
  for (const rows of tables(html)) {
    const header = rows[0] ?? [];
    if (!TABLE_HEADERS.some((known) => known.join('\t') === header.join('\t'))) {
      problems.push(`html: table header ${JSON.stringify(header)}`);
    }
    rows.forEach((row, index) => {
      if (row.length !== header.length) problems.push(`html: table row ${index} has ${row.length} cells`);
    });
  }
  return problems;
}

function around(text: string, index: number): string {
  return text.slice(Math.max(0, index - 20), index + 30);
}

/** The <li> between the start of a part and its end, e.g. the action items up to the first <details>. */
function listItemsBetween(html: string, start: string, ends: readonly string[]): number {
  const from = html.indexOf(start);
  if (from === -1) return 0;
  const rest = html.slice(from);
  const to = Math.min(
    ...ends.map((end) => rest.indexOf(end, start.length)).filter((i) => i !== -1),
    rest.length,
  );
  return rest.slice(0, to).match(/<li>/g)?.length ?? 0;
}

/** At full detail every piece of API text is in its place: as many rows and items as the model sent, no more. */
function layoutProblemsOf(html: string, report: PullRequestReport): string[] {
  const problems: string[] = [];
  const sessions = report.sessions.map((entry) => entry.session);
  const analyses = sessions.flatMap((session) => (session.analysis ? [session.analysis] : []));
  const found = tables(html);
  const byHeader = (first: string, second: string) =>
    found.find((rows) => rows[0]?.[0] === first && rows[0]?.[1] === second);
  const expectRows = (name: string, rows: string[][] | undefined, count: number) => {
    if ((rows?.length ?? 0) !== count) problems.push(`${name}: ${rows?.length ?? 0} rows, expected ${count}`);
  };

  if (sessions.length > 0) {
    expectRows(
      'session table',
      byHeader('Session', 'Status'),
      sessions.length + 1 + (sessions.length > 1 ? 1 : 0),
    );
  }
  const issues = analyses.reduce((sum, analysis) => sum + analysis.issues.length, 0);
  expectRows('issue table', byHeader('Impact', 'Label'), issues === 0 ? 0 : issues + 1);
  if (issues > 0 && !html.includes(`<h4>Issues (${issues})</h4>`)) problems.push('issues heading');
  const classified = analyses.filter((analysis) => analysis.classification).length;
  expectRows('classification table', byHeader('Session', 'Category'), classified === 0 ? 0 : classified + 1);

  const items = analyses.reduce((sum, analysis) => sum + analysis.actionItems.length, 0);
  const listed = listItemsBetween(html, '<h4>Action items', ['<details>', '<p><sub>']);
  if (listed !== items) problems.push(`action items: ${listed} listed, expected ${items}`);
  const events = analyses.reduce((sum, analysis) => sum + analysis.timeline.length, 0);
  const timeline = listItemsBetween(html, '<summary>Timeline</summary>', ['</details>']);
  if (timeline !== events) problems.push(`timeline: ${timeline} events listed, expected ${events}`);
  const notes = analyses.reduce(
    (sum, analysis) => sum + (analysis.noteUsage?.good.length ?? 0) + (analysis.noteUsage?.bad.length ?? 0),
    0,
  );
  const notesListed = listItemsBetween(html, '<summary>Note usage</summary>', ['</details>']);
  if (notesListed !== notes) problems.push(`note usage: ${notesListed} listed, expected ${notes}`);
  const prompts = analyses.filter((analysis) => analysis.suggestedPrompt);
  const feedback = prompts.reduce(
    (sum, analysis) => sum + (analysis.suggestedPrompt?.feedback.length ?? 0),
    0,
  );
  const promptPart = html.slice(html.indexOf('<summary>Suggested prompt</summary>'));
  const promptBlocks =
    prompts.length === 0 ? 0 : (promptPart.split('</details>')[0]?.match(/<pre>/g)?.length ?? 0);
  if (promptBlocks !== prompts.length * 2) problems.push(`prompts: ${promptBlocks} code blocks`);
  const feedbackListed = listItemsBetween(html, '<summary>Suggested prompt</summary>', ['</details>']);
  if (feedbackListed !== feedback) problems.push(`feedback: ${feedbackListed} listed, expected ${feedback}`);
  if ((html.match(/<h3>/g)?.length ?? 0) !== 1) problems.push('not exactly one header');
  return problems;
}

// The generators

/** Fragments that have broken comments somewhere: mentions, references, HTML, Markdown, invisible characters. */
const NASTY = [
  '@user',
  '@org/team',
  '@a',
  '@',
  'fixes #1',
  'Closes owner/repo#2',
  'resolves https://github.com/o/r/issues/3',
  'closed: #4',
  'FIXED GH-5',
  'fix',
  '#1',
  '#',
  'owner/repo#2',
  'https://github.com/o/r/issues/3',
  'https://x.test',
  'www.example.com',
  'a@b.co',
  'first.last@example.com',
  'mailto:',
  '<img src=x onerror=alert(1)>',
  '</details>',
  '<details>',
  '<summary>',
  '</summary>',
  '<!--',
  '-->',
  '<sub>',
  '</td>',
  '<script>alert(1)</script>',
  '<',
  '>',
  '&',
  '&#64;',
  '&amp;',
  '&lt;',
  '|',
  '\\|',
  '\n',
  '\r\n',
  '\n\n',
  '\r',
  '\u2028',
  '\u0085',
  '\v',
  '```',
  '````',
  '~~~',
  '`',
  '# heading',
  '## ',
  '#',
  '===',
  '---',
  '- ',
  '* ',
  '+ ',
  '1. ',
  '2) ',
  '> ',
  '    ',
  '\t',
  ' ',
  '[x](javascript:alert(1))',
  '![img](http://t/x.png)',
  '[^1]',
  '[ ] ',
  '[',
  ']',
  '(',
  ')',
  '\\',
  '\\\\',
  '*',
  '**',
  '_',
  '~~',
  '$',
  ':',
  '.',
  '\u200B',
  '\u200E',
  '\u202E',
  '\u2066',
  '\uFEFF',
  '\u00A0',
  '\u0000',
  '\u001B',
  '\u009B',
  '😀',
  '\uD83D',
  '\uDE00',
  'é',
  'ß',
  'a',
  '1',
];

const nastyFragment = fc.constantFrom(...NASTY);
const keyword = fc.mixedCase(
  fc.constantFrom('close', 'closes', 'closed', 'fix', 'fixes', 'fixed', 'resolve', 'resolves', 'resolved'),
);
const specialCharacters = fc.string({
  unit: fc.constantFrom(...'@#<>|`\\\n !&[]()-=*_~:/.a1'.split('')),
  maxLength: 8,
});
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

/** Any string, leaning towards the ones that break things. */
const hostile: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { arbitrary: nastyFragment, weight: 6 },
      { arbitrary: keyword, weight: 2 },
      { arbitrary: specialCharacters, weight: 2 },
      { arbitrary: fc.string({ maxLength: 6 }), weight: 1 },
      { arbitrary: fc.string({ unit: 'binary', maxLength: 4 }), weight: 1 },
      { arbitrary: fc.string({ unit: 'grapheme', maxLength: 3 }), weight: 1 },
      { arbitrary: loneSurrogate, weight: 1 },
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(''));

const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
const few = <T>(arbitrary: fc.Arbitrary<T>, maxLength = 3) => fc.array(arbitrary, { maxLength });

const ISSUE_IDS = ['i1', 'i2', 'i3'];
const issueArb: fc.Arbitrary<Issue> = fc.record(
  {
    impact: fc.oneof(
      fc.constantFrom('High', 'high', ' HIGH ', 'Medium', 'low', 'Low', 'Critical', ''),
      hostile,
    ),
    label: fc.oneof(fc.constantFrom('bug', 'Testing', '*'), hostile),
    text: hostile,
    id: fc.oneof(fc.constantFrom(...ISSUE_IDS), hostile),
  },
  { requiredKeys: ['impact', 'label', 'text'] },
);
const actionItemArb: fc.Arbitrary<ActionItem> = fc.record(
  {
    type: fc.oneof(
      fc.constantFrom(
        'machine_setup',
        'repo_config',
        'knowledge',
        'prompt_improvement',
        'other',
        '__proto__',
      ),
      hostile,
    ),
    text: hostile,
    issueId: fc.oneof(fc.constantFrom(...ISSUE_IDS), hostile),
  },
  { requiredKeys: ['type', 'text'] },
);
const timelineArb: fc.Arbitrary<TimelineEvent> = fc.record({ title: hostile, description: hostile });
const feedbackArb: fc.Arbitrary<FeedbackItem> = fc.record({
  summary: hostile,
  excerpt: hostile,
  details: hostile,
});
const promptText = fc.oneof(
  hostile,
  fc.array(hostile, { maxLength: 4 }).map((lines) => lines.join('\n')),
);
const promptArb: fc.Arbitrary<SuggestedPrompt> = fc.record({
  original: promptText,
  suggested: promptText,
  feedback: few(feedbackArb, 2),
});
const noteArb: fc.Arbitrary<NoteUsageItem> = fc.record({
  noteId: hostile,
  message: hostile,
  reason: hostile,
});
const classificationArb: fc.Arbitrary<Classification> = fc.record(
  {
    category: hostile,
    confidence: fc.oneof(fc.double(), fc.constantFrom(0, 0.5, 1)),
    languages: few(hostile),
    tools: few(hostile),
  },
  { requiredKeys: ['category', 'languages', 'tools'] },
);
const analysisArb: fc.Arbitrary<Analysis> = fc.record(
  {
    issues: few(issueArb, 5),
    actionItems: few(actionItemArb, 5),
    timeline: few(timelineArb),
    suggestedPrompt: promptArb,
    noteUsage: fc.record({ good: few(noteArb, 2), bad: few(noteArb, 2) }),
    classification: classificationArb,
  },
  { requiredKeys: ['issues', 'actionItems', 'timeline'] },
);
const urlArb = fc.oneof(
  fc.constantFrom(
    'https://app.devin.ai/sessions/abc123',
    'javascript:alert(1)',
    'https://x.test/a)|b<c>"@alice`fixes #1',
    'https://github.com/o/r/issues/3',
    'http://x.test/?a=1&b=<i>',
  ),
  hostile,
);
const sessionArb: fc.Arbitrary<Session> = fc.record(
  {
    id: fc.oneof(fc.constantFrom('abc123def456', 'devin-abc123'), hostile),
    url: urlArb,
    title: hostile,
    status: fc.oneof(fc.constantFrom('finished', 'blocked'), hostile),
    statusDetail: hostile,
    orgId: hostile,
    userId: hostile,
    createdAt: fc.integer(),
    updatedAt: fc.integer(),
    acus: fc.double(),
    size: fc.oneof(fc.constantFrom('xs', 'm', 'xl', 'ß'), hostile),
    userMessages: fc.integer(),
    devinMessages: fc.integer(),
    category: hostile,
    initialUserMessage: hostile,
    pullRequests: few(fc.record({ url: urlArb, state: optional(hostile) }), 2),
    analysis: fc.option(analysisArb, { nil: null }),
  },
  {
    requiredKeys: [
      'id',
      'url',
      'status',
      'orgId',
      'createdAt',
      'updatedAt',
      'acus',
      'pullRequests',
      'analysis',
    ],
  },
);
const insightArb = fc.constantFrom<InsightState>('ready', 'pending', 'timed-out', 'working', 'missing');
const rulesArb: fc.Arbitrary<GateRules> = fc.record({
  failOnLabels: few(
    fc.oneof(
      fc.constantFrom('bug', 'testing', '*'),
      hostile.map((label) => label.trim().toLowerCase()),
    ),
  ),
  failOnImpact: fc.constantFrom(undefined, 'low', 'medium', 'high'),
  maxAcus: optional(fc.double({ min: 0, max: 10, noNaN: true })),
  warnOnly: fc.boolean(),
  ifNoSession: fc.constantFrom('ignore', 'warn', 'fail'),
  overrideLabel: optional(hostile),
  ifUnchecked: fc.constantFrom('pass', 'fail'),
});

/** One or several sessions, each text field hostile, with the gate's verdict on them (or none yet). */
const reportArb: fc.Arbitrary<PullRequestReport> = fc
  .record({
    sessions: fc.array(fc.record({ session: sessionArb, insight: insightArb }), {
      minLength: 1,
      maxLength: 3,
    }),
    rules: fc.option(rulesArb, { nil: undefined }),
    extraUnanalysed: few(hostile, 1),
    notes: few(
      fc.constantFrom('A sentence from the action.', 'Devin had not finished analysing 1 session.'),
      1,
    ),
    runUrl: optional(urlArb),
    // Pull request labels are anyone's text, and the override label names one in the comment.
    labels: few(hostile, 2),
    carried: fc.boolean(),
  })
  .map(({ sessions, rules, extraUnanalysed, notes, runUrl, labels, carried }): PullRequestReport => {
    let verdict: Verdict | undefined;
    if (rules) {
      // Upper-cased: the gate matches the override label whatever its case.
      const override = carried ? rules.overrideLabel?.toUpperCase() : undefined;
      const labelled = override === undefined ? labels : [...labels, override];
      const gate = evaluateGate(
        sessions.map((entry) => entry.session),
        rules,
        labelled,
      );
      verdict = { ...gate, unanalysedSessionIds: [...gate.unanalysedSessionIds, ...extraUnanalysed] };
    }
    return {
      pullRequest: { number: 7, url: 'https://github.com/acme/app/pull/7' },
      sessions: sessions satisfies ReportedSession[],
      verdict,
      provisional: sessions.some((entry) => entry.insight === 'pending'),
      rules,
      readAt: new Date('2025-03-01T10:20:30Z'),
      notes,
      runUrl,
    };
  });

const optionsArb: fc.Arbitrary<Partial<RenderOptions>> = fc.record(
  {
    timeline: fc.boolean(),
    noteUsage: fc.boolean(),
    suggestedPrompt: fc.boolean(),
    classification: fc.boolean(),
    minorIssues: fc.boolean(),
    mediumIssues: fc.boolean(),
    actionItems: fc.boolean(),
    findingTextLength: fc.constantFrom(Number.POSITIVE_INFINITY, 300, 120, 5, 1, 0),
    maxIssues: fc.constantFrom(Number.POSITIVE_INFINITY, 0, 1, 3),
    sessionTable: fc.boolean(),
    whereTheRestIs: fc.constantFrom('the job summary', undefined),
  },
  { requiredKeys: [] },
);

// The properties

describe('hostile API text, property-based', () => {
  it('renders any text in any field of one or several sessions harmlessly and in its place', () => {
    fc.assert(
      fc.property(reportArb, (report) => {
        const markdown = renderPullRequestReport(report);
        const html = toHtml(markdown);
        expect(problemsOf(markdown, html)).toEqual([]);
        expect(layoutProblemsOf(html, report)).toEqual([]);
      }),
      { numRuns: runs(120) },
    );
  });

  it('stays harmless at every level of detail', () => {
    fc.assert(
      fc.property(reportArb, optionsArb, (report, options) => {
        expect(problemsOf(renderPullRequestReport(report, options))).toEqual([]);
      }),
      { numRuns: runs(80) },
    );
  });

  it('stays harmless and within the limit when fitted, even to a small limit', () => {
    fc.assert(
      fc.property(reportArb, fc.integer({ min: 0, max: 4_000 }), (report, limit) => {
        for (const max of [limit, COMMENT_LIMIT]) {
          const fitted = fitPullRequestReport(report, max, 'the job summary');
          expect(fitted.markdown.length).toBeLessThanOrEqual(max);
          expect(problemsOf(fitted.markdown)).toEqual([]);
          if (fitted.omitted.length > 0 && !fitted.omitted.includes('the end of the report')) {
            expect(fitted.markdown).toContain("ℹ️ Left out to fit GitHub's size limit: ");
            expect(fitted.markdown).toContain(' — the full report is in the job summary.');
          }
        }
      }),
      { numRuns: runs(50) },
    );
  });

  it('keeps any text within one table cell, one list item or one code block', () => {
    fc.assert(
      fc.property(hostile, hostile, (first, second) => {
        const cell = toHtml(`| a | b |\n| - | - |\n| ${inlineText(first)} | ${inlineText(second)} |`);
        expect(tables(cell).map((rows) => rows.map((row) => row.length))).toEqual([[2, 2]]);
        const list = toHtml(`- ${inlineText(first)}\n- ${inlineText(second)}\n\nafter`);
        expect(list.match(/<li>/g)).toHaveLength(2);
        expect(list).toMatch(/<\/ul>\n<p>after<\/p>$/);
        const code = toHtml(`${codeBlock(`${first}\n${second}`)}\n\nafter`);
        expect(code.match(/<pre>/g)).toHaveLength(1);
        expect(code).toMatch(/<\/code><\/pre>\n<p>after<\/p>$/);
      }),
      { numRuns: runs(300) },
    );
  });
});

// The named attacks

function reportWith(sessions: Session[], verdict?: Verdict): PullRequestReport {
  return {
    pullRequest: { number: 7, url: 'https://github.com/acme/app/pull/7' },
    sessions: sessions.map((session) => ({ session, insight: 'ready' })),
    verdict: verdict ?? {
      outcome: 'pass',
      reasons: [],
      trippedRules: [],
      failingIssues: [],
      unanalysedSessionIds: [],
      acusUncheckedSessionIds: [],
      uncheckedSessionIds: [],
    },
    readAt: new Date('2025-03-01T10:20:30Z'),
    notes: [],
  };
}

/** The same text in every field the comment shows on one line. */
function everywhere(text: string): Session {
  return sessionWith({
    title: text,
    status: text,
    category: text,
    analysis: {
      issues: [{ impact: 'High', label: text, text, id: 'i1' }],
      actionItems: [{ type: text, text, issueId: 'i1' }],
      timeline: [{ title: text, description: text }],
      noteUsage: { good: [{ noteId: 'n1', message: text, reason: 'r' }], bad: [] },
      classification: { category: text, languages: [text], tools: [] },
      suggestedPrompt: {
        original: 'o',
        suggested: 's',
        feedback: [{ summary: text, excerpt: '', details: '' }],
      },
    },
  });
}

describe('each named attack, wherever it appears', () => {
  it.each([
    // name, API text, its Markdown, the text a reader sees
    ['a mention', '@user', `@${Z}user`, `@${Z}user`],
    ['a team mention', '@org/team', `@${Z}org/team`, `@${Z}org/team`],
    ['a mention after an email autolink', 'a@b.co@user', `a@b.co@${Z}user`, `a@b.co@${Z}user`],
    ['a closing keyword with #n', 'fixes #1', `f${Z}ixes \\#${Z}1`, `f${Z}ixes #${Z}1`],
    [
      'a closing keyword with owner/repo#n',
      'Closes owner/repo#2',
      `C${Z}loses owner/repo\\#${Z}2`,
      `C${Z}loses owner/repo#${Z}2`,
    ],
    [
      'a closing keyword with an issue URL',
      'resolves https://github.com/o/r/issues/3',
      `r${Z}esolves https\\://github.com/o/r/issues/3`,
      `r${Z}esolves https://github.com/o/r/issues/3`,
    ],
    ['a keyword at the end', 'this fixes', `this f${Z}ixes`, `this f${Z}ixes`],
    [
      'an image with onerror',
      '<img src=x onerror=alert(1)>',
      '&lt;img src=x onerror=alert(1)&gt;',
      '<img src=x onerror=alert(1)>',
    ],
    ['a closing details tag', '</details>', '&lt;/details&gt;', '</details>'],
    ['an HTML comment', '<!-- the rest', '&lt;\\!-- the rest', '<!-- the rest'],
    ['pipes', 'a | b', 'a \\| b', 'a | b'],
    ['newlines', 'a\nb\r\n\nc\u2028d', 'a b c d', 'a b c d'],
    ['a backtick fence', '```js', '\\`\\`\\`js', '```js'],
    ['a tilde fence', '~~~', '\\~\\~\\~', '~~~'],
    ['a heading', '# heading', '\\# heading', '# heading'],
    ['a setext underline', '===', '\\===', '==='],
    [
      'a javascript link',
      '[x](javascript:alert(1))',
      '\\[x\\](javascript:alert(1))',
      '[x](javascript:alert(1))',
    ],
    ['an image', '![img](http://t/x.png)', '\\!\\[img\\](http\\://t/x.png)', '![img](http://t/x.png)'],
    [
      'a URL ending in a delimiter',
      'https://x.test/a_b*',
      'https\\://x.test/a\\_b\\*',
      'https://x.test/a_b*',
    ],
    ['a www URL', 'www.x.test/~a~', 'www\\.x.test/\\~a\\~', 'www.x.test/~a~'],
    ['backslashes', 'C:\\dir\\', 'C:\\\\dir\\\\', 'C:\\dir\\'],
    ['invisible characters', 'a\u200Bb\u202Ec\u0000d', `a${Z}bcd`, `a${Z}bcd`],
  ])('neutralises %s', (_name, input, inline, shown) => {
    const markdown = renderPullRequestReport(reportWith([everywhere(input)]));
    const html = toHtml(markdown);
    expect(problemsOf(markdown, html)).toEqual([]);

    expect(markdown).toContain(`**Session:** [${inline}](https://app.devin.ai/sessions/abc123def456)\n`);
    expect(markdown).toContain(`| 🔴 High | ${inline} | ${inline} | [abc123de](`);
    expect(markdown).toContain(`**${inline}**\n\n- ${inline}\n`);
    expect(markdown).toContain(`1. ${inline} — ${inline}\n`);
    expect(markdown).toContain(`- n1 — ${inline} — r\n`);
    expect(markdown).toContain(`- ${inline}\n\n</details>`);

    const [sessions, issues, classification] = tables(html).map((rows) =>
      rows.map((row) => row.map(decodeEntities)),
    );
    expect(sessions?.[1]?.slice(0, 2)).toEqual([shown, shown]);
    expect(sessions?.[1]?.[6]).toBe(shown);
    expect(issues?.[1]?.slice(1, 3)).toEqual([shown, shown]);
    expect(classification?.[1]?.[1]).toBe(shown);
    expect(classification?.[1]?.[3]).toBe(shown);
  });

  it('keeps prompts verbatim in code blocks that nothing can close', () => {
    const prompt = '```\n</details>\n<!--\n@user fixes #1\n~~~\n# heading\n| a | b |';
    const session = sessionWith({
      analysis: {
        issues: [],
        actionItems: [],
        timeline: [],
        suggestedPrompt: { original: prompt, suggested: `${'`'.repeat(7)} x`, feedback: [] },
      },
    });
    const markdown = renderPullRequestReport(reportWith([session]));
    const html = toHtml(markdown);
    expect(problemsOf(markdown, html)).toEqual([]);
    expect(markdown).toContain(`Original prompt:\n\n\`\`\`\`text\n${prompt}\n\`\`\`\`\n\nSuggested prompt:`);
    expect(markdown).toContain(`${'`'.repeat(8)}text\n${'`'.repeat(7)} x\n${'`'.repeat(8)}\n\n</details>`);
    expect(html).toContain(
      '<pre><code class="language-text">```\n&lt;/details&gt;\n&lt;!--\n@user fixes #1\n~~~\n# heading\n| a | b |\n</code></pre>',
    );
    expect(html.match(/<details>/g)).toHaveLength(1);
    expect(html).toMatch(/<\/code><\/pre>\n<\/details>\n<p><sub>/);
  });

  it('neutralises the labels the gate names in its verdict, and session ids', () => {
    const issue: Issue = { impact: 'low', label: 'Closes #9 @team', text: 'x' };
    const session = sessionWith({ id: '@user fixes #1', title: undefined, analysis: null });
    const other = sessionWith({ analysis: { issues: [issue], actionItems: [], timeline: [] } });
    const report = reportWith(
      [session, other],
      evaluateGate([session, other], {
        failOnLabels: ['closes #9 @team'],
        warnOnly: false,
        ifNoSession: 'fail',
        ifUnchecked: 'pass',
      }),
    );
    const markdown = renderPullRequestReport(report);
    expect(problemsOf(markdown)).toEqual([]);
    expect(markdown).toContain(`- 1 issue labelled C${Z}loses \\#${Z}9 @${Z}team (fail-on-labels)`);
    expect(markdown).toContain(
      `not checked, as there is no analysis yet: [@${Z}user f${Z}ixes \\#${Z}1](https://app.devin.ai/sessions/abc123def456).`,
    );
  });
});

// Size

const IMPACTS = ['High', 'Medium', 'Low', 'trivial'];

/** A long issue text that starts with its number and is hostile all along. */
function longHostileText(index: number): string {
  const hostility = `@user fixes #${index} <img src=x onerror=alert(1)> </details> <!-- | \`\`\` ~~~ # h @org/team closes o/r#2 `;
  return `Issue ${index}: ${hostility.repeat(20)}`;
}

function hugeReport() {
  const sessions = [0, 1].map((part) => {
    const issues: Issue[] = Array.from({ length: 200 }, (_, offset) => {
      const index = part * 200 + offset;
      const trips = index % 3 === 2;
      return {
        impact: trips ? 'Low' : (IMPACTS[index % 4] ?? 'High'),
        label: trips ? 'Secrets @org/team' : `bug | @user ${index % 7}`,
        text: longHostileText(index),
        id: `i${index}`,
      };
    });
    return sessionWith({
      id: `session${part}abcdef`,
      url: `https://app.devin.ai/sessions/session${part}abcdef`,
      title: `</details> @user fixes #${part}`,
      acus: 2.5 + part,
      userMessages: 3,
      devinMessages: 10 + part,
      size: part === 0 ? 'm' : 'xl',
      analysis: {
        issues,
        actionItems: issues.map((issue) => ({ type: 'other', text: issue.text, issueId: issue.id })),
        timeline: Array.from({ length: 100 }, (_, step) => ({
          title: `Step ${step} @user`,
          description: '<!-- '.repeat(100),
        })),
        suggestedPrompt: { original: '```\n@user\n'.repeat(1_000), suggested: 'x', feedback: [] },
        noteUsage: { good: [{ noteId: 'n', message: '</details>'.repeat(100), reason: 'r' }], bad: [] },
        classification: { category: '# c', languages: ['ts'], tools: [] },
      },
    });
  });
  const verdict = evaluateGate(sessions, {
    failOnLabels: ['secrets @org/team'],
    warnOnly: false,
    ifNoSession: 'fail',
    ifUnchecked: 'pass',
  });
  const mustStay = sessions
    .flatMap((session) => session.analysis?.issues ?? [])
    .filter((issue) => issue.impact === 'High' || issue.label.startsWith('Secrets'))
    .map((issue) => Number(issue.id?.slice(1)));
  return { report: reportWith(sessions, verdict), mustStay, tripping: verdict.failingIssues.length };
}

describe('hundreds of long hostile issues', () => {
  const { report, mustStay, tripping } = hugeReport();

  it('are many more than a comment or a job summary holds', () => {
    expect(renderPullRequestReport(report).length).toBeGreaterThan(2 * SUMMARY_LIMIT);
    expect(tripping).toBe(133);
    expect(mustStay.length).toBe(200);
  });

  const dropped = ['timeline', 'note usage', 'suggested prompt', 'classification', '133 low-impact issues'];
  it.each([
    [
      COMMENT_LIMIT,
      'the job summary',
      [
        ...dropped,
        '67 medium-impact issues',
        '400 action items',
        'the end of issue and action item texts longer than 120 characters',
      ],
    ],
    [
      SUMMARY_LIMIT,
      'the report file (output report)',
      [...dropped, '133 action items', 'the end of issue and action item texts longer than 300 characters'],
    ],
  ])(
    'fit in %i characters, keeping the header, the totals, the verdict and every issue that matters',
    (limit, where, expected) => {
      const { markdown, omitted } = fitPullRequestReport(report, limit, where);
      expect(markdown.length).toBeLessThanOrEqual(limit);
      const html = toHtml(markdown);
      expect(problemsOf(markdown, html)).toEqual([]);

      expect(markdown).toMatch(
        /^### Devin session insights\n\n❌ \*\*Gate failed\*\*: .*\n\n\*\*Sessions:\*\* \[.*\]\(https:\/\/app\.devin\.ai\/sessions\/session0abcdef\) · \[/,
      );
      const [sessions, issues] = tables(html);
      expect(sessions?.at(-1)).toEqual(['Total', '', 'XL', '6', '6', '21', '', '']);
      expect(markdown).toContain(
        `**Gate:** ❌ failed\n\n- 133 issues labelled Secrets @${Z}org/team (fail-on-labels)`,
      );

      const shown = (issues ?? []).slice(1);
      const numbers = new Set(shown.map((row) => Number(/^Issue (\d+):/.exec(row[2] ?? '')?.[1])));
      expect(mustStay.filter((index) => !numbers.has(index))).toEqual([]);
      expect(shown.filter((row) => row[4]?.startsWith('⛔ '))).toHaveLength(133);

      expect(omitted).toEqual(expected);
      expect(markdown).toContain(
        `ℹ️ Left out to fit GitHub's size limit: ${expected.join(', ')} — the full report`,
      );
      expect(markdown).toContain(
        ` — the full report is in ${where}.\n\n<sub>Data read from the Devin API at `,
      );
    },
  );
});
