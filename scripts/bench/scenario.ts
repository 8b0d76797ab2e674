/**
 * The runs that the benchmark times and that test/integration/request-counts.test.ts counts: one fake Devin
 * API holding a history before the pull requests were created and a window of sessions updated since, one
 * fake GitHub API that knows the pull requests, and the events of a linked, a window and a merged run.
 */

import { inputEnvName } from '../../test/e2e/harness.ts';
import { MARKER } from '../../test/fakes/action-comment.ts';
import { type FakeDevinApi, type FakeDevinOptions, startFakeDevinApi } from '../../test/fakes/devin-api.ts';
import { BASE_TIME, bulkSessions, type FakeSession } from '../../test/fakes/devin-data.ts';
import { type FakeGitHubApi, startFakeGitHubApi } from '../../test/fakes/github-api.ts';
import { pullRequestEvent, type WebhookEvent } from '../../test/fakes/webhooks.ts';
import { inputDefaults } from '../readme-tables.ts';

export const DEVIN_KEY = 'cog_bench_service_user_key_7d2e';
export const GITHUB_TOKEN = 'ghs_fake_token';
/** The v3 list endpoint's largest page. */
export const PAGE_SIZE = 200;

export type CaseName = 'linked' | 'window' | 'merged';
export const CASE_NAMES: readonly CaseName[] = ['linked', 'window', 'merged'];

export const OWNER = 'acme';
export const REPO = 'shop';
/** When every pull request of the scenario was created; the window is what was updated since. */
export const CREATED_AT = BASE_TIME + 30 * 86_400;

export interface ScenarioOptions {
  /** Sessions updated since the pull requests were created (the window). At least 30. */
  windowSessions: number;
  /** Sessions updated well before that, which no scan may read. Default: a tenth of the window. */
  historySessions?: number;
  /** Per-request latency of both fakes, ms. */
  latencyMs?: number;
  /** Seconds between the window's sessions' updates. Default 60. */
  stepSeconds?: number;
  /** Whether the action's comment from an earlier run is already there (then a run writes once, a PATCH). */
  existingComment?: boolean;
  /** What the Devin API's list pages answer as `total` (FakeDevinOptions.answeredTotal): the true count unless told. */
  answeredTotal?: FakeDevinOptions['answeredTotal'];
}

export interface Case {
  name: CaseName;
  number: number;
  event: WebhookEvent;
  /** The session ids the run must report, sorted. */
  expectedSessionIds: string[];
  /** The fewest Devin list requests that find them. */
  devinListFloor: number;
}

export interface Scenario {
  devin: FakeDevinApi;
  github: FakeGitHubApi;
  cases: Record<CaseName, Case>;
  windowSessions: number;
  historySessions: number;
  /** The inputs of a run against these fakes (fast polling; nothing is waited for here anyway). */
  inputs(): Record<string, string>;
  /** Puts the earlier run's text back into the action's comments, so that the next run writes again. */
  resetComments(): void;
  close(): Promise<void>;
}

/**
 * The comment of an earlier run on the pull request. With `scannedAt`, a steady state: it recorded when it
 * last listed the sessions, so that a linked run lists only what changed since. Without, an older comment:
 * the run lists every session updated since the pull request was created (the window).
 */
const earlierRun = (scannedAt?: number) =>
  scannedAt === undefined
    ? `${MARKER}\nEarlier run.`
    : `${MARKER}\n<!-- devin-session-insights-state {"sessions":[],"unanalysed":[],"scannedAt":${scannedAt}} -->\nEarlier run.`;
const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace(/\.000Z$/, 'Z');
const pullUrl = (number: number) => `https://github.com/${OWNER}/${REPO}/pull/${number}`;
const link = (id: string) => `Link to Devin Session: https://app.devin.ai/sessions/${id}`;

/** Makes window session `index` (one whose analysis exists: bulk sessions with index % 3 === 0) list a pull request. */
function claim(window: FakeSession[], index: number, number: number): FakeSession {
  const analysed = index - (index % 3);
  const session = window[analysed];
  if (!session?.analysis) throw new Error(`scenario: window session ${analysed} has no analysis`);
  session.pull_requests = [{ pr_url: pullUrl(number), pr_state: 'open' }];
  return session;
}

export async function startScenario(options: ScenarioOptions): Promise<Scenario> {
  const startedAt = Math.floor(Date.now() / 1000);
  const earlierRuns = new Map<number, string>();
  const windowSessions = options.windowSessions;
  if (windowSessions < 30) throw new Error('scenario: at least 30 window sessions');
  const historySessions = options.historySessions ?? Math.floor(windowSessions / 10);
  const step = options.stepSeconds ?? 60;
  // History ends ten minutes before creation: beyond the action's clock-skew allowance.
  const history = bulkSessions(historySessions, {
    startAt: CREATED_AT - 600 - historySessions * 60,
    stepSeconds: 60,
  });
  const window = bulkSessions(windowSessions, { startAt: CREATED_AT, stepSeconds: step });
  const last = windowSessions - 1;

  const linkedSession = claim(window, 0, 101);
  const windowMatches = [3, Math.floor(windowSessions / 2), last].map((index) => claim(window, index, 102));
  const mergedMatches = [6, Math.floor(windowSessions / 3), last - 3].map((index) =>
    claim(window, index, 103),
  );

  const latencyMs = options.latencyMs ?? 0;
  // Checking each answer against the documents would add to the times measured.
  const devin = await startFakeDevinApi({
    sessions: [...history, ...window],
    latencyMs,
    checkResponses: false,
    answeredTotal: options.answeredTotal,
  });
  const github = await startFakeGitHubApi({ latencyMs });

  const windowFloor = Math.ceil(windowSessions / PAGE_SIZE);
  const ids = (sessions: FakeSession[]) => sessions.map((session) => session.session_id).sort();
  const stagePull = (name: CaseName, number: number, body: string, merged: boolean): Case => {
    const target = { owner: OWNER, repo: REPO, number, body, createdAt: iso(CREATED_AT), merged };
    const action = merged ? 'closed' : 'synchronize';
    github.addPull({
      owner: OWNER,
      repo: REPO,
      number,
      body,
      created_at: target.createdAt,
      merged,
      state: merged ? 'closed' : 'open',
    });
    if (options.existingComment) {
      const body = earlierRun(name === 'linked' ? startedAt : undefined);
      earlierRuns.set(number, body);
      github.addComment({ owner: OWNER, repo: REPO, issue_number: number, body });
    }
    const expected = name === 'linked' ? [linkedSession] : name === 'window' ? windowMatches : mergedMatches;
    return {
      name,
      number,
      event: pullRequestEvent(action, target),
      expectedSessionIds: ids(expected),
      // A linked run looks the links up, then lists what changed since the earlier run: one page.
      devinListFloor: name === 'linked' ? 2 : windowFloor,
    };
  };

  const cases: Record<CaseName, Case> = {
    linked: stagePull('linked', 101, `Fixes the flaky test.\n\n${link(linkedSession.session_id)}`, false),
    window: stagePull('window', 102, 'A pull request that links no session.', false),
    merged: stagePull('merged', 103, `Adds pagination.\n\n${link(mergedMatches[0]?.session_id ?? '')}`, true),
  };

  return {
    devin,
    github,
    cases,
    windowSessions,
    historySessions,
    inputs: () => ({
      'devin-api-key': DEVIN_KEY,
      'devin-api-url': devin.url,
      'github-token': GITHUB_TOKEN,
      'poll-interval': '1',
      'wait-timeout': '10',
    }),
    resetComments: () => {
      for (const comment of github.comments) {
        const earlier = earlierRuns.get(comment.issue_number);
        if (earlier !== undefined && comment.body.startsWith(MARKER)) comment.body = earlier;
      }
    },
    close: async () => {
      await Promise.all([devin.close(), github.close()]);
    },
  };
}

/** `METHOD path?query` with the query sorted: two requests with the same key asked the same thing. */
export function requestKey(request: { method: string; path: string; query: URLSearchParams }): string {
  const query = new URLSearchParams(request.query);
  query.sort();
  return `${request.method} ${request.path}?${query}`;
}

/**
 * The distinct listings among these requests (each query without its cursor): the window scan's slices,
 * its first page and what changed since it. Each may end on a short page, so the scan may take the floor
 * plus one request per listing after the first.
 */
export function listingCount(requests: { query: URLSearchParams }[]): number {
  const listings = new Set<string>();
  for (const request of requests) {
    const query = new URLSearchParams(request.query);
    query.delete('after');
    query.sort();
    listings.add(query.toString());
  }
  return listings.size;
}

/** Keys that occur more than once. */
export function repeated(keys: string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const key of keys) (seen.has(key) ? twice : seen).add(key);
  return [...twice];
}

/** GitHub writes: anything but reads (GraphQL queries are reads, though sent with POST). */
export function isGitHubWrite(request: { method: string; path: string }): boolean {
  return request.method !== 'GET' && request.path !== '/graphql';
}

/** The middle value (the mean of the two middle ones for an even count); 0 for none. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * The runner's environment with every input unset (those with defaults and those of the scenario): the run
 * stops at the first input, so it times loading alone.
 */
export function withoutInputs(scenario: Pick<Scenario, 'inputs'>): Record<string, undefined> {
  const names = [...Object.keys(inputDefaults()), ...Object.keys(scenario.inputs())];
  return Object.fromEntries(names.map((name) => [inputEnvName(name), undefined]));
}
