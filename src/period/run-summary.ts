import { formatAcuTotal, link, renderOmissions, table } from '../markdown/format.ts';
import { inlineText } from '../markdown/sanitize.ts';
import { countOf } from '../model/text.ts';
import { largestFitting } from '../util/largest-fitting.ts';
import { commentNotes } from './comment-notes.ts';
import { BARE, cutAtLastLine, type FittedSummary, richestFitting } from './fit.ts';
import type { RepositorySection, RunReport } from './model.ts';
import { isoDate, utcDayOf } from './span.ts';
import {
  describeSummaryOmissions,
  periodSummaryBytes,
  renderIncomplete,
  renderPeriodSummary,
  renderTotals,
  type SummaryOptions,
} from './summary.ts';

/** `owner/repo` of a repository's report. */
function repositoryName(section: RepositorySection): string {
  return `${section.report.repository.owner}/${section.report.repository.repo}`;
}

/**
 * The run's part of the summary over several repositories: the heading, the totals of them all, one row per
 * repository (the first `maxRows`), and what GitHub refused.
 */
function renderRunHead(run: RunReport, maxRows = Number.POSITIVE_INFINITY): string {
  const blocks = [
    renderHeading(run),
    renderIncomplete(run.whole),
    renderTotals(run.whole, 'these repositories'),
    renderRepositoryTable(run, maxRows),
    renderProblems(run),
  ];
  return `${blocks.filter((block) => block !== '').join('\n\n')}\n`;
}

/** A repository's part: its report as a run over it alone would write it, then its comments' notes. */
function renderRepositoryDetails(section: RepositorySection, options: Partial<SummaryOptions>): string {
  return [renderPeriodSummary(section.report, options), ...notesOf(section).map((note) => `${note}\n`)].join(
    '\n',
  );
}

/** The length of renderRepositoryDetails in UTF-8 bytes, measured without writing its table. */
function repositoryDetailsBytes(section: RepositorySection, options: Partial<SummaryOptions>): number {
  return notesOf(section).reduce(
    (bytes, note) => bytes + Buffer.byteLength(note) + 2,
    periodSummaryBytes(section.report, options),
  );
}

function notesOf(section: RepositorySection): string[] {
  return commentNotes({
    updated: section.comments.updated.map((number) => pullRequestLink(section, number)),
    unfinished: section.comments.unfinished.map((number) => pullRequestLink(section, number)),
  });
}

/** The repositories whose details are worth a section: those with pull requests, or something to say. */
function withDetails(run: RunReport): RepositorySection[] {
  return run.repositories.filter(
    (section) =>
      section.report.pullRequests.length > 0 ||
      section.comments.updated.length + section.comments.unfinished.length > 0,
  );
}

function renderHeading(run: RunReport): string {
  const first = isoDate(utcDayOf(run.whole.period.start));
  const last = isoDate(utcDayOf(run.whole.period.end - 1));
  return `### Devin's work in ${countOf(run.repositories.length, 'repository', 'repositories')}, ${first} to ${last} (UTC)`;
}

function renderRepositoryTable(run: RunReport, maxRows: number): string {
  if (run.repositories.length === 0) return '';
  const header = [
    'Repository',
    'Pull requests',
    'Sessions',
    'ACUs',
    'Critical',
    'High',
    'Medium',
    'Low',
    'Other',
    'Pending',
  ];
  const shown = run.repositories.slice(0, Math.max(0, maxRows));
  const rows = shown.map((section) => {
    const { report } = section;
    const { totals, issuesByImpact } = report;
    const url = `https://${report.repository.host}/${report.repository.owner}/${report.repository.repo}`;
    return [
      `${link(inlineText(repositoryName(section)), url)}${problemsOf(section).length > 0 ? ' ⚠️' : ''}`,
      String(totals.pullRequests),
      String(totals.sessions),
      formatAcuTotal(totals.acus, totals.acusUnknownSessions),
      String(issuesByImpact.critical),
      String(issuesByImpact.high),
      String(issuesByImpact.medium),
      String(issuesByImpact.low),
      String(issuesByImpact.other),
      String(totals.byGate.pending),
    ];
  });
  const parts = ['#### By repository', shown.length > 0 ? table([header, ...rows]) : ''];
  const hidden = run.repositories.length - shown.length;
  if (hidden > 0) parts.push(`${countOf(hidden, 'more repository', 'more repositories')} not shown.`);
  parts.push(
    'Pending: pull requests whose gate waits for an analysis. A session on pull requests of two repositories counts in both rows, once in the totals.',
  );
  return parts.filter(Boolean).join('\n\n');
}

/** What went wrong on GitHub's side for the repository, as Markdown: what it refused, and the comments left waiting. */
function problemsOf(section: RepositorySection): string[] {
  const { unfinished } = section.comments;
  const comments = unfinished.length === 1 ? 'the comment' : 'the comments';
  const waiting = unfinished.map((number) => pullRequestLink(section, number)).join(', ');
  return [
    ...section.problems.map((problem) => inlineText(problem)),
    ...(unfinished.length > 0
      ? [`could not update ${comments} waiting for an analysis on ${waiting}; the workflow log says why.`]
      : []),
  ];
}

/** `[#8](https://github.com/acme/shop/pull/8)`: a bare `#8` in the summary would name the workflow's own repository. */
function pullRequestLink(section: RepositorySection, number: number): string {
  const { host, owner, repo } = section.report.repository;
  return link(`#${number}`, `https://${host}/${owner}/${repo}/pull/${number}`);
}

function renderProblems(run: RunReport): string {
  const lines = [
    ...run.problems.map((problem) => `- ${inlineText(problem)}`),
    ...run.repositories.flatMap((section) =>
      problemsOf(section).map((problem) => `- **${inlineText(repositoryName(section))}**: ${problem}`),
    ),
  ];
  if (lines.length === 0) return '';
  return [
    "⚠️ **On GitHub's side**: what the run could not read or write. The figures above come from the Devin API and stand; the next run tries again.",
    lines.join('\n'),
  ].join('\n\n');
}

/**
 * The richest summary of a run over several repositories within maxBytes of UTF-8. The run's part comes first
 * and stays; the repositories' details follow, the most important first, each shortened alike as the single
 * repository's summary is (action item texts, then labels, then pull request rows), then the least important
 * left out. Never throws.
 */
export function fitRunSummary(run: RunReport, maxBytes: number, whereTheRestIs?: string): FittedSummary {
  const fitted = fitRunSummaryParts(run, maxBytes, whereTheRestIs);
  return { markdown: [...fitted.parts].join(''), omitted: fitted.omitted };
}

/** The summary in the order it is written, each repository's details made only when its turn comes. */
export interface FittedParts {
  parts: Iterable<string>;
  /** Human descriptions of what was left out. */
  omitted: string[];
}

/**
 * fitRunSummary in parts: a summary of many repositories near GitHub's limit is a megabyte of text, which need
 * not be one string, nor all of its parts at once.
 */
export function fitRunSummaryParts(run: RunReport, maxBytes: number, whereTheRestIs?: string): FittedParts {
  const limit = Number.isNaN(maxBytes) ? 0 : Math.max(0, Math.floor(maxBytes));
  const head = largestFitting(run.repositories.length + 1, (rows) => {
    const markdown = renderRunHead(run, rows);
    return Buffer.byteLength(markdown) <= limit ? { markdown, rows } : undefined;
  });
  if (head === undefined) {
    return { parts: [cutAtLastLine(renderRunHead(run, 0), limit)], omitted: ['the end of the summary'] };
  }
  const sections = withDetails(run);
  const room = limit - Buffer.byteLength(head.markdown) - 1;
  const leftOutLine = (count: number) =>
    count < sections.length
      ? `${renderOmissions([leftOutText(sections.length - count)], whereTheRestIs)}\n`
      : '';
  // Measured, not written: each repository's details at these options, the first `count` of them.
  const fits = (count: number, options: Partial<SummaryOptions>) => {
    const parts = sections
      .slice(0, count)
      .map((section) => repositoryDetailsBytes(section, { ...options, whereTheRestIs }));
    const tail = leftOutLine(count);
    if (tail !== '') parts.push(Buffer.byteLength(tail));
    const bytes = parts.reduce((sum, part) => sum + part, 0) + Math.max(0, parts.length - 1);
    return bytes <= room ? { count, options } : undefined;
  };
  const chosen =
    richestFitting((options) => fits(sections.length, options), maxRowsOf(sections)) ??
    largestFitting(sections.length + 1, (count) => fits(count, BARE));
  if (!chosen) return { parts: [head.markdown], omitted: hiddenRowsOf(run, head.rows) };
  const shown = sections.slice(0, chosen.count);
  const tail = leftOutLine(chosen.count);
  const omitted = [
    ...hiddenRowsOf(run, head.rows),
    ...shown.flatMap((section) =>
      describeSummaryOmissions(section.report, chosen.options).map(
        (part) => `${repositoryName(section)}: ${part}`,
      ),
    ),
    ...(chosen.count < sections.length ? [leftOutText(sections.length - chosen.count)] : []),
  ];
  function* parts(): Generator<string> {
    yield head?.markdown ?? '';
    for (const section of shown)
      yield `\n${renderRepositoryDetails(section, { ...chosen?.options, whereTheRestIs })}`;
    if (tail !== '') yield `\n${tail}`;
  }
  return { parts: parts(), omitted };
}

function leftOutText(count: number): string {
  return `the details of ${countOf(count, 'repository', 'repositories')}`;
}

function hiddenRowsOf(run: RunReport, rows: number): string[] {
  const hidden = run.repositories.length - Math.min(rows, run.repositories.length);
  return hidden > 0 ? [countOf(hidden, 'repository row')] : [];
}

function maxRowsOf(sections: readonly RepositorySection[]): number {
  return Math.max(0, ...sections.map((section) => section.report.pullRequests.length));
}
