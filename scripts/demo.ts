/**
 * `npm run demo`: the bundled action, run as the Actions runner runs it, against the test stand-ins for the
 * Devin and GitHub APIs on 127.0.0.1. No credentials, no network.
 */

import { runAction } from '../test/e2e/harness.ts';
import { startFakeDevinApi } from '../test/fakes/devin-api.ts';
import { BASE_TIME, bulkSessions, makeAnalysis, makeSession } from '../test/fakes/devin-data.ts';
import { startFakeGitHubApi } from '../test/fakes/github-api.ts';
import {
  type PullRequestAction,
  type PullRequestTarget,
  pullRequestEvent,
  scheduleEvent,
  type WebhookEvent,
} from '../test/fakes/webhooks.ts';

const repo = { owner: 'acme', repo: 'shop' };
const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
const prUrl = (number: number) => `https://github.com/acme/shop/pull/${number}`;

const linked = makeSession({
  title: 'Fix flaky checkout integration test',
  pull_requests: [{ pr_url: prUrl(101), pr_state: 'open' }],
  updated_at: BASE_TIME + 1_800,
  acus_consumed: 3.4,
  session_size: 's',
  analysis: null,
});
const builder = makeSession({
  title: 'Add cursor pagination to the orders API',
  pull_requests: [{ pr_url: prUrl(102), pr_state: 'merged' }],
  updated_at: BASE_TIME + 7_200,
  acus_consumed: 11.75,
  session_size: 'm',
});
const followUp = makeSession({
  title: 'Address review comments on the orders API',
  pull_requests: [{ pr_url: 'https://github.com/Acme/Shop/pulls/102/files', pr_state: 'merged' }],
  updated_at: BASE_TIME + 10_800,
  acus_consumed: 2.5,
  session_size: 's',
  analysis: makeAnalysis({ issues: [], action_items: [] }),
});

// Repository mode reads the last week up to now: these sessions are recent.
const now = Math.floor(Date.now() / 1000);
const stillAnalysing = makeSession({
  title: 'Migrate the invoices job to the new queue',
  pull_requests: [{ pr_url: prUrl(103), pr_state: 'open' }],
  created_at: now - 30 * 3600,
  updated_at: now - 26 * 3600,
  acus_consumed: 6.2,
  session_size: 'm',
  analysis: null,
});
const recentMerge = makeSession({
  title: 'Bump the payment SDK',
  pull_requests: [{ pr_url: prUrl(104), pr_state: 'merged' }],
  created_at: now - 80 * 3600,
  updated_at: now - 75 * 3600,
  acus_consumed: 1.5,
  session_size: 'xs',
});
const elsewhere = bulkSessions(300, { startAt: now - 5 * 86_400 });

const devin = await startFakeDevinApi({
  sessions: [linked, builder, followUp, stillAnalysing, recentMerge, ...elsewhere],
  generation: {
    [linked.session_id]: { readsUntilReady: 2 },
    // Not ready while the pull request run waits; ready for the scheduled run.
    [stillAnalysing.session_id]: { readsUntilReady: 3 },
  },
});
const github = await startFakeGitHubApi();

interface Scene {
  /** How a tool names the scene (npm run screenshot photographs the comment of `gated`). */
  name: string;
  title: string;
  event: WebhookEvent;
  /** The pull request whose comment to show; none for a repository-mode run. */
  pullRequest?: PullRequestTarget;
  inputs?: Record<string, string>;
}

function pullRequestScene(
  name: string,
  title: string,
  action: PullRequestAction,
  pullRequest: PullRequestTarget,
  inputs?: Record<string, string>,
): Scene {
  github.addPull({ ...pullRequest, body: pullRequest.body ?? null, merged: pullRequest.merged });
  return { name, title, event: pullRequestEvent(action, pullRequest), pullRequest, inputs };
}

const mergedPullRequest: PullRequestTarget = {
  ...repo,
  number: 102,
  merged: true,
  createdAt: iso(BASE_TIME),
  body: 'Orders API pagination.',
};

const scenes: Scene[] = [
  pullRequestScene(
    'opened',
    'A pull request Devin opened; its analysis is generated while the action waits',
    'opened',
    {
      ...repo,
      number: 101,
      createdAt: iso(BASE_TIME),
      body: `Stabilises the checkout test.\n\nLink to Devin run: https://app.devin.ai/sessions/${linked.session_id}`,
    },
  ),
  pullRequestScene(
    'merged',
    'A merged pull request with two sessions, found by the window scan',
    'closed',
    mergedPullRequest,
  ),
  pullRequestScene(
    'gated',
    'The same pull request with a gate: fail on Environment issues',
    'closed',
    mergedPullRequest,
    { 'fail-on-labels': 'Environment', 'max-acus': '10' },
  ),
  pullRequestScene(
    'pending',
    'A pull request run with a short wait-timeout: the comment is left pending',
    'opened',
    {
      ...repo,
      number: 103,
      body: `Moves the invoices job.\n\nLink to Devin run: https://app.devin.ai/sessions/${stillAnalysing.session_id}`,
    },
    { 'wait-timeout': '0' },
  ),
  {
    name: 'scheduled',
    title: "The weekly scheduled run: finishes the pending comment and reports the repository's week",
    event: scheduleEvent(repo),
    pullRequest: { ...repo, number: 103 },
  },
];

try {
  for (const [index, scene] of scenes.entries()) {
    const result = await runAction({
      event: scene.event,
      githubApiUrl: github.url,
      inputs: {
        'devin-api-key': 'cog_demo_service_user',
        'devin-api-url': devin.url,
        'github-token': 'ghs_fake_token',
        'poll-interval': '1',
        'wait-timeout': '30',
        ...scene.inputs,
      },
    });
    const number = scene.pullRequest?.number ?? 0;
    const comment = github.commentsOn(repo.owner, repo.repo, number).at(-1);
    console.log(`\n${'═'.repeat(100)}\n${index + 1}. ${scene.title}\n${'═'.repeat(100)}`);
    console.log(`\n── log ──\n${result.stdout.replace(/^::add-mask::.*\n/m, '')}`);
    console.log(
      `── comment of scene ${scene.name} on ${comment?.html_url ?? 'no comment'} ──\n${comment?.body ?? ''}`,
    );
    if (scene.event.eventName === 'schedule') console.log(`── job summary ──\n${result.summary}`);
    console.log('── outputs ──');
    for (const [name, value] of Object.entries(result.outputs)) console.log(`${name}: ${value}`);
    console.log(`── exit code: ${result.exitCode} ──`);
    await result.cleanup();
  }
} finally {
  await Promise.all([devin.close(), github.close()]);
}
