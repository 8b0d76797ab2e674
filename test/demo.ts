/**
 * `npm run demo`: the bundled action, run as the Actions runner runs it, against the test stand-ins for the
 * Devin and GitHub APIs on 127.0.0.1. No credentials, no network.
 */

import { runAction } from './e2e/harness.ts';
import { startFakeDevinApi } from './fakes/devin-api.ts';
import { BASE_TIME, makeAnalysis, makeSession } from './fakes/devin-data.ts';
import { startFakeGitHubApi } from './fakes/github-api.ts';
import { type PullRequestAction, type PullRequestTarget, pullRequestEvent } from './fakes/webhooks.ts';

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

const devin = await startFakeDevinApi({
  sessions: [linked, builder, followUp],
  generation: { [linked.session_id]: { readsUntilReady: 2 } },
});
const github = await startFakeGitHubApi();

interface Scene {
  title: string;
  action: PullRequestAction;
  pullRequest: PullRequestTarget;
  inputs?: Record<string, string>;
}

const mergedPullRequest: PullRequestTarget = {
  ...repo,
  number: 102,
  merged: true,
  createdAt: iso(BASE_TIME),
  body: 'Orders API pagination.',
};

const scenes: Scene[] = [
  {
    title: 'A pull request Devin opened; its analysis is generated while the action waits',
    action: 'opened',
    pullRequest: {
      ...repo,
      number: 101,
      createdAt: iso(BASE_TIME),
      body: `Stabilises the checkout test.\n\nLink to Devin run: https://app.devin.ai/sessions/${linked.session_id}`,
    },
  },
  {
    title: 'A merged pull request with two sessions, found by the window scan',
    action: 'closed',
    pullRequest: mergedPullRequest,
  },
  {
    title: 'The same pull request with a gate: fail on Environment issues',
    action: 'closed',
    pullRequest: mergedPullRequest,
    inputs: { 'fail-on-labels': 'Environment', 'max-acus': '10' },
  },
];

try {
  for (const [index, scene] of scenes.entries()) {
    github.addPull({
      ...scene.pullRequest,
      body: scene.pullRequest.body ?? null,
      merged: scene.pullRequest.merged,
    });
    const result = await runAction({
      event: pullRequestEvent(scene.action, scene.pullRequest),
      githubApiUrl: github.url,
      inputs: {
        'devin-api-key': 'cog_demo_service_user',
        'devin-api-url': devin.url,
        'github-token': 'ghs_fake_token',
        'poll-interval': '0.2',
        'wait-timeout': '30',
        ...scene.inputs,
      },
    });
    const comment = github.commentsOn(repo.owner, repo.repo, scene.pullRequest.number).at(-1);
    console.log(`\n${'═'.repeat(100)}\n${index + 1}. ${scene.title}\n${'═'.repeat(100)}`);
    console.log(`\n── log ──\n${result.stdout.replace(/^::add-mask::.*\n/m, '')}`);
    console.log(`── comment on ${comment?.html_url ?? 'no comment'} ──\n${comment?.body ?? ''}`);
    console.log('── outputs ──');
    for (const [name, value] of Object.entries(result.outputs)) console.log(`${name}: ${value}`);
    console.log(`── exit code: ${result.exitCode} ──`);
    await result.cleanup();
  }
} finally {
  await Promise.all([devin.close(), github.close()]);
}
