import { isoTime } from '../markdown/format.ts';
import type { PeriodContent, PeriodPullRequest, PeriodReport, RunReport } from './model.ts';
import { isoDate, utcDayOf } from './span.ts';

/**
 * The report as the `report` JSON file holds it: snake_case field names, stable across versions (fields may be
 * added, none renamed). Texts are the API's as they are; times are ISO 8601 UTC.
 *
 * - repository: `owner/repo` when the run covers one repository, null when several; host: the GitHub host.
 * - period: start (inclusive) and end (exclusive), and the UTC days it touches.
 * - complete: false when the scan of the period may have left sessions out; incomplete_reasons says why.
 * - totals: counts over the distinct sessions of the period (a session on two pull requests counts once).
 * - pull_requests: one entry per pull request, naming its repository, failing gates first, then by ACUs; the
 *   CSV has the same rows.
 * - acus_per_day: ACUs of the sessions last updated on each UTC day of the period.
 * - issues_by_label, issues_by_impact: how often each kind of issue came back.
 * - action_items_by_type: repository setup and knowledge first; `top` holds the most frequent texts.
 * - problems: entries of the repositories input that named no repository, and why.
 * - repositories: one section per repository, the most important first: its totals and tallies as above, what
 *   GitHub refused (problems), and the pull requests whose waiting comment the run finished or could not.
 */
export function runReportJson(run: RunReport) {
  return runReportJsonWith(run, (pullRequests) => pullRequests.map(pullRequestJson));
}

/**
 * runReportJson with its list of pull requests made by `list` from the report's (pullRequestJson of each): a
 * writer can make each entry only when it writes it.
 */
export function runReportJsonWith<L>(run: RunReport, list: (pullRequests: PeriodPullRequest[]) => L) {
  const [single] = run.repositories.length === 1 ? run.repositories : [];
  return {
    repository: single ? nameOf(single.report) : null,
    host: run.host,
    ...contentJson(run.whole, list),
    problems: run.problems,
    repositories: run.repositories.map((section) => ({
      repository: nameOf(section.report),
      url: `https://${section.report.repository.host}/${nameOf(section.report)}`,
      problems: section.problems,
      comments_updated: section.comments.updated,
      comments_unfinished: section.comments.unfinished,
      totals: totalsJson(section.report),
      acus_per_day: acusPerDayJson(section.report),
      ...tallyJson(section.report),
    })),
  };
}

/** One repository's report in the file's shape, without the run's sections. */
export function periodReportJson(report: PeriodReport) {
  return {
    repository: nameOf(report),
    host: report.repository.host,
    ...contentJson(report, (pullRequests) => pullRequests.map(pullRequestJson)),
  };
}

function nameOf(report: PeriodReport): string {
  return `${report.repository.owner}/${report.repository.repo}`;
}

function contentJson<L>(report: PeriodContent, list: (pullRequests: PeriodPullRequest[]) => L) {
  return {
    period: {
      start: isoTime(new Date(report.period.start * 1000)),
      end: isoTime(new Date(report.period.end * 1000)),
      first_day: isoDate(utcDayOf(report.period.start)),
      last_day: isoDate(utcDayOf(report.period.end - 1)),
    },
    complete: report.incompleteReasons.length === 0,
    incomplete_reasons: report.incompleteReasons,
    totals: totalsJson(report),
    pull_requests: list(report.pullRequests),
    acus_per_day: acusPerDayJson(report),
    ...tallyJson(report),
  };
}

/** One pull request in the file's shape. */
export function pullRequestJson(pullRequest: PeriodPullRequest) {
  return {
    repository: pullRequest.repository,
    url: pullRequest.url,
    number: pullRequest.number,
    state: pullRequest.state,
    sessions: pullRequest.sessionCount,
    session_ids: pullRequest.sessionIds,
    size: pullRequest.size ?? '',
    acus: pullRequest.acus,
    acus_unknown_sessions: pullRequest.acusUnknownSessions,
    issues: pullRequest.issueCount,
    action_items: pullRequest.actionItemCount,
    unanalysed_sessions: pullRequest.unanalysedSessions,
    gate: pullRequest.gate,
    gate_reasons: pullRequest.gateReasons,
  };
}

function totalsJson(report: PeriodContent) {
  return {
    pull_requests: report.totals.pullRequests,
    sessions: report.totals.sessions,
    acus: report.totals.acus,
    acus_unknown_sessions: report.totals.acusUnknownSessions,
    issues: report.totals.issues,
    action_items: report.totals.actionItems,
    unanalysed_sessions: report.totals.unanalysedSessions,
    pull_requests_by_state: report.totals.byState,
    pull_requests_by_gate: report.totals.byGate,
    sessions_outside_period: report.outsidePeriod.sessions,
    acus_outside_period: report.outsidePeriod.acus,
    sessions_without_pull_request: report.sessionsWithoutPullRequest,
  };
}

function acusPerDayJson(report: PeriodContent) {
  return report.acusPerDay.map(({ day, acus }) => ({ date: isoDate(utcDayOf(day)), acus }));
}

function tallyJson(report: PeriodContent) {
  return {
    issues_by_label: report.issuesByLabel.map((count) => ({
      label: count.label,
      total: count.total,
      ...count.byImpact,
      sessions: count.sessions,
    })),
    issues_by_impact: report.issuesByImpact,
    action_items_by_type: report.actionItemsByType.map((group) => ({
      type: group.type,
      total: group.total,
      distinct: group.distinct,
      top: group.top.map(({ text, count }) => ({ text, count })),
    })),
  };
}
