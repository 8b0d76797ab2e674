import type { ActionItem, Analysis, Issue, Session } from '../model/session.ts';
import { impactLevel, impactRank } from '../model/session.ts';
import { countOf } from '../model/text.ts';
import type { PullRequestReport } from './model.ts';

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
  /** Low-impact issues that do not trip the gate, and the action items tied to them or to no issue. */
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

const FULL_DETAIL: Readonly<RenderOptions> = {
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

interface IssueRow {
  issue: Issue;
  session: Session;
  failing: boolean;
  /** Position in the report, to keep the sort stable and the output deterministic. */
  position: number;
}

export interface ActionItemRow {
  item: ActionItem;
  session: Session;
}

/** What one rendering keeps of the report, decided once from the options. */
export interface Selection {
  options: RenderOptions;
  issues: {
    all: IssueRow[];
    /** In display order: by impact, failing first within an impact. */
    shown: IssueRow[];
    droppedMinor: number;
    droppedMedium: number;
    /** Kept by their impact but beyond maxIssues. */
    beyondMax: number;
  };
  actionItems: { all: ActionItemRow[]; shown: ActionItemRow[] };
  /** Human descriptions of what the options leave out of this report; empty at full detail. */
  omitted: string[];
}

export function selectContent(report: PullRequestReport, options: Partial<RenderOptions> = {}): Selection {
  const resolved: RenderOptions = { ...FULL_DETAIL, ...options };
  const failing = new Set((report.verdict?.failingIssues ?? []).map((entry) => entry.issue));
  const issues = selectIssues(issueRows(report, failing), resolved);
  const allItems = actionItemRows(report);
  const actionItems = {
    all: allItems,
    shown: allItems.filter((row) => actionItemKept(row, failing, resolved)),
  };
  const selection = { options: resolved, issues, actionItems, omitted: [] };
  return { ...selection, omitted: describeOmissions(report, selection) };
}

function issueRows(report: PullRequestReport, failing: ReadonlySet<Issue>): IssueRow[] {
  const rows: IssueRow[] = [];
  for (const { session } of report.sessions) {
    for (const issue of session.analysis?.issues ?? []) {
      rows.push({ issue, session, failing: failing.has(issue), position: rows.length });
    }
  }
  return rows;
}

function selectIssues(rows: IssueRow[], options: RenderOptions): Selection['issues'] {
  const byImpact = rows.filter((row) => keptByImpact(row, options));
  const limit = Math.max(0, options.maxIssues);
  const kept = new Set([...byImpact].sort(byImportance).slice(0, limit));
  return {
    all: rows,
    shown: byImpact.filter((row) => kept.has(row)).sort(byDisplayOrder),
    droppedMinor: rows.filter((row) => !row.failing && isMinor(row.issue) && !options.minorIssues).length,
    droppedMedium: rows.filter((row) => !row.failing && isMedium(row.issue) && !options.mediumIssues).length,
    beyondMax: byImpact.length - kept.size,
  };
}

function keptByImpact(row: Pick<IssueRow, 'issue' | 'failing'>, options: RenderOptions): boolean {
  if (row.failing) return true;
  if (isMedium(row.issue)) return options.mediumIssues;
  if (isMinor(row.issue)) return options.minorIssues;
  return true;
}

function isMedium(issue: Issue): boolean {
  return impactLevel(issue.impact) === 'medium';
}

/** An impact off the scale is not minor: it is kept with the highest. */
function isMinor(issue: Issue): boolean {
  return impactLevel(issue.impact) === 'low';
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

function actionItemRows(report: PullRequestReport): ActionItemRow[] {
  return report.sessions.flatMap(({ session }) =>
    (session.analysis?.actionItems ?? []).map((item) => ({ item, session })),
  );
}

/** An action item goes with the issue it is tied to; one tied to no issue counts as minor. */
function actionItemKept(row: ActionItemRow, failing: ReadonlySet<Issue>, options: RenderOptions): boolean {
  if (!options.actionItems) return false;
  const issue = row.item.issueId === undefined ? undefined : findIssue(row.session, row.item.issueId);
  if (issue === undefined) return options.minorIssues;
  return keptByImpact({ issue, failing: failing.has(issue) }, options);
}

function findIssue(session: Session, issueId: string): Issue | undefined {
  return session.analysis?.issues.find((issue) => issue.id !== undefined && issue.id === issueId);
}

function describeOmissions(report: PullRequestReport, selection: Omit<Selection, 'omitted'>): string[] {
  const { options } = selection;
  const analyses = report.sessions.flatMap((entry) =>
    entry.session.analysis ? [entry.session.analysis] : [],
  );
  const omitted: string[] = [];
  if (!options.sessionTable && report.sessions.length > 0) omitted.push('the session table');
  if (!options.timeline && analyses.some((analysis) => analysis.timeline.length > 0))
    omitted.push('timeline');
  if (!options.noteUsage && analyses.some(hasNoteUsage)) omitted.push('note usage');
  if (!options.suggestedPrompt && analyses.some((analysis) => analysis.suggestedPrompt)) {
    omitted.push('suggested prompt');
  }
  if (!options.classification && analyses.some((analysis) => analysis.classification)) {
    omitted.push('classification');
  }
  omitted.push(...describeOmittedFindings(selection));
  return omitted;
}

function hasNoteUsage(analysis: Analysis): boolean {
  return (analysis.noteUsage?.good.length ?? 0) + (analysis.noteUsage?.bad.length ?? 0) > 0;
}

function describeOmittedFindings({ options, issues, actionItems }: Omit<Selection, 'omitted'>): string[] {
  const hiddenItems = actionItems.all.length - actionItems.shown.length;
  const cap = options.findingTextLength;
  const shortened =
    issues.shown.some((row) => row.issue.text.length > cap) ||
    actionItems.all.some((row) => row.item.text.length > cap);
  return [
    issues.droppedMinor > 0 ? countOf(issues.droppedMinor, 'low-impact issue') : '',
    issues.droppedMedium > 0 ? countOf(issues.droppedMedium, 'medium-impact issue') : '',
    issues.beyondMax > 0 ? countOf(issues.beyondMax, 'further issue') : '',
    hiddenItems > 0 ? countOf(hiddenItems, 'action item') : '',
    shortened ? `the end of issue and action item texts longer than ${cap} characters` : '',
  ].filter(Boolean);
}
