/** What one run asks of the Devin API at once: never more requests in flight than a window scan makes. */
import { expect, it } from 'vitest';
import { API_CONCURRENCY } from '../../src/util/concurrency.ts';
import { BASE_TIME } from '../fakes/devin-data.ts';
import { iso, sessionOn, stage } from './stage.ts';

it('asks for sixty analyses a few at a time, and gets every one', async () => {
  const sessions = Array.from({ length: 60 }, () =>
    sessionOn(95, { analysis: null, status: 'exit', status_detail: null }),
  );
  // Each answer takes a little while, so that requests sent together are in flight together.
  const { devin, run, pullRequest } = await stage({ sessions, latencyMs: 20 });
  const event = pullRequest('opened', { owner: 'acme', repo: 'shop', number: 95, createdAt: iso(BASE_TIME) });

  const result = await run(event);

  expect(result.exitCode, result.stdout).toBe(0);
  expect(devin.countRequests('generate')).toBe(60);
  expect(devin.peakInFlight('generate')).toBeGreaterThan(1);
  expect(devin.peakInFlight('generate')).toBeLessThanOrEqual(API_CONCURRENCY);
  expect(JSON.parse(result.outputs['session-ids'] ?? '[]')).toHaveLength(60);
  expect(result.outputs.gate).toBe('pass');
});
