import { afterEach, describe, expect, it } from 'vitest';
import { DevinClient, type DevinClientOptions, type Endpoint } from '../../src/devin/client.ts';
import { DevinApiError } from '../../src/devin/errors.ts';
import { awaitInsights, type InsightOptions } from '../../src/devin/insights.ts';
import { findUpdatedSince } from '../../src/devin/list-filters.ts';
import { findSessions, type SearchMode, type SearchPlan } from '../../src/devin/matching.ts';
import { v3PageSchema } from '../../src/devin/schemas.ts';
import { V3Api } from '../../src/devin/v3.ts';
import { CLOCK_SKEW_SECONDS } from '../../src/model/clock.ts';
import type { PullRequest } from '../../src/model/pull-request.ts';
import type { ReportedSession, Session } from '../../src/model/session.ts';
import { API_CONCURRENCY } from '../../src/util/concurrency.ts';
import { FakeClock } from '../fake-clock.ts';
import { sessionOf } from '../fake-session.ts';
import { type FakeDevinApi, type FakeDevinOptions, startFakeDevinApi } from '../fakes/devin-api.ts';
import {
  BASE_TIME,
  bulkSessions,
  DEFAULT_ORG_ID,
  type FakeSession,
  makeSession,
} from '../fakes/devin-data.ts';

const API_KEY = 'cog_s3cr3t_service_user_key_0123456789';
const EXPECTED_KEY = 'a service user credential (cog_…) for the v3 API';
const OTHER_ORG = 'org-7b2e9d1f0a3c4e58';
const LIST = '/v3/enterprise/sessions/insights';
const LIST_ENDPOINT = `GET ${LIST}`;
const PR_URL = 'https://github.com/acme/widgets/pull/42';
/** The pull request was created well after BASE_TIME, so sessions can lie on either side of the window. */
const PR_CREATED = BASE_TIME + 200_000;
const WINDOW_START = PR_CREATED - CLOCK_SKEW_SECONDS;

let api: FakeDevinApi | undefined;
let client: DevinClient | undefined;
let clock: FakeClock;
let retries: string[];

afterEach(async () => {
  await client?.close();
  await api?.close();
  client = undefined;
  api = undefined;
});

async function setUp(
  options: FakeDevinOptions = {},
  clientOptions: Partial<DevinClientOptions> = {},
): Promise<{ api: FakeDevinApi; client: DevinClient; source: V3Api }> {
  api = await startFakeDevinApi(options);
  clock = new FakeClock(PR_CREATED * 1000);
  retries = [];
  client = new DevinClient({
    baseUrl: api.url,
    apiKey: API_KEY,
    expectedKey: EXPECTED_KEY,
    clock,
    random: () => 0,
    onRetry: (message) => retries.push(message),
    ...clientOptions,
  });
  return { api, client, source: new V3Api(client, { kind: 'enterprise' }) };
}

function listEndpoint(query: Endpoint['query'] = {}): Endpoint {
  return { method: 'GET', path: LIST, query, permission: 'ViewAccountSessions (enterprise level)' };
}

async function failure(promise: Promise<unknown>): Promise<DevinApiError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(DevinApiError);
  return error as DevinApiError;
}

function listing(url: string, overrides: Partial<FakeSession> = {}): FakeSession {
  return makeSession({
    pull_requests: [{ pr_url: url, pr_state: 'open' }],
    created_at: PR_CREATED - 600,
    updated_at: PR_CREATED + 1_000,
    ...overrides,
  });
}

function pullRequest(overrides: Partial<PullRequest> = {}): PullRequest {
  return {
    owner: 'acme',
    repo: 'widgets',
    number: 42,
    url: PR_URL,
    body: '',
    createdAt: PR_CREATED,
    merged: false,
    labels: [],
    ...overrides,
  };
}

function linkTo(...sessions: FakeSession[]): string {
  return sessions
    .map((session) => `Link to Devin run: https://app.devin.ai/sessions/${session.session_id}`)
    .join('\n');
}

/** Unrelated sessions updated from before the window to long after it: 530 of them fall inside it. */
function crowd(): FakeSession[] {
  return bulkSessions(600, { startAt: WINDOW_START - 700, stepSeconds: 10 });
}

const ids = (sessions: readonly { id: string }[]) => sessions.map((session) => session.id);
/** A search as a run makes it, now being an hour after the pull request was created. */
const plan = (mode: SearchMode, overrides: Partial<SearchPlan> = {}): SearchPlan => ({
  mode,
  atMerge: false,
  now: PR_CREATED + 3_600,
  ...overrides,
});
const bare = (session: FakeSession) => session.session_id.replace(/^devin-/, '');

describe('DevinClient', () => {
  it('retries a 429 after the Retry-After it was given, then succeeds', async () => {
    const setup = await setUp({ sessions: [makeSession()] });
    setup.api.injectFault({
      kind: 'enterprise-list',
      status: 429,
      times: 2,
      headers: { 'retry-after': '3' },
    });
    const page = await setup.client.call(listEndpoint(), v3PageSchema());
    expect(page.items).toHaveLength(1);
    expect(clock.sleeps).toEqual([3000, 3000]);
    expect(setup.client.requestCount).toBe(3);
    expect(setup.api.countRequests()).toBe(3);
    expect(retries[0]).toContain(`429 to ${LIST_ENDPOINT}`);
    expect(retries[0]).toContain('Retrying in 3.0 s (attempt 2 of 5)');
  });

  it('gives up on a response that does not come within the response timeout, and retries it', async () => {
    // A short configured timeout stands in for the minute a real run allows (undici checks it about once a second).
    const setup = await setUp({ sessions: [makeSession()] }, { timeouts: { responseMs: 100 } });
    setup.api.injectFault({ kind: 'enterprise-list', status: 200, delayMs: 3_000 });
    const page = await setup.client.call(listEndpoint(), v3PageSchema());
    expect(page.items).toHaveLength(1);
    expect(setup.client.requestCount).toBe(2);
    expect(retries[0]).toMatch(/GET \/v3\/enterprise\/sessions\/insights.*timed out.*Retrying/i);
  });

  it('waits the whole Retry-After even when it is longer than the usual backoff cap', async () => {
    const setup = await setUp({ sessions: [makeSession()] });
    setup.api.injectFault({ kind: 'enterprise-list', status: 429, headers: { 'retry-after': '45' } });
    await setup.client.call(listEndpoint(), v3PageSchema());
    expect(clock.sleeps).toEqual([45_000]);
  });

  it('does not retry when the Retry-After would overrun the retry budget', async () => {
    const setup = await setUp({}, { retry: { budgetMs: 10_000 } });
    setup.api.injectFault({
      kind: 'enterprise-list',
      status: 429,
      times: 5,
      headers: { 'retry-after': '60' },
    });
    const error = await failure(setup.client.call(listEndpoint(), v3PageSchema()));
    expect(error.status).toBe(429);
    expect(clock.sleeps).toEqual([]);
    expect(setup.client.requestCount).toBe(1);
  });

  it('retries 500, 502, 503 and 504 with exponential backoff and resets of the connection', async () => {
    const setup = await setUp({ sessions: [makeSession()] }, { retry: { attempts: 6 } });
    for (const status of [500, 502, 503, 504]) setup.api.injectFault({ kind: 'enterprise-list', status });
    setup.api.injectFault({ kind: 'enterprise-list', reset: true });
    const page = await setup.client.call(listEndpoint(), v3PageSchema());
    expect(page.items).toHaveLength(1);
    expect(clock.sleeps).toEqual([500, 1000, 2000, 4000, 8000]);
    expect(setup.client.requestCount).toBe(6);
    expect(setup.api.requests.map((request) => request.status)).toEqual([500, 502, 503, 504, 0, 200]);
  });

  it('asks again from the start when the connection drops partway through a 200', async () => {
    const sessions = bulkSessions(20, { startAt: PR_CREATED });
    const setup = await setUp({ sessions });
    const body = JSON.stringify({ items: sessions, end_cursor: null, has_next_page: false });
    setup.api.injectFault({
      kind: 'enterprise-list',
      status: 200,
      body,
      cutAfterBytes: Math.floor(body.length / 2),
    });
    const page = await setup.client.call(listEndpoint(), v3PageSchema());
    expect(page.items).toHaveLength(20);
    expect(clock.sleeps).toEqual([500]);
    expect(setup.client.requestCount).toBe(2);
    expect(retries[0]).toContain(`${LIST_ENDPOINT} to the Devin API failed`);
    expect(setup.api.requests.map((request) => request.status)).toEqual([200, 200]);
  });

  it('gives up after the last attempt with an error naming the endpoint, the status and what to do', async () => {
    const setup = await setUp();
    setup.api.injectFault({
      kind: 'enterprise-list',
      status: 503,
      times: 10,
      body: '<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>',
    });
    const error = await failure(setup.client.call(listEndpoint(), v3PageSchema()));
    expect(error.endpoint).toBe(LIST_ENDPOINT);
    expect(error.status).toBe(503);
    expect(error.message).toContain(`The Devin API answered 503 to ${LIST_ENDPOINT}`);
    expect(error.message).toContain('text/html');
    expect(error.message).toMatch(/after 5 attempts/);
    expect(error.message).toMatch(/re-run/i);
    expect(setup.client.requestCount).toBe(5);
    expect(setup.api.countRequests('enterprise-list')).toBe(5);
    expect(clock.sleeps).toHaveLength(4);
  });

  it('explains a wrong key (401) without retrying', async () => {
    const setup = await setUp({}, { apiKey: 'apk_user_legacy_personal_key' });
    const error = await failure(setup.source.listByIds(['abc']));
    expect(error.status).toBe(401);
    expect(error.message).toBe(
      `The Devin API answered 401 to ${LIST_ENDPOINT}: the key in devin-api-key was rejected. Expected ${EXPECTED_KEY}; check that the secret is set and current.`,
    );
    expect(setup.client.requestCount).toBe(1);
  });

  it('names the missing permission on 403 and the missing session on 404', async () => {
    const session = makeSession();
    const setup = await setUp({ sessions: [session], forbidden: ['enterprise-list'] });
    const forbidden = await failure(setup.source.listByIds([session.session_id]));
    expect(forbidden.status).toBe(403);
    expect(forbidden.message).toContain('lacks the ViewAccountSessions (enterprise level) permission');

    const gone = { ...(await setup.source.get(sessionOf(session))), id: 'f00dfeed' };
    const notFound = await failure(setup.source.get(gone));
    expect(notFound.status).toBe(404);
    expect(notFound.endpoint).toBe('GET /v3/enterprise/sessions/devin-f00dfeed/insights');
    expect(notFound.message).toContain(`session devin-f00dfeed in org ${DEFAULT_ORG_ID} was not found`);
    expect(notFound.message).toContain('Check devin-org-id');
    expect(setup.client.requestCount).toBe(3);
  });

  it('quotes the validation details of a 422', async () => {
    const setup = await setUp();
    const error = await failure(
      setup.client.call(listEndpoint({ first: 500, updated_after: 'soon' }), v3PageSchema()),
    );
    expect(error.status).toBe(422);
    expect(error.message).toContain('the request was not valid');
    expect(error.message).toContain('query.first: must be <= 200');
    expect(error.message).toContain('query.updated_after: must be integer');
    expect(setup.client.requestCount).toBe(1);
    expect(setup.api.takeViolations()).toHaveLength(1);
  });

  it('never puts the API key into an error or retry message, even when the server echoes it', async () => {
    const setup = await setUp({ forbidden: ['generate'] }, { retry: { attempts: 2 } });
    const session = makeSession();
    setup.api.addSessions([session]);
    const messages: string[] = [];
    const collect = async (promise: Promise<unknown>) => messages.push((await failure(promise)).message);

    setup.api.injectFault({
      kind: 'enterprise-list',
      status: 400,
      body: `{"detail":"Bad token Bearer ${API_KEY}"}`,
    });
    await collect(setup.source.listByIds(['abc']));
    setup.api.injectFault({
      kind: 'enterprise-list',
      status: 502,
      times: 2,
      body: `<p>upstream rejected ${API_KEY}</p>`,
    });
    await collect(setup.source.listByIds(['abc']));
    await collect(setup.source.generate(sessionOf(session)));
    await collect(setup.source.get({ ...sessionOf(session), id: 'missing' }));
    await collect(setup.client.call(listEndpoint({ first: 0 }), v3PageSchema()));
    const badKey = new DevinClient({
      baseUrl: setup.api.url,
      apiKey: 'cog',
      expectedKey: EXPECTED_KEY,
      clock,
    });
    await collect(badKey.call(listEndpoint(), v3PageSchema())).finally(() => badKey.close());

    expect(messages).toHaveLength(6);
    expect(messages[0]).toContain('Bad token Bearer');
    for (const message of [...messages, ...retries]) expect(message).not.toContain(API_KEY);
    expect(setup.api.requests.every((request) => request.authorization?.startsWith('Bearer cog'))).toBe(true);
    expect(setup.api.takeViolations().map(({ request }) => request)).toEqual([
      'GET /v3/enterprise/sessions/insights?first=0',
    ]);
  });

  it('reports a 200 that is not JSON, or not the expected shape, without retrying', async () => {
    const setup = await setUp();
    setup.api.injectFault({ kind: 'enterprise-list', status: 200, body: '<html>Sign in</html>' });
    const html = await failure(setup.client.call(listEndpoint(), v3PageSchema()));
    expect(html.message).toBe(
      `The Devin API answered 200 to ${LIST_ENDPOINT} with a body that is not JSON (text/html: "<html>Sign in</html>"): that is not the Devin API's answer. Check devin-api-url, and any proxy or sign-in page in between.`,
    );
    setup.api.injectFault({ kind: 'enterprise-list', status: 200, body: '{"sessions":[]}' });
    const shape = await failure(setup.client.call(listEndpoint(), v3PageSchema()));
    expect(shape.message).toContain(`answer to ${LIST_ENDPOINT} is not what the action needs at items`);
    expect(setup.client.requestCount).toBe(2);
  });

  it('names the field when a listed session lacks its session_id', async () => {
    const setup = await setUp();
    const { session_id: _dropped, ...withoutId } = makeSession();
    setup.api.injectFault({
      kind: 'enterprise-list',
      status: 200,
      body: JSON.stringify({ items: [withoutId], end_cursor: null, has_next_page: false }),
    });
    const error = await failure(setup.source.listByIds(['abc']));
    expect(error.message).toBe(
      `The Devin API's answer to ${LIST_ENDPOINT} is not what the action needs at items[].session_id: session_id is missing. Check that devin-api-url is the Devin API's base URL.`,
    );
  });

  it('retries a refused connection and then says the request failed', async () => {
    const setup = await setUp({}, { retry: { attempts: 2 } });
    await setup.api.close();
    const error = await failure(setup.client.call(listEndpoint(), v3PageSchema()));
    expect(error.message).toContain(`The request ${LIST_ENDPOINT} to the Devin API failed (ECONNREFUSED)`);
    expect(error.status).toBeUndefined();
    expect(setup.client.requestCount).toBe(2);
    expect(clock.sleeps).toEqual([500]);
  });
});

describe('V3Api (enterprise scope)', () => {
  it('lists by ids with repeated session_ids, each once as the bare session ID, and maps to bare ids', async () => {
    const plain = makeSession();
    const prefixed = makeSession({ session_id: 'devin-0a1b2c3d4e5f' });
    const setup = await setUp({ sessions: [plain, prefixed, makeSession()] });
    const sessions = await setup.source.listByIds([`devin-${plain.session_id}`, '0a1b2c3d4e5f']);

    expect(ids(sessions).sort()).toEqual([plain.session_id, '0a1b2c3d4e5f'].sort());
    const [request] = setup.api.requests;
    expect(setup.api.countRequests()).toBe(1);
    expect(request?.path).toBe(LIST);
    expect(request?.query.getAll('session_ids')).toEqual([plain.session_id, '0a1b2c3d4e5f']);
    expect(request?.query.get('first')).toBe('200');
    expect(await setup.source.listByIds([])).toEqual([]);
    expect(setup.api.countRequests()).toBe(1);
  });

  it('maps every field of a v3 session, analysis included', async () => {
    const raw = makeSession({ session_id: 'devin-77aa', org_id: OTHER_ORG });
    const setup = await setUp({ sessions: [raw] });
    const [session] = await setup.source.listByIds(['77aa']);
    expect(session).toMatchObject({
      id: '77aa',
      url: raw.url,
      title: raw.title,
      status: raw.status,
      orgId: OTHER_ORG,
      createdAt: raw.created_at,
      updatedAt: raw.updated_at,
      acus: raw.acus_consumed,
      size: raw.session_size,
      userMessages: raw.num_user_messages,
      devinMessages: raw.num_devin_messages,
      pullRequests: [{ url: raw.pull_requests[0]?.pr_url, state: 'open' }],
    });
    expect(session?.analysis?.issues[0]).toMatchObject({
      impact: 'High',
      label: 'Environment',
      id: 'issue_1',
    });
    expect(session?.analysis?.actionItems.map((item) => item.type)).toEqual([
      'machine_setup',
      'repo_config',
      'knowledge',
      'prompt_improvement',
    ]);
    expect(session?.analysis?.classification?.languages).toEqual(['TypeScript', 'SQL']);
  });

  it('pages through every session updated since, 200 at a time, keeping only the wanted ones', async () => {
    const target = listing(PR_URL);
    const setup = await setUp({ sessions: [...crowd(), target] });
    const found = await findUpdatedSince(setup.source, WINDOW_START + 0.9, (urls) => urls.includes(PR_URL));

    expect(ids(found)).toEqual([target.session_id]);
    const lists = setup.api.requests.filter((request) => request.kind === 'enterprise-list');
    // Three pages are too few to slice; then one request for what was updated since the first page.
    expect(lists).toHaveLength(4);
    expect(lists.map((request) => request.query.get('first'))).toEqual(Array(4).fill('200'));
    expect(lists.slice(0, 3).map((request) => request.query.get('updated_after'))).toEqual(
      Array(3).fill(String(WINDOW_START)),
    );
    expect(lists[0]?.query.has('after')).toBe(false);
    expect(lists[1]?.query.get('after')).toBeTruthy();
    expect(lists[2]?.query.get('after')).not.toBe(lists[1]?.query.get('after'));
    const latest = Math.max(...[...setup.api.sessions.values()].map((session) => session.updated_at));
    expect(lists[3]?.query.get('updated_after')).toBe(String(latest - 1));
    expect(lists[3]?.query.has('after')).toBe(false);
  });

  it('asks what changed since the latest update of the first page when updated_at comes as an ISO string', async () => {
    const setup = await setUp();
    const updatedAt = WINDOW_START + 3_600;
    const target = { ...listing(PR_URL), updated_at: new Date(updatedAt * 1000).toISOString() };
    const page = (items: object[], cursor: string | null) =>
      JSON.stringify({ items, end_cursor: cursor, has_next_page: cursor !== null, total: 1 });
    setup.api.injectFault({ kind: 'enterprise-list', status: 200, body: page([target], 'page-2') });
    setup.api.injectFault({ kind: 'enterprise-list', status: 200, body: page([], null) });

    const found = await findUpdatedSince(setup.source, WINDOW_START, (urls) => urls.includes(PR_URL));

    expect(ids(found)).toEqual([target.session_id]);
    expect(found[0]?.updatedAt).toBe(updatedAt);
    const lists = setup.api.requests;
    expect(lists.map((request) => request.query.get('after'))).toEqual([null, 'page-2', null]);
    expect(lists[2]?.query.get('updated_after')).toBe(String(updatedAt - 1));
  });

  it('reads a large window in slices over created_at, then what changed since, missing no session updated meanwhile', async () => {
    const moved = listing(PR_URL, { created_at: WINDOW_START - 100, updated_at: WINDOW_START + 1 });
    const stays = listing(PR_URL, { created_at: PR_CREATED + 7_000, updated_at: PR_CREATED + 8_000 });
    const window = bulkSessions(3_000, { startAt: WINDOW_START + 2, stepSeconds: 10 });
    const setup = await setUp({ sessions: [...window, moved, stays] });
    const latest = Math.max(...window.map((session) => session.updated_at));
    let updated = false;
    setup.api.injectFault({
      // No fault: on the first second page of a slice, `moved` is updated, which puts it before the cursors.
      match: (request) => {
        if (!updated && request.query.has('after') && request.query.has('created_before')) {
          updated = true;
          setup.api.addSessions([{ ...moved, updated_at: latest + 50 }]);
        }
        return false;
      },
    });

    const found = await findUpdatedSince(setup.source, WINDOW_START, (urls) => urls.includes(PR_URL));

    expect(updated).toBe(true);
    expect(ids(found).sort()).toEqual([moved.session_id, stays.session_id].sort());
    expect(found.find((session) => session.id === moved.session_id)?.updatedAt).toBe(latest + 50);
    const lists = setup.api.requests;
    const slices = lists.filter(
      (request) => !request.query.has('after') && request.query.has('created_before'),
    );
    expect(slices.length).toBeGreaterThan(1);
    expect(slices.length).toBeLessThan(API_CONCURRENCY);
    const openAbove = lists.filter(
      (request) => request.query.has('created_after') && !request.query.has('created_before'),
    );
    expect(openAbove.length).toBeGreaterThan(0);
    expect(lists.at(-1)?.query.get('updated_after')).toBe(String(latest - 1));
    // The window's floor, plus one per listing after the first: the slices and what changed since.
    expect(lists.length).toBeLessThanOrEqual(Math.ceil(3_002 / 200) + slices.length + 2);
  });

  it('gets a session by its devin- id whichever form it holds, passing its org', async () => {
    const raw = makeSession({ org_id: OTHER_ORG });
    const setup = await setUp({ sessions: [raw] });
    for (const id of [raw.session_id, `devin-${raw.session_id}`]) {
      const session = await setup.source.get({ ...sessionOf(raw), id });
      expect(session.id).toBe(raw.session_id);
      expect(session.analysis?.timeline).toHaveLength(4);
    }
    expect(setup.api.requests.map((request) => `${request.path}?${request.query}`)).toEqual(
      Array(2).fill(`/v3/enterprise/sessions/devin-${raw.session_id}/insights?org_id=${OTHER_ORG}`),
    );
  });

  it("posts generate to the session's own organization with the devin- id", async () => {
    const raw = makeSession({ org_id: OTHER_ORG, analysis: null });
    const setup = await setUp({ sessions: [raw] });
    expect(await setup.source.generate(sessionOf(raw))).toBe('started');
    expect(await setup.source.generate({ ...sessionOf(raw), id: `devin-${raw.session_id}` })).toBe(
      'already_exists',
    );
    expect(
      setup.api.requests.map((request) => `${request.method} ${request.path} ${request.status}`),
    ).toEqual(
      Array(2).fill(
        `POST /v3/organizations/${OTHER_ORG}/sessions/devin-${raw.session_id}/insights/generate 200`,
      ),
    );
  });

  it('stays under the organization endpoints in org scope', async () => {
    const mine = makeSession({ org_id: OTHER_ORG });
    const setup = await setUp({ sessions: [mine, makeSession()] });
    const source = new V3Api(setup.client, { kind: 'org', orgId: OTHER_ORG });
    expect(ids(await findUpdatedSince(source, 0, () => true))).toEqual([mine.session_id]);
    await source.get(sessionOf(mine));
    expect(setup.api.requests.map((request) => request.kind)).toEqual(['org-list', 'org-get']);
  });
});

describe('findSessions', () => {
  it('takes the linked fast path with search linked: one list request filtered by the linked ids', async () => {
    const linked = listing(PR_URL);
    const followUp = listing(PR_URL);
    const setup = await setUp({ sessions: [...crowd(), linked, followUp] });
    const found = await findSessions(setup.source, pullRequest({ body: linkTo(linked) }), plan('linked'));

    expect(ids(found.sessions)).toEqual([linked.session_id]);
    expect(found.how).toBe('session links in the body');
    expect(setup.api.countRequests()).toBe(1);
    expect(setup.api.requests[0]?.query.getAll('session_ids')).toContain(linked.session_id);
    expect(setup.api.requests[0]?.query.has('updated_after')).toBe(false);
  });

  it('in auto, finds a follow-up session without a link, then lists only what changed since', async () => {
    const linked = listing(PR_URL, { created_at: PR_CREATED - 900 });
    const followUp = listing(PR_URL, { created_at: PR_CREATED + 600, updated_at: PR_CREATED + 1_200 });
    const setup = await setUp({ sessions: [linked, followUp] });
    const first = await findSessions(setup.source, pullRequest({ body: linkTo(linked) }), plan('auto'));

    expect(ids(first.sessions)).toEqual([linked.session_id, followUp.session_id]);
    expect(first.scannedAt).toBe(PR_CREATED + 3_600);
    expect(setup.api.requests.map((request) => request.query.has('session_ids'))).toEqual([true, false]);
    expect(Number(setup.api.requests[1]?.query.get('updated_after'))).toBe(WINDOW_START);

    // The next run: nothing changed since the first one listed; the increment costs one request.
    setup.api.requests.length = 0;
    const earlier = { sessionIds: ids(first.sessions), scannedAt: first.scannedAt };
    const next = await findSessions(
      setup.source,
      pullRequest({ body: linkTo(linked) }),
      plan('auto', { now: PR_CREATED + 7_200, earlier }),
    );
    expect(ids(next.sessions)).toEqual([linked.session_id, followUp.session_id]);
    expect(setup.api.countRequests()).toBe(2);
    expect(setup.api.requests[0]?.query.getAll('session_ids').sort()).toEqual(
      [linked.session_id, followUp.session_id].sort(),
    );
    expect(Number(setup.api.requests[1]?.query.get('updated_after'))).toBe(
      PR_CREATED + 3_600 - CLOCK_SKEW_SECONDS,
    );
  });

  it('names a linked session that the API does not return, in a warning and a note', async () => {
    const real = listing(PR_URL);
    const setup = await setUp({ sessions: [real] });
    const warnings: string[] = [];
    const found = await findSessions(
      setup.source,
      pullRequest({ body: `${linkTo(real)}\nLink to Devin run: https://app.devin.ai/sessions/0123abcd` }),
      plan('linked'),
      (message) => warnings.push(message),
    );
    expect(ids(found.sessions)).toEqual([real.session_id]);
    expect(warnings).toEqual([
      expect.stringMatching(/did not return 1 session linked .*0123abcd.*devin-org-id/),
    ]);
    expect(found.notes).toEqual(warnings);
  });

  it('does not fall back to the window scan when the key is refused', async () => {
    const setup = await setUp({ sessions: [listing(PR_URL)] });
    setup.api.injectFault({ kind: 'enterprise-list', status: 401, body: '{"detail":"bad key"}' });
    await expect(
      findSessions(setup.source, pullRequest({ body: linkTo(listing(PR_URL)) }), plan('auto')),
    ).rejects.toThrow(/401/);
    expect(setup.api.countRequests()).toBe(1);
  });

  it('scans the window among hundreds of unrelated sessions across several pages', async () => {
    const early = listing(PR_URL, { created_at: PR_CREATED - 4_000, updated_at: WINDOW_START + 5 });
    const late = listing(PR_URL, { created_at: PR_CREATED + 500, updated_at: PR_CREATED + 2_000 });
    const stale = listing(PR_URL, { updated_at: WINDOW_START - 1 });
    const setup = await setUp({ sessions: [...crowd(), late, stale, early] });
    const found = await findSessions(setup.source, pullRequest(), plan('window'));

    expect(ids(found.sessions)).toEqual([early.session_id, late.session_id]);
    expect(found.how).toBe('window scan');
    expect(setup.api.countRequests('enterprise-list')).toBe(4);
    expect(
      setup.api.requests.every((request) => Number(request.query.get('updated_after')) >= WINDOW_START),
    ).toBe(true);
  });

  it('matches every spelling of the pull request URL and nothing else', async () => {
    const spellings = [
      'https://github.com/acme/widgets/pulls/42',
      'https://github.com/ACME/Widgets/pull/42',
      'https://github.com/acme/widgets/pull/42/files',
      'HTTPS://GitHub.com/acme/widgets/pull/42/',
      'https://github.com/acme/widgets/pull/42?notification_referrer_id=1#discussion_r1',
      'https://api.github.com/repos/acme/widgets/pulls/42',
    ];
    const others = [
      'https://github.com/acme/widgets/pull/420',
      'https://github.com/acme/widgets/pull/4',
      'https://github.com/acme/widgets/issues/42',
      'https://github.com/acme/widgets-old/pull/42',
      'https://github.example.com/acme/widgets/pull/42',
    ];
    const matching = spellings.map((url) => listing(url));
    const setup = await setUp({ sessions: [...matching, ...others.map((url) => listing(url))] });

    const scanned = await findSessions(setup.source, pullRequest(), plan('window'));
    expect(ids(scanned.sessions).sort()).toEqual(matching.map(bare).sort());
    const linked = await findSessions(
      setup.source,
      pullRequest({ body: linkTo(...matching) }),
      plan('linked'),
    );
    expect(ids(linked.sessions).sort()).toEqual(matching.map(bare).sort());
  });

  it('does not count a linked session that does not list the pull request', async () => {
    const intruder = listing('https://github.com/other-team/secret/pull/42');
    const real = listing(PR_URL);
    const setup = await setUp({ sessions: [intruder, real] });
    const body = linkTo(intruder);

    const linkedOnly = await findSessions(setup.source, pullRequest({ body }), plan('linked'));
    expect(linkedOnly.sessions).toEqual([]);
    expect(setup.api.countRequests()).toBe(1);

    const auto = await findSessions(setup.source, pullRequest({ body }), plan('auto'));
    expect(ids(auto.sessions)).toEqual([real.session_id]);
    expect(auto.how).toBe(
      'session links and earlier findings, and the sessions updated since the pull request was created',
    );
    expect(setup.api.countRequests()).toBe(3);
  });

  it('with search linked and no link in the body, finds nothing without a request', async () => {
    const setup = await setUp({ sessions: [listing(PR_URL)] });
    const found = await findSessions(setup.source, pullRequest(), plan('linked'));
    expect(found.sessions).toEqual([]);
    expect(setup.api.countRequests()).toBe(0);
  });

  it('on a merge, auto adds the follow-up sessions of the window scan and looks up only links it missed', async () => {
    const linked = listing(PR_URL, { created_at: PR_CREATED - 900 });
    const followUp = listing(PR_URL, { created_at: PR_CREATED + 3_000, updated_at: PR_CREATED + 4_000 });
    const outside = listing(PR_URL, { created_at: PR_CREATED - 9_000, updated_at: WINDOW_START - 60 });
    const setup = await setUp({ sessions: [...crowd(), linked, followUp, outside] });

    const found = await findSessions(
      setup.source,
      pullRequest({ body: linkTo(linked), merged: true }),
      plan('auto', { atMerge: true }),
    );
    expect(ids(found.sessions)).toEqual([linked.session_id, followUp.session_id]);
    expect(found.how).toBe('window scan (at the merge)');
    expect(setup.api.requests.some((request) => request.query.has('session_ids'))).toBe(false);

    setup.api.requests.length = 0;
    const withOld = await findSessions(
      setup.source,
      pullRequest({ body: linkTo(linked, outside), merged: true }),
      plan('auto', { atMerge: true }),
    );
    expect(ids(withOld.sessions)).toEqual([outside.session_id, linked.session_id, followUp.session_id]);
    const byIds = setup.api.requests.filter((request) => request.query.has('session_ids'));
    expect(byIds).toHaveLength(1);
    expect(byIds[0]?.query.getAll('session_ids')).toEqual([outside.session_id]);
  });

  it('on a merge, keeps the sessions of the window scan with a warning when the missed links cannot be looked up', async () => {
    const linked = listing(PR_URL, { created_at: PR_CREATED - 900 });
    const followUp = listing(PR_URL, { created_at: PR_CREATED + 3_000, updated_at: PR_CREATED + 4_000 });
    const outside = listing(PR_URL, { created_at: PR_CREATED - 9_000, updated_at: WINDOW_START - 60 });
    const setup = await setUp({ sessions: [...crowd(), linked, followUp, outside] });
    setup.api.injectFault({
      kind: 'enterprise-list',
      match: (request) => request.query.has('session_ids'),
      status: 431,
      body: JSON.stringify({ detail: 'Request Header Fields Too Large' }),
    });
    const warnings: string[] = [];

    const found = await findSessions(
      setup.source,
      pullRequest({ body: linkTo(linked, outside), merged: true }),
      plan('auto', { atMerge: true }),
      (message) => warnings.push(message),
    );

    expect(ids(found.sessions)).toEqual([linked.session_id, followUp.session_id]);
    expect(found.how).toBe('window scan (at the merge)');
    expect(warnings).toEqual([
      expect.stringMatching(
        /^The Devin API answered 431 to GET \/v3\/enterprise\/sessions\/insights.*Keeping the sessions the window scan found\.$/,
      ),
    ]);
  });
});

describe('awaitInsights', () => {
  function insightOptions(overrides: Partial<InsightOptions> = {}) {
    const warnings: string[] = [];
    const infos: string[] = [];
    const progress: ReportedSession[][] = [];
    const options: InsightOptions = {
      generate: 'always',
      merged: false,
      waitTimeoutSeconds: 300,
      pollIntervalSeconds: 10,
      clock,
      warn: (message) => warnings.push(message),
      info: (message) => infos.push(message),
      onProgress: async (sessions) => void progress.push(sessions),
      ...overrides,
    };
    return { options, warnings, infos, progress };
  }

  const states = (reported: ReportedSession[]) => reported.map((entry) => [entry.session.id, entry.insight]);

  async function mapped(source: V3Api, ...raw: FakeSession[]): Promise<Session[]> {
    const sessions = await source.listByIds(raw.map(bare));
    return raw.map((session) => sessions.find((found) => found.id === bare(session)) as Session);
  }

  it('asks for the analysis, reads it at once, then polls with backoff until it arrives', async () => {
    const raw = makeSession({ analysis: null });
    const setup = await setUp({ sessions: [raw], generation: { [raw.session_id]: { readsUntilReady: 4 } } });
    const sessions = await mapped(setup.source, raw);
    const { options, progress, warnings } = insightOptions();

    const reported = await awaitInsights(setup.source, sessions, options);
    expect(states(reported)).toEqual([[raw.session_id, 'ready']]);
    expect(reported[0]?.session.analysis?.issues).toHaveLength(3);
    expect(clock.sleeps).toEqual([10_000, 15_000, 22_500]);
    expect(setup.api.countRequests('generate')).toBe(1);
    expect(setup.api.countRequests('enterprise-get')).toBe(4);
    expect(progress.map(states)).toEqual([[[raw.session_id, 'pending']]]);
    expect(warnings).toEqual([]);
  });

  it('polls several sessions with one list request per round, reporting each arrival', async () => {
    const fast = makeSession({ analysis: null, created_at: BASE_TIME });
    const slow = makeSession({ analysis: null, created_at: BASE_TIME + 1 });
    const done = makeSession();
    const setup = await setUp({
      sessions: [fast, slow, done],
      generation: { [fast.session_id]: { readsUntilReady: 1 }, [slow.session_id]: { readsUntilReady: 2 } },
    });
    const sessions = await mapped(setup.source, fast, slow, done);
    setup.api.requests.length = 0;
    const { options, progress } = insightOptions();

    const reported = await awaitInsights(setup.source, sessions, options);
    expect(states(reported)).toEqual([
      [fast.session_id, 'ready'],
      [slow.session_id, 'ready'],
      [done.session_id, 'ready'],
    ]);
    expect(setup.api.requests.map((request) => request.kind)).toEqual([
      'generate',
      'generate',
      'enterprise-list',
      'enterprise-get',
    ]);
    expect(setup.api.requests[2]?.query.getAll('session_ids')).toHaveLength(2);
    expect(progress.map(states)).toEqual([
      [
        [fast.session_id, 'pending'],
        [slow.session_id, 'pending'],
        [done.session_id, 'ready'],
      ],
      [
        [fast.session_id, 'ready'],
        [slow.session_id, 'pending'],
        [done.session_id, 'ready'],
      ],
    ]);
  });

  it('reports timed-out when the analysis never arrives within wait-timeout', async () => {
    const raw = makeSession({ analysis: null });
    const setup = await setUp({
      sessions: [raw],
      generation: { [raw.session_id]: { readsUntilReady: 'never' } },
    });
    const sessions = await mapped(setup.source, raw);
    const started = clock.now();
    const { options, infos } = insightOptions({ waitTimeoutSeconds: 60 });

    const reported = await awaitInsights(setup.source, sessions, options);
    expect(states(reported)).toEqual([[raw.session_id, 'timed-out']]);
    expect(reported[0]?.session.analysis).toBeNull();
    expect(clock.now() - started).toBe(60_000);
    expect(clock.sleeps).toEqual([10_000, 15_000, 22_500, 12_500]);
    expect(setup.api.countRequests('enterprise-get')).toBe(5);
    expect(infos.some((message) => message.includes(`No analysis after 60 s for ${raw.session_id}`))).toBe(
      true,
    );
  });

  it('with wait-timeout 0 asks for the analysis but does not wait for it', async () => {
    const raw = makeSession({ analysis: null });
    const setup = await setUp({ sessions: [raw] });
    const sessions = await mapped(setup.source, raw);
    const { options, progress } = insightOptions({ waitTimeoutSeconds: 0 });

    const reported = await awaitInsights(setup.source, sessions, options);
    expect(states(reported)).toEqual([[raw.session_id, 'timed-out']]);
    expect(setup.api.countRequests('generate')).toBe(1);
    expect(setup.api.countRequests('enterprise-get')).toBe(0);
    expect(clock.sleeps).toEqual([]);
    expect(progress).toEqual([]);
  });

  it('with generate never asks for nothing and leaves the analysis missing', async () => {
    const raw = makeSession({ analysis: null });
    const done = makeSession();
    const setup = await setUp({ sessions: [raw, done] });
    const sessions = await mapped(setup.source, raw, done);
    setup.api.requests.length = 0;
    const { options } = insightOptions({ generate: 'never' });

    const reported = await awaitInsights(setup.source, sessions, options);
    expect(states(reported)).toEqual([
      [raw.session_id, 'missing'],
      [done.session_id, 'ready'],
    ]);
    expect(setup.api.countRequests()).toBe(0);
    expect(clock.sleeps).toEqual([]);
  });

  it.each([
    [false, ['working', 'ready'], 1],
    [true, ['ready', 'ready'], 2],
  ] as const)(
    'with generate auto on a pull request merged: %s, asks for settled sessions only until the merge',
    async (merged, expected, generated) => {
      const busy = makeSession({ analysis: null, status: 'running', status_detail: 'working' });
      const settled = makeSession({ analysis: null, status: 'suspended', status_detail: 'inactivity' });
      const setup = await setUp({ sessions: [busy, settled] });
      const sessions = await mapped(setup.source, busy, settled);
      setup.api.requests.length = 0;
      const { options, infos } = insightOptions({ generate: 'auto', merged });

      const reported = await awaitInsights(setup.source, sessions, options);
      expect(states(reported)).toEqual([
        [busy.session_id, expected[0]],
        [settled.session_id, expected[1]],
      ]);
      expect(setup.api.countRequests('generate')).toBe(generated);
      expect(infos.some((line) => line.includes('still working'))).toBe(!merged);
    },
  );

  it('warns and carries on when generation cannot be asked for', async () => {
    const refused = makeSession({ analysis: null });
    const gone = makeSession({ analysis: null });
    const fine = makeSession({ analysis: null });
    const setup = await setUp({ sessions: [refused, gone, fine] });
    const sessions = await mapped(setup.source, refused, gone, fine);
    setup.api.injectFault({
      kind: 'generate',
      status: 403,
      match: (request) => request.path.includes(refused.session_id),
    });
    setup.api.sessions.delete(gone.session_id);
    const { options, warnings } = insightOptions();

    const reported = await awaitInsights(setup.source, sessions, options);
    expect(states(reported)).toEqual([
      [refused.session_id, 'missing'],
      [gone.session_id, 'missing'],
      [fine.session_id, 'ready'],
    ]);
    expect(warnings).toHaveLength(2);
    expect(warnings.find((message) => message.includes(refused.session_id))).toContain(
      'lacks the ManageOrgSessions (organization level) permission',
    );
    expect(warnings.find((message) => message.includes(gone.session_id))).toContain('was not found');
    for (const message of warnings) expect(message).toContain('Set generate: never to skip this step.');
  });

  it('warns about a failed poll and keeps waiting', async () => {
    const raw = makeSession({ analysis: null });
    const setup = await setUp({ sessions: [raw] }, { retry: { attempts: 1 } });
    const sessions = await mapped(setup.source, raw);
    setup.api.injectFault({ kind: 'enterprise-get', status: 500 });
    const { options, warnings } = insightOptions();

    const reported = await awaitInsights(setup.source, sessions, options);
    expect(states(reported)).toEqual([[raw.session_id, 'ready']]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^Polling for insights failed: The Devin API answered 500 .* Waiting on\.$/);
    expect(setup.api.countRequests('enterprise-get')).toBe(2);
  });
});
