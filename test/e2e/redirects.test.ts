/**
 * A redirect from the Devin API: followed within the origin of devin-api-url, a few hops at most; refused to
 * any other origin, which never sees the key. Two servers on different loopback ports are different origins.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeDevinApi, startFakeDevinApi } from '../fakes/devin-api.ts';
import { DEVIN_KEY, link, sessionOn, stage } from './stage.ts';

const repo = { owner: 'acme', repo: 'shop' };
/** The same path and query, on `origin` (relative when there is none). */
const sameRequest =
  (origin = '') =>
  (request: { path: string; query: URLSearchParams }) => ({
    location: `${origin}${request.path}?${request.query}`,
  });

let elsewhere: FakeDevinApi | undefined;

afterEach(async () => {
  await elsewhere?.close();
  elsewhere = undefined;
});

describe('a redirect from the Devin API', () => {
  it('is followed within the same origin, with the key, and the run reads what it points to', async () => {
    const session = sessionOn(96);
    const { devin, run, pullRequest } = await stage({ sessions: [session] });
    // A gateway that sends the listing round twice: once by an absolute Location, once by a relative one.
    devin.injectFault({ kind: 'enterprise-list', status: 308, body: '', headersFor: sameRequest(devin.url) });
    devin.injectFault({ kind: 'enterprise-list', status: 307, body: '', headersFor: sameRequest() });
    const event = pullRequest('opened', { ...repo, number: 96, body: link(session.session_id) });

    const result = await run(event, { search: 'linked' });

    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs['session-ids']).toBe(JSON.stringify([session.session_id]));
    const listings = devin.requests.filter((request) => request.kind === 'enterprise-list');
    expect(listings.map((request) => request.status)).toEqual([308, 307, 200]);
    expect(new Set(listings.map((request) => request.query.toString())).size).toBe(1);
    expect(listings.every((request) => request.authorization === `Bearer ${DEVIN_KEY}`)).toBe(true);
  });

  it('to another origin is refused without sending it the key, naming the Location', async () => {
    const session = sessionOn(97);
    const { devin, run, pullRequest } = await stage({ sessions: [session] });
    const other = await startFakeDevinApi({ sessions: [session] });
    elsewhere = other;
    devin.injectFault({ kind: 'enterprise-list', status: 308, body: '', headersFor: sameRequest(other.url) });
    const event = pullRequest('opened', { ...repo, number: 97, body: link(session.session_id) });

    const result = await run(event, { search: 'linked', 'if-api-error': 'warn' });

    // A redirect is the setup's to fix, not an outage: the step fails under if-api-error: warn too.
    expect(result.exitCode, result.stdout).toBe(1);
    expect(other.requests).toEqual([]);
    const errors = result.stdout.split('\n').filter((line) => line.startsWith('::error::'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(
      `The Devin API answered 308 to GET /v3/enterprise/sessions/insights, a redirect to another origin (Location: ${other.url}/v3/enterprise/sessions/insights?`,
    );
    expect(errors[0]).toContain(`only to the origin of devin-api-url (${devin.url})`);
    expect(result.outputs.gate).toBe('error');
  });

  it('is followed a few times at most', async () => {
    const session = sessionOn(98);
    const { devin, run, pullRequest } = await stage({ sessions: [session] });
    devin.injectFault({
      kind: 'enterprise-list',
      status: 302,
      body: '',
      headersFor: sameRequest(devin.url),
      times: 10,
    });
    const event = pullRequest('opened', { ...repo, number: 98, body: link(session.session_id) });

    const result = await run(event, { search: 'linked' });

    expect(result.exitCode, result.stdout).toBe(1);
    expect(devin.countRequests('enterprise-list')).toBe(4);
    expect(result.stdout).toMatch(
      /^::error::.*answered 302 to GET \/v3\/enterprise\/sessions\/insights after 3 redirects within http:\/\/127\.0\.0\.1:\d+, one more \(Location: http:.*\): the action follows at most 3\./m,
    );
  });
});
