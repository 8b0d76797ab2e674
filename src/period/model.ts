import type { ImpactLevel } from '../model/session.ts';
import type { Period } from './span.ts';

/** The repository a report is about; host defaults to github.com (a GitHub Enterprise Server host otherwise). */
export interface Repository {
  owner: string;
  repo: string;
  host?: string;
}

/**
 * A pull request's gate as far as it can be evaluated:
 * - pass, fail, warn: as on the pull request run (a failure stays a failure whatever analyses come later);
 * - pending: no rule tripped, but some sessions are not checked yet (no analysis; with max-acus, still working or
 *   without an ACU figure).
 */
export type PeriodGateOutcome = 'pass' | 'fail' | 'warn' | 'pending';

/**
 * open, merged or closed as GitHub said when the run read it; otherwise as the sessions last recorded it (a newer
 * value the API sends, lower-cased), or unknown when no session says.
 */
type PullRequestState = string;

export interface PeriodPullRequest {
  /** `owner/repo` of its repository, spelt as the repository is. */
  repository: string;
  /** Web URL in the repository's own spelling: https://host/owner/repo/pull/number. */
  url: string;
  number: number;
  state: PullRequestState;
  /** Ids of the sessions that name this pull request, oldest first. */
  sessionIds: string[];
  /** How many they are, read without making the ids. */
  sessionCount: number;
  /** Largest size among its sessions (largestSize), undefined when none has one. */
  size: string | undefined;
  /** The known figures' sum; `acusUnknownSessions` sessions have none, so the true total is higher. */
  acus: number;
  acusUnknownSessions: number;
  issueCount: number;
  actionItemCount: number;
  /** Sessions that have no analysis yet. */
  unanalysedSessions: number;
  gate: PeriodGateOutcome;
  /** One sentence per tripped rule, or why the gate is pending. */
  gateReasons: string[];
}

export type ImpactCounts = Record<ImpactLevel | 'other', number>;

export interface LabelCount {
  /** The label as first seen; labels are grouped case- and space-insensitively. */
  label: string;
  total: number;
  byImpact: ImpactCounts;
  /** Distinct sessions that reported it: how often it comes back. */
  sessions: number;
}

interface FrequentActionItem {
  /** The text as first seen; texts are grouped case- and space-insensitively. */
  text: string;
  count: number;
}

export interface ActionItemTypeCount {
  type: string;
  total: number;
  /** How many different texts there are, of which `top` lists the most frequent. */
  distinct: number;
  top: FrequentActionItem[];
}

export interface DayAcus {
  /** Unix seconds of the UTC day's start. */
  day: number;
  acus: number;
}

interface PeriodTotals {
  pullRequests: number;
  /** Distinct sessions naming at least one pull request of the repository; a session on several counts once. */
  sessions: number;
  /** The known figures' sum; `acusUnknownSessions` sessions have none, so the true total is higher. */
  acus: number;
  acusUnknownSessions: number;
  issues: number;
  actionItems: number;
  unanalysedSessions: number;
  byState: Record<string, number>;
  byGate: Record<PeriodGateOutcome, number>;
}

/** The report of a period over one repository or several: everything but which repository it is about. */
export interface PeriodContent {
  period: Period;
  pullRequests: PeriodPullRequest[];
  totals: PeriodTotals;
  /** One entry per UTC day the period touches, by the session's updatedAt. */
  acusPerDay: DayAcus[];
  /**
   * Sessions whose updatedAt falls outside the period (beyond the clock skew allowed at its end): in the
   * totals, not in acusPerDay.
   */
  outsidePeriod: { sessions: number; acus: number };
  /** Most frequent first. */
  issuesByLabel: LabelCount[];
  issuesByImpact: ImpactCounts;
  /** Repository setup and knowledge first, then the other known types, then newer ones by name. */
  actionItemsByType: ActionItemTypeCount[];
  /** Sessions given to the builder that name no pull request of the repository: left out of everything else. */
  sessionsWithoutPullRequest: number;
  /** Why the scan of the period may have left sessions out (a listing that ended early); empty when complete. */
  incompleteReasons: string[];
}

export interface PeriodReport extends PeriodContent {
  repository: Required<Repository>;
}

/** One repository of a run: its report, and what happened on GitHub's side. */
export interface RepositorySection {
  report: PeriodReport;
  /** What GitHub refused for this repository (its pull requests or comments), one sentence each. */
  problems: string[];
  /** Numbers of its pull requests whose pending comment this run finished, and of those it could not. */
  comments: { updated: number[]; unfinished: number[] };
}

/** The report of a run over one repository or several. */
export interface RunReport {
  /** The GitHub host of the repositories. */
  host: string;
  /** Every repository of the run together: a session on pull requests of two counts once. */
  whole: PeriodContent;
  /** One per repository, the most important first (failing gates, then ACUs). */
  repositories: RepositorySection[];
  /** Entries of the repositories input that named no repository (`owner/*` the token could not list). */
  problems: string[];
}
