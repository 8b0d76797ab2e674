import {
  ACTION_ITEM_TYPES,
  actionItemTypeName,
  DETAIL_TEXT_LENGTH,
  details,
  formatAcus,
  formatAcuTotal,
  formatConfidence,
  formatCount,
  impactText,
  inlineList,
  inWords,
  isoTime,
  joinInline,
  link,
  NONE,
  renderOmissions,
  SHORT_TEXT_LENGTH,
  sumOfKnown,
  TITLE_LENGTH,
  table,
} from '../markdown/format.ts';
import { codeBlock, inlineText, safeUrl } from '../markdown/sanitize.ts';
import type { GateRule, Verdict } from '../model/gate.ts';
import {
  type Analysis,
  bareSessionId,
  gateImpactLevel,
  hasSettled,
  type InsightState,
  type Issue,
  largestSize,
  type ReportedSession,
  type Session,
  sumAcus,
} from '../model/session.ts';
import { countOf } from '../model/text.ts';
import type { PullRequestReport } from './model.ts';
import { type ActionItemRow, type RenderOptions, type Selection, selectContent } from './selection.ts';

const SHORT_ID_LENGTH = 8;
const PROMPT_LENGTH = 10_000;
const REASON_LENGTH = 500;

const INSIGHT_STATES: Readonly<Record<InsightState, string>> = {
  ready: '✅ analysed',
  pending: '⏳ analysis pending',
  'timed-out': '⌛ no analysis after waiting',
  working: '🛠️ Devin is still working: analysis when it settles, or at merge',
  missing: 'no analysis',
};

/** Sessions whose analysis exists although Devin is still working on them: it covers only part of the work. */
const MID_SESSION = '⚠️ taken mid-session';

/** The report as Markdown, keeping what the options select. */
export function renderPullRequestReport(
  report: PullRequestReport,
  options: Partial<RenderOptions> = {},
): string {
  return renderSelection(report, selectContent(report, options));
}

export function renderSelection(report: PullRequestReport, selection: Selection): string {
  const { body, tail } = renderParts(report, selection);
  return `${body}\n\n${tail}`;
}

/**
 * The report in two parts: the body, and the tail that ends every rendering (the line on what was left out, and
 * the footer), which a cut keeps.
 */
export function renderParts(report: PullRequestReport, selection: Selection): { body: string; tail: string } {
  const blocks =
    report.sessions.length === 0 ? renderWithoutSessions(report) : renderWithSessions(report, selection);
  const tail = [renderOmissions(selection.omitted, selection.options.whereTheRestIs), renderFooter(report)];
  return { body: joinBlocks(blocks), tail: `${joinBlocks(tail)}\n` };
}

function joinBlocks(blocks: readonly string[]): string {
  return blocks.filter((block) => block !== '').join('\n\n');
}

function renderWithoutSessions(report: PullRequestReport): string[] {
  return [
    '### Devin session insights',
    renderHeadline(report),
    report.listingIncomplete
      ? 'No Devin session references this pull request among the sessions the Devin API listed, and it did not list them all (see below).'
      : 'No Devin session references this pull request.',
    renderNotes(report.notes),
    renderVerdict(report),
  ];
}

function renderWithSessions(report: PullRequestReport, selection: Selection): string[] {
  const { options } = selection;
  const sessions = report.sessions.map((entry) => entry.session);
  return [
    '### Devin session insights',
    renderHeadline(report),
    options.sessionTable ? renderSessionLinks(sessions) : '',
    options.sessionTable ? renderSessionTable(report) : renderSessionSummary(report),
    renderNotes(report.notes),
    renderVerdict(report),
    renderIssues(report, selection),
    renderActionItems(report, selection),
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

function renderSessionSummary(report: PullRequestReport): string {
  const sessions = report.sessions.map((entry) => entry.session);
  return `${countOf(sessions.length, 'Devin session')}, ${acuTotalText(sessions, report.maxAcus)} ACUs in total.`;
}

function renderSessionTable(report: PullRequestReport): string {
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
    formatAcus(session.acus, report.maxAcus),
    formatCount(session.userMessages),
    formatCount(session.devinMessages),
    inlineText(inWords(categoryOf(session)), SHORT_TEXT_LENGTH) || NONE,
    insightText(insight, session),
  ]);
  if (report.sessions.length > 1) rows.push(totalRow(report));
  return table([header, ...rows]);
}

function acuTotalText(sessions: readonly Session[], limit: number | undefined): string {
  const { acus, unknown } = sumAcus(sessions);
  return formatAcuTotal(acus, unknown.length, limit);
}

function totalRow(report: PullRequestReport): string[] {
  const sessions = report.sessions.map((entry) => entry.session);
  return [
    '**Total**',
    '',
    sizeText(largestSize(sessions)),
    acuTotalText(sessions, report.maxAcus),
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

/** `running` says little: its detail is what a reviewer wants to know. */
const STATUS_WORDS: Readonly<Record<string, string>> = {
  exit: 'ended',
  new: 'starting',
  claimed: 'starting',
};

function statusText(session: Session): string {
  const words = (value: string) => {
    const key = value.trim().toLowerCase();
    return Object.hasOwn(STATUS_WORDS, key) ? (STATUS_WORDS[key] as string) : inWords(value);
  };
  const status = words(session.status);
  const detail = words(session.statusDetail ?? '');
  const text =
    detail === ''
      ? status
      : session.status.trim().toLowerCase() === 'running'
        ? detail
        : `${status}: ${detail}`;
  return inlineText(text, SHORT_TEXT_LENGTH) || NONE;
}

function sizeText(size: string | undefined): string {
  return inlineText((size ?? '').toUpperCase(), SHORT_TEXT_LENGTH) || NONE;
}

function categoryOf(session: Session): string {
  return session.category || session.analysis?.classification?.category || '';
}

function insightText(insight: InsightState, session: Session): string {
  const text = Object.hasOwn(INSIGHT_STATES, insight)
    ? INSIGHT_STATES[insight]
    : inlineText(String(insight), SHORT_TEXT_LENGTH);
  return session.analysis !== null && !hasSettled(session) ? `${text}, ${MID_SESSION}` : text;
}

// Gate

/** The first line: the verdict and the totals. */
function renderHeadline(report: PullRequestReport): string {
  const { verdict } = report;
  if (verdict === undefined) return '';
  const totals = totalsText(report);
  const reasons = inlineText(verdict.reasons.join('; '), REASON_LENGTH);
  const why = (text: string) => [reasons ? `${text}: ${reasons}` : text, totals].filter(Boolean).join(' · ');
  switch (verdict.outcome) {
    case 'pass':
      return why(report.provisional ? '⏳ **Waiting for analysis**' : '✅ **Gate passed**');
    case 'pending':
      return why(`⏳ **Gate pending**: ${uncheckedText(report, verdict)}`);
    case 'fail':
      return why(report.provisional ? '❌ **Gate failing so far**' : '❌ **Gate failed**');
    case 'accepted':
      return why(`☑️ **Gate failed, accepted** with the label ${quoted(verdict.acceptedBy ?? '')}`);
    case 'warn':
      return why(warnedByRule(report) ? '⚠️ **Warning**' : '⚠️ **Gate failed** (warn-only)');
    default:
      return why(inlineText(String(verdict.outcome), SHORT_TEXT_LENGTH));
  }
}

/** Why sessions are not checked yet, per reason: `2 sessions not checked yet (1 still working, 1 …)`. */
function uncheckedText(report: PullRequestReport, verdict: Verdict): string {
  const counts = new Map<string, number>();
  for (const id of verdict.uncheckedSessionIds) {
    const entry = report.sessions.find((candidate) => candidate.session.id === id);
    const why = entry === undefined ? 'not read' : UNCHECKED_BECAUSE[uncheckedBecause(entry)];
    counts.set(why, (counts.get(why) ?? 0) + 1);
  }
  const whys = [...counts].map(([why, count]) => `${count} ${why}`).join(', ');
  return `${countOf(verdict.uncheckedSessionIds.length, 'session')} not checked yet (${whys})`;
}

const UNCHECKED_BECAUSE = {
  working: 'still working',
  awaited: 'analysis not in yet',
  missing: 'without analysis',
  acus: 'without an ACU figure',
} as const;

function uncheckedBecause({ session, insight }: ReportedSession): keyof typeof UNCHECKED_BECAUSE {
  if (insight === 'working' || !hasSettled(session)) return 'working';
  if (session.analysis !== null) return 'acus';
  return insight === 'pending' || insight === 'timed-out' ? 'awaited' : 'missing';
}

/** `2 sessions · 10.75 ACUs · 3 issues (1 high) · 3 action items`, or only what is known. */
function totalsText(report: PullRequestReport): string {
  const sessions = report.sessions.map((entry) => entry.session);
  if (sessions.length === 0) return '';
  const analyses = sessions.flatMap((session) => (session.analysis ? [session.analysis] : []));
  const parts = [countOf(sessions.length, 'session'), `${acuTotalText(sessions, report.maxAcus)} ACUs`];
  if (analyses.length > 0) {
    const issues = analyses.flatMap((analysis) => analysis.issues);
    const serious = (['critical', 'high'] as const)
      .map(
        (level) => [level, issues.filter((issue) => gateImpactLevel(issue.impact) === level).length] as const,
      )
      .filter(([, count]) => count > 0)
      .map(([level, count]) => `${count} ${level}`);
    parts.push(`${countOf(issues.length, 'issue')}${serious.length > 0 ? ` (${serious.join(', ')})` : ''}`);
    parts.push(
      countOf(
        analyses.reduce((sum, analysis) => sum + analysis.actionItems.length, 0),
        'action item',
      ),
    );
  }
  if (analyses.length < sessions.length) {
    parts.push(`${countOf(sessions.length - analyses.length, 'session')} without analysis`);
  }
  return parts.join(' · ');
}

/** A warning that is no failure: `if-no-session: warn` without warn-only. */
function warnedByRule(report: PullRequestReport): boolean {
  return report.rules?.warnOnly === false && report.verdict?.trippedRules.includes('if-no-session') === true;
}

/** A label the reader types: quoted, as API and workflow text never go into a code span here. */
function quoted(text: string): string {
  return `“${inlineText(text, SHORT_TEXT_LENGTH)}”`;
}

function renderVerdict(report: PullRequestReport): string {
  const { verdict } = report;
  if (verdict === undefined) return '**Gate:** ⏳ waiting for analysis';
  const accepted =
    verdict.outcome === 'accepted' ? ` (accepted with the label ${quoted(verdict.acceptedBy ?? '')})` : '';
  const reasons = verdict.reasons
    .map((reason) => `- ${inlineText(reason, REASON_LENGTH)}${accepted}`)
    .join('\n');
  return [
    `**Gate:** ${outcomeText(verdict.outcome, report)}`,
    reasons,
    renderUnchecked(report, verdict),
    report.provisional ? '' : renderWhatNow(report, verdict),
  ]
    .filter(Boolean)
    .join('\n\n');
}

function outcomeText(outcome: Verdict['outcome'], report: PullRequestReport): string {
  switch (outcome) {
    case 'pass':
      return report.provisional ? '⏳ waiting for analysis' : '✅ passed';
    case 'pending':
      return report.rules?.ifUnchecked === 'fail'
        ? '⏳ pending: nothing fails so far, but not every session is checked yet, and if-unchecked is fail: the step fails until they are'
        : '⏳ pending: nothing fails so far, but not every session is checked yet';
    case 'fail':
      return report.provisional ? '❌ failing so far, waiting for analysis' : '❌ failed';
    case 'accepted':
      return '☑️ failed, accepted';
    case 'warn':
      return warnedByRule(report) ? '⚠️ warning' : '⚠️ failed, reported as a warning only';
    default:
      return inlineText(String(outcome), SHORT_TEXT_LENGTH);
  }
}

function renderUnchecked(report: PullRequestReport, verdict: Verdict): string {
  const lines: string[] = [];
  const issues = verdict.unanalysedSessionIds;
  if (issues.length > 0) {
    lines.push(
      `The issues of ${theseSessions(issues)} were not checked, as there is no analysis yet: ${sessionNames(report, issues)}.`,
    );
  }
  const acus = verdict.acusUncheckedSessionIds;
  if (acus.length > 0) {
    lines.push(
      `max-acus could not check ${theseSessions(acus)}, as the Devin API gave no ACU figure: ${sessionNames(report, acus)}.`,
    );
  }
  // max-acus cannot be final while Devin is still working: the ACUs still grow.
  const growing =
    report.rules?.maxAcus === undefined || verdict.trippedRules.includes('max-acus')
      ? []
      : verdict.uncheckedSessionIds.filter((id) => {
          const entry = report.sessions.find((candidate) => candidate.session.id === id);
          return entry !== undefined && !hasSettled(entry.session) && entry.session.acus !== undefined;
        });
  if (growing.length > 0) {
    const which = growing.length === 1 ? 'this session is' : 'these sessions are';
    lines.push(
      `max-acus is checked on the ACUs so far, as Devin is still working and ${which} still growing: ${sessionNames(report, growing)}.`,
    );
  }
  return lines.join('\n\n');
}

/** A line names this many sessions at most and counts the rest, so that it stays short whatever their number. */
const MAX_NAMED_SESSIONS = 10;

function theseSessions(ids: readonly string[]): string {
  if (ids.length === 1) return 'this session';
  return ids.length > MAX_NAMED_SESSIONS ? countOf(ids.length, 'session') : 'these sessions';
}

/** Links to the sessions, each saying when Devin is still working on it; beyond MAX_NAMED_SESSIONS, a count. */
function sessionNames(report: PullRequestReport, ids: readonly string[]): string {
  const named = ids.slice(0, MAX_NAMED_SESSIONS).map((id) => {
    const entry = report.sessions.find((candidate) => candidate.session.id === id);
    if (entry === undefined) return inlineText(id, TITLE_LENGTH);
    const why = entry.insight === 'working' ? ' (Devin is still working)' : '';
    return `${sessionLink(entry.session)}${why}`;
  });
  const more = ids.length - named.length;
  return more > 0 ? `${named.join(', ')}, and ${more} more` : named.join(', ');
}

const RULE_ADVICE: Readonly<Record<GateRule, string>> = {
  'fail-on-labels':
    '**fail-on-labels** lists the issue labels that fail the gate: take a label out to stop failing on it.',
  'fail-on-impact':
    '**fail-on-impact** sets the lowest impact that fails the gate: raise it to fail on fewer issues.',
  'max-acus': '**max-acus** caps the ACUs of the sessions together: raise it, or leave it empty for no cap.',
  'if-no-session':
    "if a Devin session worked on this pull request, add a line “Link to Devin run:” with the session's address to the body; otherwise set **if-no-session** to warn or ignore.",
};

/** On a failed gate: how to get past it, since a new push does not change Devin's analysis. */
function renderWhatNow(report: PullRequestReport, verdict: Verdict): string {
  if (verdict.outcome !== 'fail') return '';
  // Once merged, neither a push nor a label changes anything: only the workflow, for the next pull request.
  if (report.pullRequest.merged) {
    const changes = verdict.trippedRules.map((rule) => `- ${RULE_ADVICE[rule]}`).join('\n');
    return `**What now?** This pull request is merged; to judge the next ones differently, change the workflow:\n\n${changes}`;
  }
  const label = report.rules?.overrideLabel;
  const steps = [
    label
      ? `To accept these findings, add the label ${quoted(label)} to this pull request: the check runs again and passes, and this comment marks them accepted.`
      : 'To let a label accept a failed gate, set **override-label** in the workflow, and run it on the labeled and unlabeled events.',
    ...verdict.trippedRules.map((rule) => `Or change the workflow: ${RULE_ADVICE[rule]}`),
  ];
  const push =
    verdict.failingIssues.length > 0 ? " A new push does not change Devin's analysis of these sessions." : '';
  return `**What now?**${push}\n\n${steps.map((step) => `- ${step}`).join('\n')}`;
}

function renderIssues(report: PullRequestReport, { issues, options }: Selection): string {
  const rows = issues.all;
  if (rows.length === 0) return hasAnalysis(report) ? '#### Issues\n\nNo issues reported.' : '';
  const withGate = (report.verdict?.failingIssues.length ?? 0) > 0;
  const mark = gateMark(report);
  const header = ['Impact', 'Label', 'Issue', 'Session', ...(withGate ? ['Gate'] : [])];
  const body = issues.shown.map((row) => [
    impactText(row.issue.impact),
    inlineText(row.issue.label, SHORT_TEXT_LENGTH) || NONE,
    inlineText(row.issue.text, options.findingTextLength) || NONE,
    shortSessionLink(row.session),
    ...(withGate ? [row.failing ? mark(row.issue) : ''] : []),
  ]);
  const hidden = rows.length - issues.shown.length;
  const parts = [`#### Issues (${rows.length})`, body.length > 0 ? table([header, ...body]) : ''];
  if (hidden > 0) parts.push(`${countOf(hidden, 'more issue')} not shown.`);
  return parts.filter(Boolean).join('\n\n');
}

/** The gate cell of an issue that trips it: the rules it trips, and whether the failure was accepted. */
function gateMark(report: PullRequestReport): (issue: Issue) => string {
  const rules = new Map(
    (report.verdict?.failingIssues ?? []).map((failing) => [failing.issue, failing.rules]),
  );
  const outcome = report.verdict?.outcome;
  const [symbol, suffix] =
    outcome === 'accepted' ? ['☑️', ', accepted'] : outcome === 'warn' ? ['⚠️', ''] : ['⛔', ''];
  return (issue) => `${symbol} ${(rules.get(issue) ?? []).join(', ')}${suffix}`;
}

function hasAnalysis(report: PullRequestReport): boolean {
  return report.sessions.some((entry) => entry.session.analysis !== null);
}

// Action items

function renderActionItems(report: PullRequestReport, { actionItems, options }: Selection): string {
  const rows = actionItems.all;
  if (rows.length === 0) return '';
  const { shown } = actionItems;
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

function groupByType(rows: readonly ActionItemRow[]): [string, ActionItemRow[]][] {
  const groups = new Map<string, ActionItemRow[]>(Object.keys(ACTION_ITEM_TYPES).map((type) => [type, []]));
  for (const row of rows) {
    const group = groups.get(row.item.type);
    if (group) group.push(row);
    else groups.set(row.item.type, [row]);
  }
  return [...groups].filter(([, items]) => items.length > 0);
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

// Notes, omissions, footer

function renderNotes(notes: readonly string[]): string {
  return notes.map((note) => `- ${note.replace(/\s+/g, ' ').trim()}`).join('\n');
}

function renderFooter(report: PullRequestReport): string {
  const run = safeUrl(report.runUrl);
  const runLink = run === undefined ? '' : ` · [workflow run](${run})`;
  return `<sub>Data read from the Devin API at ${isoTime(report.readAt)}${runLink}</sub>`;
}
