import { formatAcuTotal, link, renderOmissions, table } from '../markdown/format.ts';
import { inlineText } from '../markdown/sanitize.ts';
import { countOf } from '../model/text.ts';
import { largestFitting } from '../util/largest-fitting.ts';
import { commentNotes } from './comment-outcome.ts';
import { type FittedSummary, LADDER } from './fit.ts';
import type { RepositorySection, RunReport } from './model.ts';
import { isoDate, utcDayOf } from './period.ts';
import {
  describeSummaryOmissions,
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
  const notes = commentNotes({
    updated: section.comments.updated.map((number) => pullRequestLink(section, number)),
    unfinished: section.comments.unfinished.map((number) => pullRequestLink(section, number)),
  });
  return [renderPeriodSummary(section.report, options), ...notes.map((note) => `${note}\n`)].join('\n');
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
  const limit = Number.isNaN(maxBytes) ? 0 : Math.max(0, Math.floor(maxBytes));
  const head = largestFitting(run.repositories.length + 1, (rows) => {
    const markdown = renderRunHead(run, rows);
    return Buffer.byteLength(markdown) <= limit ? { markdown, rows } : undefined;
  });
  if (head === undefined) return cutToLimit(renderRunHead(run, 0), limit);
  const hiddenRows = Math.max(0, run.repositories.length - head.rows);
  const sections = withDetails(run);
  const room = limit - Buffer.byteLength(head.markdown) - 1;
  const attempt = (count: number, options: Partial<SummaryOptions>): FittedSummary | undefined => {
    const shown = sections.slice(0, count);
    const left = sections.length - shown.length;
    const leftOut = left > 0 ? `the details of ${countOf(left, 'repository', 'repositories')}` : '';
    const parts = [
      ...shown.map((section) => renderRepositoryDetails(section, { ...options, whereTheRestIs })),
      leftOut ? `${renderOmissions([leftOut], whereTheRestIs)}\n` : '',
    ];
    const markdown = parts.filter(Boolean).join('\n');
    if (Buffer.byteLength(markdown) > room) return undefined;
    const omitted = [
      hiddenRows > 0 ? countOf(hiddenRows, 'repository row') : '',
      ...shown.flatMap((section) =>
        describeSummaryOmissions(section.report, options).map(
          (part) => `${repositoryName(section)}: ${part}`,
        ),
      ),
      leftOut,
    ];
    return {
      markdown: [head.markdown, markdown].filter(Boolean).join('\n'),
      omitted: omitted.filter(Boolean),
    };
  };
  for (const options of LADDER) {
    const fitted = attempt(sections.length, options);
    if (fitted) return withinLimit(fitted, limit);
  }
  const plainest = LADDER[LADDER.length - 1] ?? {};
  const fewerRows = largestFitting(maxRowsOf(sections), (maxPullRequests) =>
    attempt(sections.length, { ...plainest, maxPullRequests }),
  );
  if (fewerRows) return withinLimit(fewerRows, limit);
  const bare = { ...plainest, maxPullRequests: 0, maxLabels: 0, maxActionItemTypes: 0 };
  const fewerRepositories = largestFitting(sections.length + 1, (count) => attempt(count, bare));
  return withinLimit(fewerRepositories ?? { markdown: head.markdown, omitted: [] }, limit);
}

function maxRowsOf(sections: readonly RepositorySection[]): number {
  return Math.max(0, ...sections.map((section) => section.report.pullRequests.length));
}

/** A last check: what the attempts measured apart is measured together. */
function withinLimit(fitted: FittedSummary, limit: number): FittedSummary {
  return Buffer.byteLength(fitted.markdown) <= limit ? fitted : cutToLimit(fitted.markdown, limit);
}

function cutToLimit(markdown: string, limit: number): FittedSummary {
  const bytes = Buffer.from(markdown).subarray(0, limit);
  // Only a whole line is kept, so that no character is cut in two.
  const end = bytes.lastIndexOf(0x0a) + 1;
  return { markdown: bytes.subarray(0, end).toString(), omitted: ['the end of the summary'] };
}
