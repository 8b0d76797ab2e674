import { afterEach, describe, expect, it } from 'vitest';
import { DevinClient } from '../../src/devin/client.ts';
import { V3Api } from '../../src/devin/v3.ts';
import { systemClock } from '../../src/model/clock.ts';
import { sessionOf } from '../fake-session.ts';
import { type FakeDevinApi, type FakeDevinOptions, startFakeDevinApi } from '../fakes/devin-api.ts';
import { DEFAULT_ORG_ID, type FakeSession, makeSession } from '../fakes/devin-data.ts';

const V3_KEY = 'cog_contract_service_user';
const V2_KEY = 'apk_user_contract_admin';
const V2_LIST = `/v2/enterprise/organizations/${DEFAULT_ORG_ID}/sessions/insights`;

let api: FakeDevinApi | undefined;

afterEach(async () => {
  await api?.close();
  api = undefined;
});

async function start(options: FakeDevinOptions = {}): Promise<FakeDevinApi> {
  api = await startFakeDevinApi(options);
  return api;
}

function send(path: string, init: RequestInit = {}, key = V3_KEY): Promise<Response> {
  return fetch(`${api?.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${key}`, ...init.headers },
  });
}

function generatePath(session: FakeSession): string {
  return `/v3/organizations/${session.org_id}/sessions/devin-${session.session_id}/insights/generate`;
}

describe('the documented contract, enforced by the fake Devin API', () => {
  it('refuses a generate request with a body: the document defines none', async () => {
    const session = makeSession({ analysis: null });
    const fake = await start({ sessions: [session] });

    const response = await send(generatePath(session), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });

    expect(response.status).toBe(422);
    const { detail } = (await response.json()) as { detail: { loc: string[] }[] };
    expect(detail.map(({ loc }) => loc)).toEqual([['body'], ['body']]);
    const [violation] = fake.takeViolations();
    expect(violation?.side).toBe('request');
    expect(violation?.problems.join('\n')).toContain('content-type is application/json');
    expect(session.analysis).toBeNull();
  });

  it('gets the generate request of the client without a body or content type', async () => {
    const session = makeSession({ analysis: null });
    const fake = await start({ sessions: [session] });
    const client = new DevinClient({
      baseUrl: fake.url,
      apiKey: V3_KEY,
      expectedKey: 'a cog_ key',
      clock: systemClock,
    });
    try {
      const status = await new V3Api(client, { kind: 'enterprise' }).generate(sessionOf(session));
      expect(status).toBe('started');
    } finally {
      await client.close();
    }
    expect(
      fake.requests.map(({ method, status, body, contentType }) => ({ method, status, body, contentType })),
    ).toEqual([{ method: 'POST', status: 200, body: '', contentType: undefined }]);
    expect(fake.violations).toEqual([]);
  });

  it('refuses unknown query parameters, a repeated single-valued one, and org_ids at organization scope', async () => {
    const fake = await start({ sessions: [makeSession()] });
    const refused = [
      '/v3/enterprise/sessions/insights?limit=10',
      '/v3/enterprise/sessions/insights?first=10&first=20',
      `/v3/organizations/${DEFAULT_ORG_ID}/sessions/insights?org_ids=${DEFAULT_ORG_ID}`,
      '/v3/enterprise/sessions/insights?origins=carrier_pigeon',
      '/v3/enterprise/sessions/insights?include_deleted_orgs=maybe',
    ];
    for (const path of refused) expect((await send(path)).status, path).toBe(422);
    expect(fake.takeViolations().map(({ request }) => request)).toEqual(refused.map((path) => `GET ${path}`));

    const accepted = [
      `/v3/enterprise/sessions/insights?org_ids=${DEFAULT_ORG_ID}&org_ids=org-2&first=200&include_deleted_orgs=true`,
      `/v3/organizations/${DEFAULT_ORG_ID}/sessions/insights?session_ids=a&session_ids=b&origins=api&updated_after=0`,
    ];
    for (const path of accepted) expect((await send(path)).status, path).toBe(200);
    const v2 = await send(
      `${V2_LIST}?skip=0&limit=200&updated_date_from=2025-10-01T00:00:00.000Z`,
      {},
      V2_KEY,
    );
    expect(v2.status).toBe(200);
    expect(fake.violations).toEqual([]);
  });

  it('accepts every documented spelling of v2 pull requests', async () => {
    for (const spelling of ['v2', 'v3', 'both'] as const) {
      const fake = await start({ sessions: [makeSession()], v2PullRequestSpelling: spelling });
      const page = (await (await send(V2_LIST, {}, V2_KEY)).json()) as {
        items: { pull_requests: object[] }[];
      };
      expect(page.items[0]?.pull_requests.length, spelling).toBeGreaterThan(0);
      expect(fake.violations, spelling).toEqual([]);
      await fake.close();
    }
  });

  it('records an answer off the documents, unless the session or the server says it is on purpose', async () => {
    const drifted = makeSession({ acus_consumed: '61.5' as unknown as number, status: 'hibernating' });
    const fake = await start({ sessions: [drifted] });
    const path = `/v3/organizations/${drifted.org_id}/sessions/devin-${drifted.session_id}/insights`;

    expect((await send(path)).status).toBe(200);
    const [violation] = fake.takeViolations();
    expect(violation?.side).toBe('response');
    expect(violation?.problems).toEqual([
      expect.stringMatching(/^200 body\.acus_consumed: must be number/),
      expect.stringMatching(/^200 body\.status: must be equal to one of the allowed values/),
    ]);

    drifted._off_contract = true;
    expect((await send(path)).status).toBe(200);
    expect(fake.violations).toEqual([]);

    const tolerant = await startFakeDevinApi({
      sessions: [{ ...drifted, _off_contract: false }],
      checkResponses: false,
    });
    try {
      expect(
        (await fetch(`${tolerant.url}${path}`, { headers: { authorization: `Bearer ${V3_KEY}` } })).status,
      ).toBe(200);
      expect(tolerant.violations).toEqual([]);
    } finally {
      await tolerant.close();
    }
  });
});
