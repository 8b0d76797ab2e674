import { markdownTable } from 'markdown-table';
import type { Verdict } from '../gate.ts';
import {
  type ActionItem,
  type Analysis,
  bareSessionId,
  type InsightState,
  type Issue,
  impactLevel,
  impactRank,
  largestSize,
  roundAcus,
  type Session,
  totalAcus,
} from '../session.ts';
import type { Report } from './report.ts';
import { codeBlock, inlineText } from './sanitize.ts';

/** Which optional parts to include and how long texts may be; fit.ts lowers these until the report fits. */
export interface RenderOptions {
  /** Each session's timeline, folded. */
  timeline: boolean;
  /** Which knowledge notes helped and which did not, folded. */
  noteUsage: boolean;
  /** The original and the suggested prompt with its feedback, folded. */
  suggestedPrompt: boolean;
  /** Category, confidence, languages and tools per session, folded. */
  classification: boolean;
  /** Issues of low or unknown impact that do not trip the gate, and the action items tied to them or to no issue. */
  minorIssues: boolean;
  /** Medium-impact issues that do not trip the gate, and the action items tied to them. */
  mediumIssues: boolean;
  /** false leaves out every action item, even those tied to an issue that trips the gate or is of high impact. */
  actionItems: boolean;
  /** Cap on each issue and action item text, in characters. */
  findingTextLength: number;
  /** At most this many issues are listed (those that trip the gate, then high impact, first); the rest are counted. */
  maxIssues: number;
  /** false replaces the session table with one summary line: the last resort for a huge number of sessions. */
  sessionTable: boolean;
  /** Where the parts left out can be read, e.g. 'the job summary'; named in the line that lists them. */
  whereTheRestIs?: string;
}

export const FULL_DETAIL: Readonly<RenderOptions> = {
  timeline: true,
  noteUsage: true,
  suggestedPrompt: true,
  classification: true,
  minorIssues: true,
  mediumIssues: true,
  actionItems: true,
  findingTextLength: Number.POSITIVE_INFINITY,
  maxIssues: Number.POSITIVE_INFINITY,
  sessionTable: true,
};

const TITLE_LENGTH = 100;
const SHORT_TEXT_LENGTH = 60;
const SHORT_ID_LENGTH = 8;
const DETAIL_TEXT_LENGTH = 1000;
const PROMPT_LENGTH = 10_000;
const REASON_LENGTH = 500;
const NONE = '—';

const INSIGHT_STATES: Readonly<Record<InsightState, string>> = {
  ready: '✅ analysed',
  pending: '⏳ analysis pending',
  'timed-out': '⌛ no analysis after waiting',
  missing: 'no analysis',
};

const ACTION_ITEM_TYPES: Readonly<Record<string, string>> = {
  machine_setup: 'Machine setup',
  repo_config: 'Repository config',
  knowledge: 'Knowledge',
  prompt_improvement: 'Prompt improvement',
  other: 'Other',
};

const IMPACT_BADGES: Readonly<Record<string, string>> = {
  high: '🔴 High',
  medium: '🟠 Medium',
  low: '🟡 Low',
};

export function renderReport(report: Report, options: Partial<RenderOptions> = {}): string {
  const settings: RenderOptions = { ...FULL_DETAIL, ...options };
  const blocks =
    report.sessions.length === 0 ? renderWithoutSessions(report) : renderWithSessions(report, settings);
  blocks.push(
    renderOmissions(describeOmissions(report, settings), settings.whereTheRestIs),
    renderFooter(report),
  );
  return `${blocks.filter((block) => block !== '').join('\n\n')}\n`;
}

function renderWithoutSessions(report: Report): string[] {
  return [
    '### Devin session insights',
    'No Devin session references this pull request.',
    renderNotes(report.notes),
    renderVerdict(report),
  ];
}

function renderWithSessions(report: Report, options: RenderOptions): string[] {
  const sessions = report.sessions.map((entry) => entry.session);
  return [
    '### Devin session insights',
    options.sessionTable ? renderSessionLinks(sessions) : '',
    options.sessionTable ? renderSessionTable(report) : renderSessionSummary(sessions),
    renderNotes(report.notes),
    renderVerdict(report),
    renderIssues(report, options),
    renderActionItems(report, options),
    options.timeline ? renderTimeline(sessions) : '',
    options.suggestedPrompt ? renderSuggestedPrompts(sessions) : '',
    options.noteUsage ? renderNoteUsage(sessions) : '',
    options.classification ? renderClassification(sessions) : '',
  ];
}

// Sessions

function renderSessionLinks(sessions: readonly Session[]): string {
  return `**${sessions.length === 1 ? 'Session' : 'Sessions'}:** ${sessions.map(sessionLink).join(' · ')}`;
}

function renderSessionSummary(sessions: readonly Session[]): string {
  return `${countOf(sessions.length, 'Devin session')}, ${formatAcus(totalAcus(sessions))} ACUs in total.`;
}

function renderSessionTable(report: Report): string {
  const header = [
    'Session',
    'Status',
    'Size',
    'ACUs',
    'User messages',
    'Devin messages',
    'Category',
    'Analysis',
  ];
  const rows = report.sessions.map(({ session, insight }) => [
    sessionLink(session),
    statusText(session),
    sizeText(session.size),
    formatAcus(session.acus),
    formatCount(session.userMessages),
    formatCount(session.devinMessages),
    inlineText(categoryOf(session), SHORT_TEXT_LENGTH) || NONE,
    insightText(insight),
  ]);
  if (report.sessions.length > 1) rows.push(totalRow(report.sessions.map((entry) => entry.session)));
  return table([header, ...rows]);
}

function totalRow(sessions: readonly Session[]): string[] {
  return [
    '**Total**',
    '',
    sizeText(largestSize(sessions)),
    formatAcus(totalAcus(sessions)),
    formatCount(sumOfKnown(sessions.map((session) => session.userMessages))),
    formatCount(sumOfKnown(sessions.map((session) => session.devinMessages))),
    '',
    '',
  ];
}

function sessionLink(session: Session): string {
  const text =
    inlineText(session.title ?? '', TITLE_LENGTH) || inlineText(session.id, TITLE_LENGTH) || 'session';
  return link(text, session.url);
}

function shortSessionLink(session: Session): string {
  return link(inlineText(bareSessionId(session.id).slice(0, SHORT_ID_LENGTH)) || 'session', session.url);
}

function statusText(session: Session): string {
  const status = inlineText(session.status, SHORT_TEXT_LENGTH) || NONE;
  const detail = inlineText(session.statusDetail ?? '', SHORT_TEXT_LENGTH);
  return detail === '' ? status : `${status} (${detail})`;
}

function sizeText(size: string | undefined): string {
  return inlineText((size ?? '').toUpperCase(), SHORT_TEXT_LENGTH) || NONE;
}

function categoryOf(session: Session): string {
  return session.category || session.analysis?.classification?.category || '';
}

function insightText(insight: InsightState): string {
  return Object.hasOwn(INSIGHT_STATES, insight)
    ? INSIGHT_STATES[insight]
    : inlineText(String(insight), SHORT_TEXT_LENGTH);
}

// Gate

function renderVerdict(report: Report): string {
  const { verdict } = report;
  if (verdict === undefined) return '**Gate:** ⏳ waiting for analysis';
  const reasons = verdict.reasons.map((reason) => `- ${inlineText(reason, REASON_LENGTH)}`).join('\n');
  return [`**Gate:** ${outcomeText(verdict.outcome)}`, reasons, renderUnchecked(report, verdict)]
    .filter(Boolean)
    .join('\n\n');
}

function outcomeText(outcome: Verdict['outcome']): string {
  switch (outcome) {
    case 'pass':
      return '✅ passed';
    case 'fail':
      return '❌ failed';
    case 'warn':
      return '⚠️ failed, reported as a warning only';
    case 'skipped':
      return '⏭️ skipped';
    default:
      return inlineText(String(outcome), SHORT_TEXT_LENGTH);
  }
}

function renderUnchecked(report: Report, verdict: Verdict): string {
  const ids = verdict.unanalysedSessionIds;
  if (ids.length === 0) return '';
  const names = ids.map((id) => {
    const session = report.sessions.find((entry) => entry.session.id === id)?.session;
    return session ? sessionLink(session) : inlineText(id, TITLE_LENGTH);
  });
  const subject = ids.length === 1 ? 'The issues of this session were' : 'The issues of these sessions were';
  return `${subject} not checked, as there is no analysis yet: ${names.join(', ')}.`;
}

// Issues

interface IssueRow {
  issue: Issue;
  session: Session;
  failing: boolean;
  /** Position in the report, to keep the sort stable and the output deterministic. */
  position: number;
}

interface IssueSelection {
  /** In display order: by impact, failing first within an impact. */
  shown: IssueRow[];
  droppedMinor: number;
  droppedMedium: number;
  /** Kept by their impact but beyond maxIssues. */
  beyondMax: number;
}

function renderIssues(report: Report, options: RenderOptions): string {
  const rows = issueRows(report);
  if (rows.length === 0) return hasAnalysis(report) ? '#### Issues\n\nNo issues reported.' : '';
  const selection = selectIssues(rows, options);
  const withGate = (report.verdict?.failingIssues.length ?? 0) > 0;
  const mark = report.verdict?.outcome === 'warn' ? '⚠️ fails gate' : '⛔ fails gate';
  const header = ['Impact', 'Label', 'Issue', 'Session', ...(withGate ? ['Gate'] : [])];
  const body = selection.shown.map((row) => [
    impactText(row.issue.impact),
    inlineText(row.issue.label, SHORT_TEXT_LENGTH) || NONE,
    inlineText(row.issue.text, options.findingTextLength) || NONE,
    shortSessionLink(row.session),
    ...(withGate ? [row.failing ? mark : ''] : []),
  ]);
  const hidden = rows.length - selection.shown.length;
  const parts = [`#### Issues (${rows.length})`, body.length > 0 ? table([header, ...body]) : ''];
  if (hidden > 0) parts.push(`${countOf(hidden, 'more issue')} not shown.`);
  return parts.filter(Boolean).join('\n\n');
}

function issueRows(report: Report): IssueRow[] {
  const failing = new Set((report.verdict?.failingIssues ?? []).map((entry) => entry.issue));
  const rows: IssueRow[] = [];
  for (const { session } of report.sessions) {
    for (const issue of session.analysis?.issues ?? []) {
      rows.push({ issue, session, failing: failing.has(issue), position: rows.length });
    }
  }
  return rows;
}

function selectIssues(rows: readonly IssueRow[], options: RenderOptions): IssueSelection {
  const byImpact = rows.filter((row) => keptByImpact(row, options));
  const limit = Math.max(0, options.maxIssues);
  const kept = new Set([...byImpact].sort(byImportance).slice(0, limit));
  return {
    shown: byImpact.filter((row) => kept.has(row)).sort(byDisplayOrder),
    droppedMinor: rows.filter((row) => !row.failing && isMinor(row.issue) && !options.minorIssues).length,
    droppedMedium: rows.filter((row) => !row.failing && isMedium(row.issue) && !options.mediumIssues).length,
    beyondMax: byImpact.length - kept.size,
  };
}

function keptByImpact(row: IssueRow, options: RenderOptions): boolean {
  if (row.failing) return true;
  if (isMedium(row.issue)) return options.mediumIssues;
  if (isMinor(row.issue)) return options.minorIssues;
  return true;
}

function isMedium(issue: Issue): boolean {
  return impactLevel(issue.impact) === 'medium';
}

function isMinor(issue: Issue): boolean {
  const level = impactLevel(issue.impact);
  return level === undefined || level === 'low';
}

/** What survives a cut first: issues that trip the gate, then by impact. */
function byImportance(a: IssueRow, b: IssueRow): number {
  return Number(b.failing) - Number(a.failing) || byDisplayOrder(a, b);
}

function byDisplayOrder(a: IssueRow, b: IssueRow): number {
  return (
    impactRank(b.issue.impact) - impactRank(a.issue.impact) ||
    Number(b.failing) - Number(a.failing) ||
    a.position - b.position
  );
}

export function impactText(impact: string): string {
  const level = impactLevel(impact);
  if (level !== undefined) return IMPACT_BADGES[level] ?? level;
  return inlineText(impact, SHORT_TEXT_LENGTH) || NONE;
}

function hasAnalysis(report: Report): boolean {
  return report.sessions.some((entry) => entry.session.analysis !== null);
}

// Action items

interface ActionItemRow {
  item: ActionItem;
  session: Session;
}

function renderActionItems(report: Report, options: RenderOptions): string {
  const rows = actionItemRows(report);
  if (rows.length === 0) return '';
  const shown = rows.filter((row) => actionItemKept(row, report, options));
  const several = report.sessions.length > 1;
  const groups = groupByType(shown).map(([type, items]) => {
    const list = items.map((row) => `- ${actionItemLine(row, options, several)}`).join('\n');
    return `**${actionItemTypeName(type)}**\n\n${list}`;
  });
  const hidden = rows.length - shown.length;
  const parts = [`#### Action items (${rows.length})`, ...groups];
  if (hidden > 0) parts.push(`${countOf(hidden, 'more action item')} not shown.`);
  return parts.join('\n\n');
}

function actionItemRows(report: Report): ActionItemRow[] {
  return report.sessions.flatMap(({ session }) =>
    (session.analysis?.actionItems ?? []).map((item) => ({ item, session })),
  );
}

/** An action item goes with the issue it is tied to; one tied to no issue counts as minor. */
function actionItemKept(row: ActionItemRow, report: Report, options: RenderOptions): boolean {
  if (!options.actionItems) return false;
  const issue = row.item.issueId === undefined ? undefined : findIssue(row.session, row.item.issueId);
  if (issue === undefined) return options.minorIssues;
  const failing = (report.verdict?.failingIssues ?? []).some((entry) => entry.issue === issue);
  return keptByImpact({ issue, session: row.session, failing, position: 0 }, options);
}

function findIssue(session: Session, issueId: string): Issue | undefined {
  return session.analysis?.issues.find((issue) => issue.id !== undefined && issue.id === issueId);
}

function groupByType(rows: readonly ActionItemRow[]): [string, ActionItemRow[]][] {
  const groups = new Map<string, ActionItemRow[]>(Object.keys(ACTION_ITEM_TYPES).map((type) => [type, []]));
  for (const row of rows) {
    const group = groups.get(row.item.type);
    if (group) group.push(row);
    else groups.set(row.item.type, [row]);
  }
  return [...groups].filter(([, items]) => items.length > 0);
}

export function actionItemTypeName(type: string): string {
  return Object.hasOwn(ACTION_ITEM_TYPES, type)
    ? (ACTION_ITEM_TYPES[type] as string)
    : inlineText(type, SHORT_TEXT_LENGTH) || 'Untyped';
}

function actionItemLine(row: ActionItemRow, options: RenderOptions, several: boolean): string {
  const text = inlineText(row.item.text, options.findingTextLength) || NONE;
  return several ? `${text} · ${shortSessionLink(row.session)}` : text;
}

// Folded details

function renderTimeline(sessions: readonly Session[]): string {
  return folded('Timeline', sessions, (analysis) => {
    if (analysis.timeline.length === 0) return '';
    return analysis.timeline
      .map(
        (event, index) => `${index + 1}. ${joinInline([event.title, event.description], DETAIL_TEXT_LENGTH)}`,
      )
      .join('\n');
  });
}

function renderSuggestedPrompts(sessions: readonly Session[]): string {
  return folded('Suggested prompt', sessions, ({ suggestedPrompt }) => {
    if (suggestedPrompt === undefined) return '';
    const feedback = suggestedPrompt.feedback.map((item) => `- ${feedbackLine(item)}`).join('\n');
    return [
      'Original prompt:',
      codeBlock(suggestedPrompt.original, PROMPT_LENGTH),
      'Suggested prompt:',
      codeBlock(suggestedPrompt.suggested, PROMPT_LENGTH),
      feedback === '' ? '' : `Feedback:\n\n${feedback}`,
    ]
      .filter(Boolean)
      .join('\n\n');
  });
}

function feedbackLine(item: { summary: string; excerpt: string; details: string }): string {
  const line = joinInline([item.summary, item.details], DETAIL_TEXT_LENGTH);
  const excerpt = inlineText(item.excerpt ?? '', DETAIL_TEXT_LENGTH);
  return excerpt === '' ? line : `${line} (excerpt: “${excerpt}”)`;
}

function renderNoteUsage(sessions: readonly Session[]): string {
  return folded('Note usage', sessions, ({ noteUsage }) => {
    if (noteUsage === undefined || noteUsage.good.length + noteUsage.bad.length === 0) return '';
    const list = (items: typeof noteUsage.good) =>
      items
        .map((item) => `- ${joinInline([item.noteId, item.message, item.reason], DETAIL_TEXT_LENGTH)}`)
        .join('\n');
    return [
      noteUsage.good.length > 0 ? `**Helpful notes**\n\n${list(noteUsage.good)}` : '',
      noteUsage.bad.length > 0 ? `**Unhelpful notes**\n\n${list(noteUsage.bad)}` : '',
    ]
      .filter(Boolean)
      .join('\n\n');
  });
}

function renderClassification(sessions: readonly Session[]): string {
  const rows = sessions.flatMap((session) => {
    const classification = session.analysis?.classification;
    if (classification === undefined) return [];
    return [
      [
        sessionLink(session),
        inlineText(classification.category, SHORT_TEXT_LENGTH) || NONE,
        formatConfidence(classification.confidence),
        inlineList(classification.languages),
        inlineList(classification.tools),
      ],
    ];
  });
  if (rows.length === 0) return '';
  const header = ['Session', 'Category', 'Confidence', 'Languages', 'Tools'];
  return details('Classification', table([header, ...rows]));
}

/** One folded block with a part per session that has something to show; the session named when several do. */
function folded(summary: string, sessions: readonly Session[], part: (analysis: Analysis) => string): string {
  const parts = sessions.flatMap((session) => {
    const body = session.analysis ? part(session.analysis) : '';
    return body === '' ? [] : [{ session, body }];
  });
  if (parts.length === 0) return '';
  const several = sessions.length > 1;
  const body = parts.map(({ session, body }) => (several ? `${sessionLink(session)}\n\n${body}` : body));
  return details(summary, body.join('\n\n'));
}

/** Blank lines around the body, so that GitHub renders the Markdown inside the HTML block. */
function details(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

// Notes, omissions, footer

function renderNotes(notes: readonly string[]): string {
  return notes.map((note) => `- ${note.replace(/\s+/g, ' ').trim()}`).join('\n');
}

function renderOmissions(omitted: readonly string[], whereTheRestIs: string | undefined): string {
  if (omitted.length === 0) return '';
  const where = whereTheRestIs ? ` — the full report is in ${whereTheRestIs}` : '';
  return `ℹ️ Left out to fit GitHub's size limit: ${omitted.join(', ')}${where}.`;
}

function renderFooter(report: Report): string {
  const run = safeUrl(report.runUrl);
  const runLink = run === undefined ? '' : ` · [workflow run](${run})`;
  return `<sub>Data read from the Devin API at ${isoTime(report.readAt)}${runLink}</sub>`;
}

function isoTime(date: Date): string {
  const time = date instanceof Date ? date.getTime() : Number.NaN;
  return Number.isNaN(time) ? 'an unknown time' : new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Human descriptions of what the options leave out of this report; empty at full detail. */
export function describeOmissions(report: Report, options: Partial<RenderOptions> = {}): string[] {
  const settings: RenderOptions = { ...FULL_DETAIL, ...options };
  const analyses = report.sessions.flatMap((entry) =>
    entry.session.analysis ? [entry.session.analysis] : [],
  );
  const omitted: string[] = [];
  if (!settings.sessionTable && report.sessions.length > 0) omitted.push('the session table');
  if (!settings.timeline && analyses.some((analysis) => analysis.timeline.length > 0))
    omitted.push('timeline');
  if (!settings.noteUsage && analyses.some(hasNoteUsage)) omitted.push('note usage');
  if (!settings.suggestedPrompt && analyses.some((analysis) => analysis.suggestedPrompt)) {
    omitted.push('suggested prompt');
  }
  if (!settings.classification && analyses.some((analysis) => analysis.classification)) {
    omitted.push('classification');
  }
  omitted.push(...describeOmittedFindings(report, settings));
  return omitted;
}

function hasNoteUsage(analysis: Analysis): boolean {
  return (analysis.noteUsage?.good.length ?? 0) + (analysis.noteUsage?.bad.length ?? 0) > 0;
}

function describeOmittedFindings(report: Report, options: RenderOptions): string[] {
  const selection = selectIssues(issueRows(report), options);
  const items = actionItemRows(report);
  const hiddenItems = items.filter((row) => !actionItemKept(row, report, options)).length;
  const cap = options.findingTextLength;
  const shortened =
    selection.shown.some((row) => row.issue.text.length > cap) ||
    items.some((row) => row.item.text.length > cap);
  return [
    selection.droppedMinor > 0 ? countOf(selection.droppedMinor, 'low- or unknown-impact issue') : '',
    selection.droppedMedium > 0 ? countOf(selection.droppedMedium, 'medium-impact issue') : '',
    selection.beyondMax > 0 ? countOf(selection.beyondMax, 'further issue') : '',
    hiddenItems > 0 ? countOf(hiddenItems, 'action item') : '',
    shortened ? `the end of issue and action item texts longer than ${cap} characters` : '',
  ].filter(Boolean);
}

// Small helpers

function table(rows: string[][]): string {
  return markdownTable(rows, { alignDelimiters: false });
}

function link(text: string, url: string | undefined): string {
  const target = safeUrl(url);
  return target === undefined ? text : `[${text}](${target})`;
}

/** Only http(s) URLs, with every character that could end the link or the table cell percent-encoded. */
export function safeUrl(raw: string | undefined): string | undefined {
  if (!raw || !URL.canParse(raw)) return undefined;
  const url = new URL(raw);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  return url.href
    .replace(
      /[\s()[\]|\\<>"'`{}]/g,
      (character) => `%${character.charCodeAt(0).toString(16).padStart(2, '0')}`,
    )
    .replace(/&/g, '&amp;');
}

function joinInline(texts: readonly string[], maxLength: number): string {
  const parts = texts.map((text) => inlineText(text ?? '', maxLength)).filter(Boolean);
  return parts.length === 0 ? NONE : parts.join(' — ');
}

function inlineList(values: readonly string[]): string {
  const items = values.map((value) => inlineText(value, SHORT_TEXT_LENGTH)).filter(Boolean);
  return items.length === 0 ? NONE : items.join(', ');
}

function formatAcus(acus: number): string {
  return Number.isFinite(acus) ? String(roundAcus(acus)) : NONE;
}

function formatCount(count: number | undefined): string {
  return count !== undefined && Number.isFinite(count) ? String(count) : NONE;
}

function formatConfidence(confidence: number | undefined): string {
  if (confidence === undefined || !Number.isFinite(confidence)) return NONE;
  return confidence >= 0 && confidence <= 1
    ? `${Math.round(confidence * 100)}%`
    : String(Math.round(confidence * 100) / 100);
}

function sumOfKnown(values: readonly (number | undefined)[]): number | undefined {
  const known = values.filter((value): value is number => value !== undefined && Number.isFinite(value));
  return known.length === 0 ? undefined : known.reduce((sum, value) => sum + value, 0);
}

function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
