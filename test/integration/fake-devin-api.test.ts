import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeDevinApi, type FakeDevinOptions, startFakeDevinApi } from '../fakes/devin-api.ts';
import {
  BASE_TIME,
  bulkSessions,
  DEFAULT_ORG_ID,
  type FakeSession,
  makeSession,
} from '../fakes/devin-data.ts';

const V3_KEY = 'cog_fake_service_user';
const V2_KEY = 'apk_user_fake_admin';
const OTHER_ORG = 'org-7b2e9d1f0a3c4e58';

interface Page {
  items: { session_id: string; analysis?: unknown; pull_requests?: unknown[]; updated_at?: number }[];
  end_cursor: string | null;
  has_next_page: boolean;
  total: number;
}

interface ValidationError {
  detail: { type: string; loc: string[]; msg: string; input: string }[];
}

describe('fake Devin API', () => {
  let api: FakeDevinApi | undefined;

  async function start(options: FakeDevinOptions = {}): Promise<FakeDevinApi> {
    api = await startFakeDevinApi(options);
    return api;
  }

  function get(path: string, key = V3_KEY): Promise<Response> {
    return fetch(`${api?.url}${path}`, { headers: { authorization: `Bearer ${key}` } });
  }

  function post(path: string, key = V3_KEY): Promise<Response> {
    return fetch(`${api?.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${key}` } });
  }

  async function page(query: string): Promise<Page> {
    const response = await get(`/v3/enterprise/sessions/insights?${query}`);
    expect(response.status).toBe(200);
    return (await response.json()) as Page;
  }

  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  describe('v3 list', () => {
    let sessions: FakeSession[];

    beforeEach(async () => {
      sessions = bulkSessions(5, { startAt: BASE_TIME, stepSeconds: 60 });
      await start({ sessions });
    });

    it('pages with first/after following end_cursor until has_next_page is false, newest first', async () => {
      const seen: string[] = [];
      const pages: Page[] = [];
      let after: string | null = null;
      do {
        const current: Page = await page(`first=2${after ? `&after=${encodeURIComponent(after)}` : ''}`);
        pages.push(current);
        seen.push(...current.items.map((item) => item.session_id));
        after = current.has_next_page ? current.end_cursor : null;
      } while (after);

      expect(pages.map((current) => current.items.length)).toEqual([2, 2, 1]);
      expect(pages.map((current) => current.has_next_page)).toEqual([true, true, false]);
      expect(pages[2]?.end_cursor).toBeNull();
      expect(pages.every((current) => current.total === 5)).toBe(true);
      expect(seen).toEqual(sessions.map((session) => session.session_id).reverse());
    });

    it('answers 100 items by default when first is absent', async () => {
      api?.addSessions(bulkSessions(150, { startAt: BASE_TIME + 10_000 }));
      const current = await page('');
      expect(current.items).toHaveLength(100);
      expect(current.has_next_page).toBe(true);
      expect(current.total).toBe(155);
    });

    it('filters by repeated session_ids keys, in either id form, ignoring unknown ids', async () => {
      const [a, , c] = sessions as [FakeSession, FakeSession, FakeSession];
      const current = await page(
        `session_ids=${a.session_id}&session_ids=devin-${c.session_id}&session_ids=devin-unknown`,
      );
      expect(current.items.map((item) => item.session_id).sort()).toEqual(
        [a.session_id, c.session_id].sort(),
      );
      expect(current.total).toBe(2);
    });

    it('filters updated_after/updated_before inclusively on integer Unix seconds', async () => {
      const current = await page(`updated_after=${BASE_TIME + 60}&updated_before=${BASE_TIME + 180}`);
      expect(current.items.map((item) => item.updated_at)).toEqual([
        BASE_TIME + 180,
        BASE_TIME + 120,
        BASE_TIME + 60,
      ]);
      const created = await page(`created_after=${BASE_TIME + 240 - 900}`);
      expect(created.items.map((item) => item.session_id)).toEqual([sessions[4]?.session_id]);
    });

    it('answers 422 in the FastAPI shape for first over 200 or under 1', async () => {
      for (const first of ['201', '0']) {
        const response = await get(`/v3/enterprise/sessions/insights?first=${first}`);
        expect(response.status).toBe(422);
        const body = (await response.json()) as ValidationError;
        expect(body.detail[0]).toMatchObject({ loc: ['query', 'first'], input: first });
      }
      expect((await get('/v3/enterprise/sessions/insights?first=200')).status).toBe(200);
      expect(api?.takeViolations().map(({ side }) => side)).toEqual(['request', 'request']);
    });

    it('answers 422 for timestamps that are not integers and for cursors it never issued', async () => {
      for (const query of [
        'updated_after=2025-10-01T00:00:00Z',
        'created_before=1759276800.5',
        'after=bogus',
      ]) {
        const response = await get(`/v3/enterprise/sessions/insights?${query}`);
        expect(response.status, query).toBe(422);
        const body = (await response.json()) as ValidationError;
        expect(body.detail[0]?.loc, query).toEqual(['query', query.split('=')[0]]);
      }
      // A cursor the server never issued is well-formed by the documents: only the two timestamps break them.
      expect(api?.takeViolations()).toHaveLength(2);
    });
  });

  describe('v3 get and org scope', () => {
    let session: FakeSession;
    let other: FakeSession;

    beforeEach(async () => {
      session = makeSession();
      other = makeSession({ org_id: OTHER_ORG });
      await start({ sessions: [session, other] });
    });

    it('finds a session only by its devin- prefixed id, and 404s for the bare id', async () => {
      const found = await get(`/v3/enterprise/sessions/devin-${session.session_id}/insights`);
      expect(found.status).toBe(200);
      expect(await found.json()).toMatchObject({ session_id: session.session_id, org_id: DEFAULT_ORG_ID });
      const bare = await get(`/v3/enterprise/sessions/${session.session_id}/insights`);
      expect(bare.status).toBe(404);
      expect(await bare.json()).toEqual({ detail: 'Session not found' });
    });

    it('checks the org_id query on enterprise get and keeps org endpoints to their org', async () => {
      const id = `devin-${other.session_id}`;
      expect((await get(`/v3/enterprise/sessions/${id}/insights?org_id=${OTHER_ORG}`)).status).toBe(200);
      expect((await get(`/v3/enterprise/sessions/${id}/insights?org_id=${DEFAULT_ORG_ID}`)).status).toBe(404);
      expect((await get(`/v3/organizations/${DEFAULT_ORG_ID}/sessions/${id}/insights`)).status).toBe(404);
      const response = await get(`/v3/organizations/${OTHER_ORG}/sessions/insights`);
      const list = (await response.json()) as Page;
      expect(list.items.map((item) => item.session_id)).toEqual([other.session_id]);
    });
  });

  describe('auth', () => {
    beforeEach(async () => {
      await start({ sessions: [makeSession()], forbidden: ['generate', 'v2-list'] });
    });

    it('answers 401 for a missing key or the wrong kind of key for the API version', async () => {
      const v3 = '/v3/enterprise/sessions/insights';
      const v2 = `/v2/enterprise/organizations/${DEFAULT_ORG_ID}/sessions/insights`;
      const wrongKind = await get(v3, V2_KEY);
      expect(wrongKind.status).toBe(401);
      expect(wrongKind.headers.get('www-authenticate')).toBe('Bearer');
      expect(await wrongKind.json()).toEqual({ detail: 'Invalid API key' });
      expect((await get(v2, V3_KEY)).status).toBe(401);
      const anonymous = await fetch(`${api?.url}${v3}`);
      expect(anonymous.status).toBe(401);
      expect(await anonymous.json()).toEqual({ detail: 'Not authenticated' });
      expect((await get(v3, V3_KEY)).status).toBe(200);
    });

    it('answers 403 naming the missing permission for forbidden kinds only', async () => {
      const [session] = [...(api?.sessions.values() ?? [])] as [FakeSession];
      const generate = await post(
        `/v3/organizations/${DEFAULT_ORG_ID}/sessions/devin-${session.session_id}/insights/generate`,
      );
      expect(generate.status).toBe(403);
      expect(await generate.json()).toEqual({ detail: 'Missing required permission: ManageOrgSessions' });
      const v2 = await get(`/v2/enterprise/organizations/${DEFAULT_ORG_ID}/sessions/insights`, V2_KEY);
      expect(v2.status).toBe(403);
      expect((await get(`/v3/enterprise/sessions/devin-${session.session_id}/insights`)).status).toBe(200);
    });

    it('records every request with its kind, status and authorization; 404 and 405 for unknown routes', async () => {
      expect((await get('/v3/enterprise/nothing')).status).toBe(404);
      expect(
        (await get(`/v3/organizations/${DEFAULT_ORG_ID}/sessions/devin-x/insights/generate`)).status,
      ).toBe(405);
      await get('/v3/enterprise/sessions/insights?session_ids=a&session_ids=b');
      expect(api?.requests.map(({ kind, status }) => ({ kind, status }))).toEqual([
        { kind: 'unknown', status: 404 },
        { kind: 'generate', status: 405 },
        { kind: 'enterprise-list', status: 200 },
      ]);
      expect(api?.requests[2]?.query.getAll('session_ids')).toEqual(['a', 'b']);
      expect(api?.requests[2]?.authorization).toBe(`Bearer ${V3_KEY}`);
      expect(api?.countRequests('enterprise-list')).toBe(1);
      expect(api?.countRequests()).toBe(3);
      expect(api?.takeViolations().map(({ request }) => request.split('?')[0])).toEqual([
        'GET /v3/enterprise/nothing',
        `GET /v3/organizations/${DEFAULT_ORG_ID}/sessions/devin-x/insights/generate`,
      ]);
    });
  });

  describe('v2 list', () => {
    it('filters updated_date_from with ISO 8601, pages with skip/limit and rejects non-dates', async () => {
      const sessions = bulkSessions(5, { startAt: BASE_TIME, stepSeconds: 3600 });
      await start({ sessions });
      const path = `/v2/enterprise/organizations/${DEFAULT_ORG_ID}/sessions/insights`;
      const since = new Date((BASE_TIME + 3600) * 1000).toISOString();
      const response = await get(`${path}?updated_date_from=${since}&limit=3&skip=1`, V2_KEY);
      expect(response.status).toBe(200);
      const body = (await response.json()) as {
        items: { session_id: string; updated_at: string; pull_requests: unknown[] }[];
        total: number;
        has_more: boolean;
      };
      expect(body.total).toBe(4);
      expect(body.has_more).toBe(false);
      expect(body.items.map((item) => item.session_id)).toEqual(
        [sessions[3], sessions[2], sessions[1]].map((session) => session?.session_id),
      );
      expect(body.items[0]?.updated_at).toBe(
        new Date((BASE_TIME + 3 * 3600) * 1000).toISOString().replace('.000Z', 'Z'),
      );
      expect(body.items.find((item) => item.pull_requests.length > 0)?.pull_requests[0]).toHaveProperty(
        'url',
      );

      const invalid = await get(`${path}?updated_date_from=yesterday`, V2_KEY);
      expect(invalid.status).toBe(422);
      expect(((await invalid.json()) as ValidationError).detail[0]?.loc).toEqual([
        'query',
        'updated_date_from',
      ]);
      expect(api?.takeViolations()).toHaveLength(1);
    });
  });

  describe('generation', () => {
    const generatePath = (session: FakeSession, orgId = session.org_id) =>
      `/v3/organizations/${orgId}/sessions/devin-${session.session_id}/insights/generate`;
    const read = async (session: FakeSession) => {
      const response = await get(`/v3/enterprise/sessions/devin-${session.session_id}/insights`);
      return ((await response.json()) as { analysis: unknown }).analysis;
    };

    it('starts generation once; the analysis shows on the planned read, list reads included', async () => {
      const session = makeSession({ analysis: null });
      await start({
        sessions: [session],
        generation: { [`devin-${session.session_id}`]: { readsUntilReady: 3 } },
      });
      const started = await post(generatePath(session));
      expect(started.status).toBe(200);
      expect(await started.json()).toEqual({ session_id: session.session_id, status: 'started' });
      const again = await post(generatePath(session));
      expect(await again.json()).toEqual({ session_id: session.session_id, status: 'already_exists' });

      expect(await read(session)).toBeNull();
      const listed = await page(`session_ids=${session.session_id}`);
      expect(listed.items[0]?.analysis).toBeNull();
      expect(await read(session)).toMatchObject({
        issues: expect.any(Array),
        action_items: expect.any(Array),
      });
    });

    it("never produces an analysis under readsUntilReady 'never'; 404 for another org or a bare id", async () => {
      const session = makeSession({ analysis: null });
      await start({
        sessions: [session],
        generation: { [session.session_id]: { readsUntilReady: 'never' } },
      });
      expect((await post(generatePath(session, OTHER_ORG))).status).toBe(404);
      expect(
        (await post(`/v3/organizations/${session.org_id}/sessions/${session.session_id}/insights/generate`))
          .status,
      ).toBe(404);
      expect((await post(generatePath(session))).status).toBe(200);
      for (let index = 0; index < 10; index++) expect(await read(session)).toBeNull();
    });

    it('answers already_exists for a session that has its analysis, and uses the planned analysis', async () => {
      const analysed = makeSession();
      const fresh = makeSession({ analysis: null });
      await start({
        sessions: [analysed, fresh],
        generation: {
          [fresh.session_id]: { readsUntilReady: 0, analysis: { issues: [], marker: 'planned' } },
        },
      });
      expect(await (await post(generatePath(analysed))).json()).toMatchObject({ status: 'already_exists' });
      expect(await (await post(generatePath(fresh))).json()).toMatchObject({ status: 'started' });
      expect(await read(fresh)).toEqual({ issues: [], marker: 'planned' });
    });
  });

  describe('faults', () => {
    it('answers injected faults with their status and Retry-After the given number of times, then normally', async () => {
      await start({ sessions: [makeSession()] });
      api?.injectFault({ kind: 'enterprise-list', status: 429, times: 2, headers: { 'retry-after': '7' } });
      const statuses: number[] = [];
      for (let index = 0; index < 3; index++) {
        const response = await get('/v3/enterprise/sessions/insights');
        statuses.push(response.status);
        if (response.status === 429) {
          expect(response.headers.get('retry-after')).toBe('7');
          expect(await response.json()).toEqual({ detail: 'Too Many Requests' });
        } else await response.body?.cancel();
      }
      expect(statuses).toEqual([429, 429, 200]);
      expect(api?.requests.map((request) => request.status)).toEqual([429, 429, 200]);
    });

    it('applies faults only to matching requests, serves raw HTML bodies and resets connections', async () => {
      await start({ sessions: [makeSession()] });
      api?.injectFault({ match: (request) => request.query.has('after'), status: 503 });
      api?.injectFault({
        kind: 'enterprise-get',
        status: 502,
        body: '<html><body>Bad gateway</body></html>',
      });
      api?.injectFault({ kind: 'org-list', reset: true });

      expect((await get('/v3/enterprise/sessions/insights')).status).toBe(200);
      const html = await get('/v3/enterprise/sessions/devin-x/insights');
      expect(html.status).toBe(502);
      expect(html.headers.get('content-type')).toContain('text/html');
      expect(await html.text()).toContain('Bad gateway');
      await expect(get(`/v3/organizations/${DEFAULT_ORG_ID}/sessions/insights`)).rejects.toThrow();
      expect(api?.requests.at(-1)).toMatchObject({ kind: 'org-list', status: 0 });
      // The first fault is still queued: it waited for a request with an `after` parameter.
      expect((await get('/v3/enterprise/sessions/insights?after=x')).status).toBe(503);
    });
  });
});
