import { describe, expect, it } from 'vitest';
import { BASE_TIME, bulkSessions, DEFAULT_ORG_ID, makeSession } from '../fakes/devin-data.ts';
import { commentBody, iso, stage } from './stage.ts';

const repo = { owner: 'acme', repo: 'shop' };
const OTHER_ORG = 'org-0b7d1e2f3a4c5d6e';

describe('org scope (devin-org-id with a v3 key)', () => {
  it('stays under the org endpoints, reads only that org and generates there', async () => {
    const ours = makeSession({
      analysis: null,
      pull_requests: [{ pr_url: 'https://github.com/acme/shop/pull/21', pr_state: 'open' }],
      updated_at: BASE_TIME + 600,
    });
    const theirs = makeSession({
      org_id: OTHER_ORG,
      pull_requests: [{ pr_url: 'https://github.com/acme/shop/pull/21', pr_state: 'open' }],
      updated_at: BASE_TIME + 700,
    });
    const { devin, github, run, pullRequest } = await stage({
      sessions: [...bulkSessions(300, { startAt: BASE_TIME }), ours, theirs],
      generation: { [ours.session_id]: { readsUntilReady: 1 } },
    });
    const event = pullRequest('opened', { ...repo, number: 21, createdAt: iso(BASE_TIME), body: 'No link.' });

    const result = await run(event, { 'devin-org-id': DEFAULT_ORG_ID });

    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs['session-ids']).toBe(JSON.stringify([ours.session_id]));
    expect(result.outputs['issue-count']).toBe('3');
    const kinds = new Set(devin.requests.map((request) => request.kind));
    expect([...kinds].sort()).toEqual(['generate', 'org-get', 'org-list']);
    expect(
      devin.requests.every((request) => request.path.startsWith(`/v3/organizations/${DEFAULT_ORG_ID}/`)),
    ).toBe(true);
    expect(commentBody(github, 'acme', 'shop', 21)).toContain(ours.session_id);
  });

  it('names the org-level permission when the credential lacks it', async () => {
    const { run, pullRequest } = await stage({ forbidden: ['org-list'] });
    const event = pullRequest('opened', { ...repo, number: 22, createdAt: iso(BASE_TIME) });

    const result = await run(event, { 'devin-org-id': DEFAULT_ORG_ID });

    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/::error::.*403.*ViewOrgSessions/);
  });
});

describe('legacy v2 keys', () => {
  it('pages through the v2 list and matches both pull request spellings, without any v3 call', async () => {
    const first = makeSession({
      pull_requests: [{ pr_url: 'https://github.com/acme/shop/pull/23', pr_state: 'merged' }],
      updated_at: BASE_TIME + 900,
      acus_consumed: 6,
      _v2_pr_spelling: 'v2',
    });
    const second = makeSession({
      pull_requests: [{ pr_url: 'https://github.com/Acme/shop/pulls/23', pr_state: 'merged' }],
      updated_at: BASE_TIME + 1_800,
      acus_consumed: 1.5,
      analysis: null,
      _v2_pr_spelling: 'both',
    });
    const { devin, github, run, pullRequest } = await stage({
      sessions: [...bulkSessions(450, { startAt: BASE_TIME - 100, stepSeconds: 10 }), first, second],
    });
    const event = pullRequest('closed', { ...repo, number: 23, merged: true, createdAt: iso(BASE_TIME) });

    const result = await run(event, {
      'devin-api-key': 'apk_user_legacy_key_77',
      'devin-org-id': DEFAULT_ORG_ID,
    });

    expect(result.exitCode, result.stdout).toBe(0);
    expect(JSON.parse(result.outputs['session-ids'] ?? '[]').sort()).toEqual(
      [first.session_id, second.session_id].sort(),
    );
    expect(result.outputs).toMatchObject({ acus: '7.5', 'session-size': '', 'issue-count': '3' });
    const requests = devin.requests;
    expect(requests.every((request) => request.kind === 'v2-list')).toBe(true);
    expect(requests.length).toBeGreaterThanOrEqual(3);
    expect(requests.every((request) => request.query.get('limit') === '200')).toBe(true);
    expect(requests[0]?.query.get('updated_date_from')).toBe(iso(BASE_TIME - 300));
    const body = commentBody(github, 'acme', 'shop', 23);
    expect(body).toContain('The test database was not running');
    expect(body).toContain('generate insights in Devin');
    expect(body).toContain('—');
  });

  it('fails before any call when devin-org-id is missing, naming the input', async () => {
    const { devin, github, run, pullRequest } = await stage();
    const event = pullRequest('opened', { ...repo, number: 24 });

    const result = await run(event, { 'devin-api-key': 'apk_legacy_key_1' });

    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/::error::Input 'devin-org-id' is required with a v2 API key/);
    expect(devin.requests).toEqual([]);
    expect(github.requests).toEqual([]);
  });

  it('says which kind of key the API expected when the key is refused', async () => {
    const { run, pullRequest } = await stage();
    const event = pullRequest('opened', { ...repo, number: 25, createdAt: iso(BASE_TIME) });

    const result = await run(event, { 'devin-api-key': 'sk_not_a_devin_key' });

    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(
      /::error::.*The Devin API answered 401 to GET \/v3\/enterprise\/sessions\/insights.*cog_/,
    );
    expect(result.stdout).not.toContain('    at ');
  });
});
