import type { Settings } from '../action/settings.ts';
import { connectDevin } from '../devin/connect.ts';
import type { GitHubClient } from '../github/client.ts';
import type { RetryPolicy } from '../http/retry-policy.ts';
import type { Clock } from '../model/clock.ts';
import { normalizePullRequestUrl, repositoryUrlPrefix } from '../model/pull-request.ts';
import { countOf } from '../model/text.ts';
import { PeriodReportBuilder } from './build.ts';
import { commentNotes, settleUnfinished } from './comment-outcome.ts';
import { finishPendingComments } from './pending-comments.ts';
import { periodEndingAt } from './period.ts';
import { publishPeriodReport } from './publish.ts';

export interface RepositoryRun {
  settings: Settings;
  github: GitHubClient;
  repo: { owner: string; repo: string };
  /** The GitHub server's web URL (https://github.com or a GHES host): pull request URLs name it. */
  serverUrl: string;
  clock: Clock;
  retry?: Partial<RetryPolicy>;
  runUrl?: string;
  info: (message: string) => void;
  warn: (message: string) => void;
}

/**
 * Repository mode: one scan of the sessions updated in the last report-days days, keeping those that name a
 * pull request of this repository; the action's comments still waiting for an analysis finished; the
 * period's report to the job summary, the report file and the CSV file.
 */
export async function runRepositoryMode(run: RepositoryRun): Promise<void> {
  const { settings, repo, clock } = run;
  const period = periodEndingAt(Math.floor(clock.now() / 1000), settings.reportDays);
  const host = new URL(run.serverUrl).host;
  const builder = new PeriodReportBuilder({
    repository: { ...repo, host },
    period,
    rules: settings.gate,
  });
  const prefix = repositoryUrlPrefix({ ...repo, host });
  const namesThisRepository = (urls: readonly string[]) =>
    urls.some((url) => normalizePullRequestUrl(url)?.startsWith(prefix));

  const devin = connectDevin({
    apiUrl: settings.devinApiUrl,
    apiKey: settings.devinApiKey,
    version: settings.devinApiVersion,
    orgId: settings.devinOrgId,
    clock,
    retry: run.retry,
    onRetry: run.info,
    onIncomplete: (message) => {
      run.warn(message);
      builder.markIncomplete(message);
    },
  });
  try {
    run.info(
      `Repository mode: ${repo.owner}/${repo.repo}, sessions updated in the last ${countOf(settings.reportDays, 'day')} (since ${new Date(period.start * 1000).toISOString()}).`,
    );
    // The scan ends by reading what changed while it ran: a session updated meanwhile is in the period too.
    const sessions = await devin.api.findUpdatedSince(period.start, namesThisRepository);
    run.info(
      `${devin.description}: ${countOf(sessions.length, 'session')} named a pull request of this repository.`,
    );
    for (const session of sessions) builder.add(session);

    const finished =
      settings.comment === 'never'
        ? undefined
        : await finishPendingComments({
            github: run.github,
            devin: devin.api,
            canGenerate: devin.api.generate !== undefined,
            repo,
            host,
            sessions,
            settings,
            clock,
            runUrl: run.runUrl,
            info: run.info,
            warn: run.warn,
          });
    // The newest data wins, for the sessions of the period; older ones stay out of its report.
    const inPeriod = new Set(sessions.map((session) => session.id));
    for (const session of finished?.sessions ?? []) if (inPeriod.has(session.id)) builder.add(session);
    await publishPeriodReport(builder.build(), finished ? commentNotes(finished) : []);
    run.info(`Devin API requests: ${devin.requestCount()}.`);
    if (finished) settleUnfinished(finished, settings, run.warn);
  } finally {
    await devin.close();
  }
}
