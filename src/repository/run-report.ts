import type { GateRules } from '../model/gate.ts';
import type { Session } from '../model/session.ts';
import { compareCodeUnits } from '../model/text.ts';
import { buildPeriodContent, canonicalRepository } from './build.ts';
import type { RepositorySection, RunReport } from './model.ts';
import type { Period } from './period.ts';
import type { RepositoryScope } from './scope.ts';

export interface RunReportInput {
  /** The period's sessions of the run's repositories, each once. */
  sessions: readonly Session[];
  scope: RepositoryScope;
  period: Period;
  rules: GateRules;
  /** Pull request states as GitHub gave them, by normalised URL. */
  states: ReadonlyMap<string, string>;
  incompleteReasons: readonly string[];
  /** What happened on GitHub's side, per repository, in the order of the scope's repositories. */
  github: readonly Omit<RepositorySection, 'report'>[];
  /** Entries of the repositories input that named no repository. */
  problems: readonly string[];
}

/** The report of the whole run, and of each repository; pure. */
export function buildRunReport(input: RunReportInput): RunReport {
  const { scope } = input;
  const repositories = scope.repositories.map((repository) =>
    canonicalRepository({ ...repository, host: scope.host }),
  );
  const common = {
    period: input.period,
    rules: input.rules,
    states: input.states,
    incompleteReasons: input.incompleteReasons,
  };
  const whole = buildPeriodContent(input.sessions, { ...common, repositories });
  const sessionsOf = repositories.length === 1 ? undefined : scope.sessionsOf(input.sessions);
  const sections = repositories.map(
    (repository, index): RepositorySection => ({
      // One repository's report is the whole run's.
      report: {
        repository,
        ...(sessionsOf === undefined
          ? whole
          : buildPeriodContent(sessionsOf[index] ?? [], { ...common, repositories: [repository] })),
      },
      problems: [...(input.github[index]?.problems ?? [])],
      comments: input.github[index]?.comments ?? { updated: [], unfinished: [] },
    }),
  );
  return {
    host: canonicalRepository({ owner: '', repo: '', host: scope.host }).host,
    whole,
    repositories: sections.sort(byImportance),
    problems: [...input.problems],
  };
}

/** Failing gates first, then the costliest, then by name. */
function byImportance(a: RepositorySection, b: RepositorySection): number {
  return (
    b.report.totals.byGate.fail - a.report.totals.byGate.fail ||
    b.report.totals.acus - a.report.totals.acus ||
    compareCodeUnits(
      `${a.report.repository.owner}/${a.report.repository.repo}`.toLowerCase(),
      `${b.report.repository.owner}/${b.report.repository.repo}`.toLowerCase(),
    )
  );
}
