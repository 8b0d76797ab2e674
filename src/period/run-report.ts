import type { GateRules } from '../model/gate.ts';
import { canonicalHost } from '../model/pull-request.ts';
import type { Session } from '../model/session.ts';
import { compareCodeUnits } from '../model/text.ts';
import { buildContent, canonicalRepository, SessionTally } from './build.ts';
import type { RepositorySection, RunReport } from './model.ts';
import { comparePullRequests } from './pull-requests.ts';
import type { RepositoryScope } from './scope.ts';
import type { SessionStore } from './session-store.ts';
import type { Period } from './span.ts';

export interface RunReportInput {
  /** The period's sessions of the run's repositories. */
  store: SessionStore;
  scope: RepositoryScope;
  period: Period;
  rules: GateRules;
  incompleteReasons: readonly string[];
  /**
   * What happened on GitHub's side, per repository, in the order of the scope's repositories, with the states of
   * its pull requests as GitHub gave them, by number.
   */
  github: readonly (Omit<RepositorySection, 'report'> & { states?: ReadonlyMap<number, string> })[];
  /** Entries of the repositories input that named no repository. */
  problems: readonly string[];
}

/**
 * The report of the whole run, and of each repository; pure. Each repository's report is built from its own
 * sessions; the whole run's shares their pull requests and counts each session once.
 */
export function buildRunReport(input: RunReportInput): RunReport {
  const { scope, store } = input;
  const repositories = scope.repositories.map((repository) =>
    canonicalRepository({ ...repository, host: scope.host }),
  );
  const common = {
    period: input.period,
    rules: input.rules,
    incompleteReasons: input.incompleteReasons,
  };
  const several = repositories.length > 1;
  const slots = several ? scope.slotsOf(store) : undefined;
  // The whole run's tally counts each session once, in the pass of the first of its repositories: a second pass
  // over a hundred thousand sessions made each anew for the little it adds.
  const wholeTally = new SessionTally(input.period);
  const inWhole = new Uint8Array(several ? store.size : 0);
  const counted = (slot: number, session: Session) => {
    if (inWhole[slot] === 1) return;
    inWhole[slot] = 1;
    wholeTally.add(session);
  };
  // The report names sessions by id, and holds their ids alone, not the rest of the store.
  const sessionsBySlot = { sessionOf: store.sessionAt, idOf: store.ids.idAt };
  const sections = repositories.map(
    (repository, index): RepositorySection => ({
      report: {
        repository,
        ...buildContent(store.entries(slots?.[index]), sessionsBySlot, {
          ...common,
          repository,
          states: input.github[index]?.states,
          counted: several ? counted : undefined,
        }),
      },
      problems: [...(input.github[index]?.problems ?? [])],
      comments: input.github[index]?.comments ?? { updated: [], unfinished: [] },
    }),
  );
  const [single] = sections;
  const whole =
    single && !several
      ? single.report
      : wholeTally.content(
          sections.flatMap((section) => section.report.pullRequests).sort(comparePullRequests),
          {
            sessionsWithoutPullRequest: inWhole.length - inWhole.reduce((sum, one) => sum + one, 0),
            incompleteReasons: input.incompleteReasons,
          },
        );
  return {
    host: canonicalHost(scope.host),
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
