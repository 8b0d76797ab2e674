import {
  actionItemTypeName,
  formatAcus,
  formatAcuTotal,
  impactText,
  link,
  NONE,
  renderOmissions,
  SHORT_TEXT_LENGTH,
  table,
} from '../markdown/format.ts';
import { inlineText } from '../markdown/sanitize.ts';
import { plainDecimal } from '../model/decimal.ts';
import { countOf } from '../model/text.ts';
import type { PeriodContent, PeriodGateOutcome, PeriodReport } from './model.ts';
import { isoDate, utcDayOf } from './span.ts';

/** How much of each part to show; fitPeriodSummary lowers these until the summary fits. */
export interface SummaryOptions {
  /** Rows of the pull request table, most important first (failing gates, then the costliest). */
  maxPullRequests: number;
  /** Rows of the label table, most frequent first. */
  maxLabels: number;
  /** Action item types listed, repository setup and knowledge first. */
  maxActionItemTypes: number;
  /** Texts listed per action item type, most frequent first. */
  maxActionItemsPerType: number;
  /** Cap on each action item text, in characters. */
  actionItemTextLength: number;
  /** Where the parts left out can be read, e.g. 'the report file'; named in the line that lists them. */
  whereTheRestIs?: string;
}

const FULL_SUMMARY: Readonly<SummaryOptions> = {
  maxPullRequests: Number.POSITIVE_INFINITY,
  maxLabels: Number.POSITIVE_INFINITY,
  maxActionItemTypes: Number.POSITIVE_INFINITY,
  maxActionItemsPerType: Number.POSITIVE_INFINITY,
  actionItemTextLength: 1000,
};

const REASON_LENGTH = 300;
/** An API that invents a state per pull request must not make the totals line unbounded. */
const MAX_STATES = 10;

const GATE_TEXTS: Readonly<Record<PeriodGateOutcome, string>> = {
  fail: '❌ failed',
  warn: '⚠️ warning',
  pending: '⏳ pending',
  pass: '✅ passed',
};

export function renderPeriodSummary(report: PeriodReport, options: Partial<SummaryOptions> = {}): string {
  return renderBlocks(report, options, (rows) => pullRequestTableLines(report, rows).join('\n'));
}

/** Stands for the table of pull requests while the summary's length is measured. */
const TABLE_PLACEHOLDER = '\u0000';

/**
 * The length in UTF-8 bytes of the summary that renderPeriodSummary writes with these options, without writing
 * its table of pull requests: fitting measures many lengths, and a large table written each time would be many
 * large strings to collect.
 */
export function periodSummaryBytes(report: PeriodReport, options: Partial<SummaryOptions> = {}): number {
  let tableBytes = 0;
  const rest = renderBlocks(report, options, (rows) => {
    const prefix = tableLineBytes(report);
    // The header, the delimiter row and `rows` rows, a line end between each two.
    tableBytes = (prefix[rows + 2] ?? 0) + rows + 1;
    return TABLE_PLACEHOLDER;
  });
  return (
    Buffer.byteLength(rest) - Buffer.byteLength(TABLE_PLACEHOLDER) * (tableBytes > 0 ? 1 : 0) + tableBytes
  );
}

function renderBlocks(
  report: PeriodReport,
  options: Partial<SummaryOptions>,
  tableText: (rows: number) => string,
): string {
  const settings: SummaryOptions = { ...FULL_SUMMARY, ...options };
  const blocks = [
    renderHeading(report),
    renderIncomplete(report),
    renderTotals(report),
    renderPullRequests(report, settings, tableText),
    renderAcusPerDay(report),
    renderIssues(report, settings),
    renderActionItems(report, settings),
    renderOmissions(describeSummaryOmissions(report, settings), settings.whereTheRestIs),
  ];
  return `${blocks.filter((block) => block !== '').join('\n\n')}\n`;
}

function renderHeading(report: PeriodReport): string {
  const { owner, repo } = report.repository;
  const first = isoDate(utcDayOf(report.period.start));
  const last = isoDate(utcDayOf(report.period.end - 1));
  return `### Devin's work in ${inlineText(`${owner}/${repo}`)}, ${first} to ${last} (UTC)`;
}

/** Right under the heading, so that no shortening of the summary can leave it out. */
export function renderIncomplete(report: Pick<PeriodContent, 'incompleteReasons'>): string {
  if (report.incompleteReasons.length === 0) return '';
  return [
    '⚠️ **Incomplete**: the scan of the period ended early, so this report may leave sessions out.',
    report.incompleteReasons.map((reason) => `- ${inlineText(reason)}`).join('\n'),
  ].join('\n\n');
}

/** The headline figures, by state and gate; `of` names what the sessions' pull requests belong to. */
export function renderTotals(report: PeriodContent, of = 'this repository'): string {
  const { totals } = report;
  const headline = [
    countOf(totals.pullRequests, 'pull request'),
    countOf(totals.sessions, 'session'),
    `${formatAcuTotal(totals.acus, totals.acusUnknownSessions)} ACUs`,
    countOf(totals.issues, 'issue'),
    countOf(totals.actionItems, 'action item'),
  ].join(' · ');
  // Each API text is followed by a number, never by punctuation that could complete an autolink (`www.`).
  const byCount = Object.entries(totals.byState).sort(([, a], [, b]) => b - a);
  const states = byCount.slice(0, MAX_STATES).map(([state, count]) => `${stateText(state)} ${count}`);
  if (byCount.length > MAX_STATES) states.push(`${byCount.length - MAX_STATES} other states`);
  const gates = (Object.keys(GATE_TEXTS) as PeriodGateOutcome[])
    .filter((gate) => totals.byGate[gate] > 0)
    .map((gate) => `${GATE_TEXTS[gate]} ${totals.byGate[gate]}`);
  const lines = [`**${headline}**`];
  if (states.length > 0)
    lines.push(`Pull requests by state: ${states.join(' · ')}`, `Gate: ${gates.join(' · ')}`);
  if (totals.unanalysedSessions > 0) {
    lines.push(`${countOf(totals.unanalysedSessions, 'session')} without analysis yet.`);
  }
  if (report.outsidePeriod.sessions > 0) {
    lines.push(
      `${countOf(report.outsidePeriod.sessions, 'session')} (${formatAcus(report.outsidePeriod.acus)} ACUs) last updated outside the period: in the totals, not in the chart.`,
    );
  }
  if (totals.pullRequests === 0) lines.push(`No Devin session named a pull request of ${of}.`);
  return lines.join('\n\n');
}

function renderPullRequests(
  report: PeriodReport,
  options: SummaryOptions,
  tableText: (rows: number) => string,
): string {
  if (report.pullRequests.length === 0) return '';
  const shown = Math.min(report.pullRequests.length, Math.max(0, options.maxPullRequests));
  // Header, delimiter row, then one line per pull request: the first rows are a prefix of the lines.
  const parts = ['#### Pull requests', shown > 0 ? tableText(shown) : ''];
  const hidden = report.pullRequests.length - shown;
  if (hidden > 0) parts.push(`${countOf(hidden, 'more pull request')} not shown.`);
  return parts.filter(Boolean).join('\n\n');
}

/**
 * The UTF-8 bytes of the table's first lines, by how many: prefix sums of its lines' lengths. Fitting measures the
 * summary many times over; the lines of a table of thousands of rows are measured once and not kept.
 */
const tableLineBytesOf = new WeakMap<PeriodReport, Float64Array>();
/** Rows put through the table maker at a time: a table of thousands would be one large array after another. */
const ROWS_AT_A_TIME = 500;
const TABLE_HEADER = ['Pull request', 'State', 'Sessions', 'Size', 'ACUs', 'Issues', 'Gate'];

/** The header, the delimiter row and the first `rows` rows of the table of pull requests, as lines. */
function pullRequestTableLines(report: PeriodReport, rows: number): string[] {
  const lines = table([TABLE_HEADER]).split('\n');
  for (let start = 0; start < rows; start += ROWS_AT_A_TIME)
    lines.push(...rowLines(report, start, Math.min(rows, start + ROWS_AT_A_TIME)));
  return lines;
}

/** The lines of the rows from `start` to `end` (exclusive). */
function rowLines(report: PeriodReport, start: number, end: number): string[] {
  const rows = report.pullRequests
    .slice(start, end)
    .map((pullRequest) => [
      link(`#${pullRequest.number}`, pullRequest.url),
      stateText(pullRequest.state),
      String(pullRequest.sessionCount),
      inlineText((pullRequest.size ?? '').toUpperCase(), SHORT_TEXT_LENGTH) || NONE,
      formatAcuTotal(pullRequest.acus, pullRequest.acusUnknownSessions),
      String(pullRequest.issueCount),
      gateText(pullRequest.gate, pullRequest.gateReasons),
    ]);
  // Without aligned delimiters, each row's line depends on that row alone, and no cell holds a line break.
  return table([TABLE_HEADER, ...rows])
    .split('\n')
    .slice(2);
}

function tableLineBytes(report: PeriodReport): Float64Array {
  const cached = tableLineBytesOf.get(report);
  if (cached) return cached;
  const prefix = new Float64Array(report.pullRequests.length + 3);
  let count = 0;
  const add = (line: string) => {
    prefix[count + 1] = (prefix[count] ?? 0) + Buffer.byteLength(line);
    count += 1;
  };
  for (const line of table([TABLE_HEADER]).split('\n')) add(line);
  for (let start = 0; start < report.pullRequests.length; start += ROWS_AT_A_TIME)
    for (const line of rowLines(report, start, start + ROWS_AT_A_TIME)) add(line);
  tableLineBytesOf.set(report, prefix);
  return prefix;
}

/**
 * A Mermaid bar chart, which GitHub renders; only numbers and dates in it, no text from the API, and the numbers
 * as plain decimals: Mermaid does not read exponent notation.
 */
function renderAcusPerDay(report: PeriodReport): string {
  if (report.acusPerDay.length === 0) return '';
  const dates = report.acusPerDay.map(({ day }) => isoDate(utcDayOf(day)));
  const oneYear = dates[0]?.slice(0, 4) === dates[dates.length - 1]?.slice(0, 4);
  const labels = dates.map((date) => `"${oneYear ? date.slice(5) : date}"`);
  const values = report.acusPerDay.map(({ acus }) => (Number.isFinite(acus) ? acus : 0));
  const top = Math.max(1, Math.ceil(Math.max(...values)));
  return [
    '#### ACUs per day (UTC)',
    [
      '```mermaid',
      'xychart-beta',
      `  x-axis [${labels.join(', ')}]`,
      `  y-axis "ACUs" 0 --> ${plainDecimal(top)}`,
      `  bar [${values.map(plainDecimal).join(', ')}]`,
      '```',
    ].join('\n'),
  ].join('\n\n');
}

function renderIssues(report: PeriodReport, options: SummaryOptions): string {
  if (report.totals.issues === 0) return '';
  const byImpact = (['critical', 'high', 'medium', 'low'] as const)
    .map((level) => `${impactText(level)} ${report.issuesByImpact[level]}`)
    .concat(report.issuesByImpact.other > 0 ? [`other ${report.issuesByImpact.other}`] : [])
    .join(' · ');
  const shown = report.issuesByLabel.slice(0, Math.max(0, options.maxLabels));
  const header = ['Label', 'Issues', 'High', 'Medium', 'Low', 'Other', 'Sessions'];
  const rows = shown.map((count) => [
    inlineText(count.label, SHORT_TEXT_LENGTH) || NONE,
    String(count.total),
    String(count.byImpact.high),
    String(count.byImpact.medium),
    String(count.byImpact.low),
    String(count.byImpact.other),
    String(count.sessions),
  ]);
  const parts = ['#### Issues by impact and label', `By impact: ${byImpact}`];
  if (rows.length > 0) parts.push(table([header, ...rows]));
  const hidden = report.issuesByLabel.length - shown.length;
  if (hidden > 0) parts.push(`${countOf(hidden, 'more label')} not shown.`);
  return parts.join('\n\n');
}

function renderActionItems(report: PeriodReport, options: SummaryOptions): string {
  if (report.actionItemsByType.length === 0) return '';
  const hidden = report.actionItemsByType.length - Math.max(0, options.maxActionItemTypes);
  const groups = report.actionItemsByType.slice(0, Math.max(0, options.maxActionItemTypes)).map((group) => {
    const heading = `**${actionItemTypeName(group.type)}** (${group.total} in total, ${group.distinct} different)`;
    const shown = group.top.slice(0, Math.max(0, options.maxActionItemsPerType));
    const list = shown.map(
      ({ text, count }) => `- ${inlineText(text, options.actionItemTextLength) || NONE} (×${count})`,
    );
    return [heading, list.join('\n')].filter(Boolean).join('\n\n');
  });
  const parts = ['#### Most frequent action items', ...groups];
  if (hidden > 0) parts.push(`${countOf(hidden, 'more action item type')} not shown.`);
  return parts.join('\n\n');
}

/** Human descriptions of what the options leave out; empty at full detail. */
export function describeSummaryOmissions(
  report: PeriodReport,
  options: Partial<SummaryOptions> = {},
): string[] {
  const settings: SummaryOptions = { ...FULL_SUMMARY, ...options };
  const hiddenPullRequests = Math.max(0, report.pullRequests.length - Math.max(0, settings.maxPullRequests));
  const hiddenLabels = Math.max(0, report.issuesByLabel.length - Math.max(0, settings.maxLabels));
  const types = report.actionItemsByType.slice(0, Math.max(0, settings.maxActionItemTypes));
  const hiddenTypes = report.actionItemsByType.length - types.length;
  const hiddenItems = types.reduce(
    (sum, group) => sum + Math.max(0, group.top.length - Math.max(0, settings.maxActionItemsPerType)),
    0,
  );
  const cap = settings.actionItemTextLength;
  const shortened = types.some((group) =>
    group.top
      .slice(0, Math.max(0, settings.maxActionItemsPerType))
      .some((item) => item.text.trim().length > cap),
  );
  return [
    hiddenPullRequests > 0 ? countOf(hiddenPullRequests, 'pull request row') : '',
    hiddenLabels > 0 ? countOf(hiddenLabels, 'issue label') : '',
    hiddenItems > 0 ? countOf(hiddenItems, 'frequent action item') : '',
    hiddenTypes > 0 ? countOf(hiddenTypes, 'action item type') : '',
    shortened ? `the end of action item texts longer than ${cap} characters` : '',
  ].filter(Boolean);
}

function stateText(state: string): string {
  return inlineText(state, SHORT_TEXT_LENGTH) || 'unknown';
}

/** The reasons go in the cell too: a reader should not need the JSON to know why a gate failed. */
function gateText(gate: PeriodGateOutcome, reasons: readonly string[]): string {
  const outcome = Object.hasOwn(GATE_TEXTS, gate) ? GATE_TEXTS[gate] : inlineText(String(gate));
  if (gate === 'pass' || reasons.length === 0) return outcome;
  return `${outcome}: ${inlineText(reasons.join('; '), REASON_LENGTH)}`;
}
