import { describe, expect, it } from 'vitest';
import { API_CONCURRENCY } from '../../src/util/concurrency.ts';
import { BASE_TIME, DEFAULT_ORG_ID } from '../fakes/devin-data.ts';
import { commentBody, iso, sessionOn, stage } from './stage.ts';

const repo = { owner: 'acme', repo: 'shop' };
const LIST = '/v3/enterprise/sessions/insights';
/** Far more answers than any run may ask for: a run that keeps asking shows as a timeout or a count. */
const ENDLESS = 10_000;

const v3Page = (page: { end_cursor: string | null; has_next_page: boolean; total?: number }) =>
  JSON.stringify({ items: [], ...page });

describe('paging that does not advance', () => {
  it('stops when the v3 list answers the same end_cursor again, naming the endpoint', async () => {
    const { devin, run, pullRequest } = await stage();
    devin.injectFault({
      kind: 'enterprise-list',
      status: 200,
      body: v3Page({ end_cursor: 'c2FtZQ', has_next_page: true }),
      times: ENDLESS,
    });
    const event = pullRequest('opened', { ...repo, number: 61, createdAt: iso(BASE_TIME) });

    const result = await run(event, { search: 'window' });

    expect(result.exitCode).toBe(1);
    // The first page, then each slice of the window stops at its second page.
    expect(devin.countRequests('enterprise-list')).toBeLessThanOrEqual(1 + 2 * API_CONCURRENCY);
    const errors = result.stdout.split('\n').filter((line) => line.startsWith('::error::'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`GET ${LIST}`);
    expect(errors[0]).toContain('end_cursor of an earlier page again');
    expect(result.stdout).not.toContain('    at ');
  });

  it('stops when new cursors keep coming beyond what the listed total fills', async () => {
    const { devin, run, pullRequest } = await stage();
    for (let page = 1; page <= 50; page++) {
      devin.injectFault({
        kind: 'enterprise-list',
        status: 200,
        body: v3Page({ end_cursor: `cursor-${page}`, has_next_page: true, total: 150 }),
      });
    }
    const event = pullRequest('opened', { ...repo, number: 62, createdAt: iso(BASE_TIME) });

    const result = await run(event, { search: 'window' });

    expect(result.exitCode).toBe(1);
    // A total of 150 is one page; twice that plus two is the most a listing may take.
    expect(devin.countRequests('enterprise-list')).toBe(5);
    expect(result.stdout).toMatch(
      /::error::.*The Devin API's listing GET \/v3\/enterprise\/sessions\/insights kept announcing more pages after 4, more than its total of 150 sessions fills/,
    );
  });

  it('warns in the log and in the comment when more pages are announced without a cursor', async () => {
    const { devin, github, run, pullRequest } = await stage();
    devin.injectFault({
      kind: 'enterprise-list',
      status: 200,
      body: v3Page({ end_cursor: null, has_next_page: true }),
    });
    const event = pullRequest('opened', { ...repo, number: 63, createdAt: iso(BASE_TIME) });

    const result = await run(event, { search: 'window' });

    expect(result.exitCode, result.stdout).toBe(0);
    expect(devin.countRequests('enterprise-list')).toBe(1);
    expect(result.stdout).toMatch(
      /::warning::The Devin API's listing GET \/v3\/enterprise\/sessions\/insights said more pages follow but gave no end_cursor.*may be incomplete/,
    );
    const body = commentBody(github, 'acme', 'shop', 63);
    // Not "no session references this pull request": only none among what was listed.
    expect(body).not.toContain('No Devin session references this pull request.');
    expect(body).toContain('among the sessions the Devin API listed, and it did not list them all');
    expect(body).toContain('the sessions found may be incomplete');
  });

  it('stops when a v2 page is empty while saying there are more', async () => {
    const { devin, run, pullRequest } = await stage();
    devin.injectFault({
      kind: 'v2-list',
      status: 200,
      body: JSON.stringify({ items: [], total: 500, skip: 0, limit: 200, has_more: true }),
      times: ENDLESS,
    });
    const event = pullRequest('opened', { ...repo, number: 64, createdAt: iso(BASE_TIME) });

    const result = await run(event, {
      'devin-api-key': 'apk_user_legacy_key_77',
      'devin-org-id': DEFAULT_ORG_ID,
      search: 'window',
    });

    expect(result.exitCode).toBe(1);
    expect(devin.countRequests('v2-list')).toBe(1);
    expect(result.stdout).toMatch(
      new RegExp(
        `::error::.*The Devin API's listing GET /v2/enterprise/organizations/${DEFAULT_ORG_ID}/sessions/insights answered an empty page at skip=0 while saying there are more`,
      ),
    );
  });
});

describe('many session links', () => {
  it('looks up 220 linked sessions in requests of a few KB, each id once', async () => {
    const linked = Array.from({ length: 220 }, () => sessionOn(71));
    const { devin, run, pullRequest } = await stage({ sessions: linked });
    const body = linked
      .map((session) => `Link to Devin session: https://app.devin.ai/sessions/${session.session_id}`)
      .join('\n');
    const event = pullRequest('opened', { ...repo, number: 71, body, createdAt: iso(BASE_TIME) });

    const result = await run(event, { 'wait-timeout': '0', comment: 'never', search: 'linked' });

    expect(result.exitCode, result.stdout).toBe(0);
    expect(JSON.parse(result.outputs['session-ids'] ?? '[]')).toHaveLength(220);
    const lookups = devin.requests.filter((request) => request.query.has('session_ids'));
    expect(lookups.length).toBeGreaterThan(1);
    for (const request of lookups) expect(`${request.path}?${request.query}`.length).toBeLessThan(4_096);
    const asked = lookups.flatMap((request) => request.query.getAll('session_ids'));
    expect(asked.sort()).toEqual(linked.map((session) => session.session_id).sort());
    expect(devin.requests.some((request) => request.query.has('updated_after'))).toBe(false);
  });

  it('in auto, falls back to the window scan when the linked sessions cannot be looked up', async () => {
    const session = sessionOn(72);
    const { devin, run, pullRequest } = await stage({ sessions: [session] });
    devin.injectFault({
      kind: 'enterprise-list',
      match: (request) => request.query.has('session_ids'),
      status: 431,
      body: JSON.stringify({ detail: 'Request Header Fields Too Large' }),
      times: ENDLESS,
    });
    const body = `Link to Devin session: https://app.devin.ai/sessions/${session.session_id}`;
    const event = pullRequest('opened', { ...repo, number: 72, body, createdAt: iso(BASE_TIME) });

    const result = await run(event);

    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs['session-ids']).toBe(JSON.stringify([session.session_id]));
    expect(result.stdout).toMatch(
      /::warning::The Devin API answered 431 to GET \/v3\/enterprise\/sessions\/insights.*Looking for them in the window scan instead\./,
    );
    expect(result.stdout).toContain('by window scan (looking up the links failed)');
    expect(devin.requests.some((request) => request.query.has('updated_after'))).toBe(true);
  });

  it('with search linked, a failed lookup still fails the step', async () => {
    const session = sessionOn(73);
    const { devin, run, pullRequest } = await stage({ sessions: [session] });
    devin.injectFault({ kind: 'enterprise-list', status: 431, times: ENDLESS });
    const body = `Link to Devin session: https://app.devin.ai/sessions/${session.session_id}`;
    const event = pullRequest('opened', { ...repo, number: 73, body, createdAt: iso(BASE_TIME) });

    const result = await run(event, { search: 'linked' });

    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/::error::.*The Devin API answered 431/);
    expect(result.outputs.gate).toBe('error');
    expect(devin.requests.some((request) => request.query.has('updated_after'))).toBe(false);
  });
});
