import { describe, expect, it } from 'vitest';
import {
  attemptTimeout,
  DEFAULT_RETRY,
  isRetryableResponse,
  planRetry,
  serverWait,
} from '../../src/http/retry-policy.ts';

const NOW = Date.UTC(2026, 0, 5, 12);
const context = { policy: DEFAULT_RETRY, sleep: async () => {}, now: () => NOW, random: () => 0 };
const answer = (status: number, headers: Record<string, string> = {}) =>
  ({ kind: 'response', status, headers, body: '' }) as const;

describe('retry policy', () => {
  it('retries 5xx, 429 and a rate-limit 403, never a permission 403 or another 4xx', () => {
    expect([500, 502, 503, 504, 429].map((status) => isRetryableResponse(status, {}))).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(isRetryableResponse(403, { 'x-ratelimit-remaining': '0' })).toBe(true);
    expect(isRetryableResponse(403, { 'retry-after': '60' })).toBe(true);
    expect(isRetryableResponse(403, { 'x-ratelimit-remaining': '4999', 'x-ratelimit-reset': '1' })).toBe(
      false,
    );
    expect([400, 401, 403, 404, 422].map((status) => isRetryableResponse(status, {}))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it("reads the server's wait from Retry-After (seconds or a date) or from x-ratelimit-reset once nothing remains", () => {
    expect(serverWait(429, { 'retry-after': '2.5' }, NOW)).toBe(2500);
    expect(serverWait(503, { 'retry-after': new Date(NOW + 9000).toUTCString() }, NOW)).toBe(9000);
    const reset = String(NOW / 1000 + 42);
    expect(serverWait(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }, NOW)).toBe(42_000);
    expect(
      serverWait(403, { 'x-ratelimit-remaining': '12', 'x-ratelimit-reset': reset }, NOW),
    ).toBeUndefined();
    expect(serverWait(500, {}, NOW)).toBeUndefined();
  });

  it('backs off exponentially up to the cap, stops at the last attempt and at the budget', () => {
    const delays = [1, 2, 3, 4].map((attempts) => planRetry(context, answer(502), attempts, 0)?.delayMs);
    expect(delays).toEqual([500, 1000, 2000, 4000]);
    expect(planRetry(context, answer(502), 5, 0)).toBeUndefined();
    const capped = { ...context, policy: { ...DEFAULT_RETRY, attempts: 20 } };
    expect(planRetry(capped, answer(502), 10, 0)).toEqual({
      delayMs: DEFAULT_RETRY.maxDelayMs,
      rateLimited: false,
    });
    expect(planRetry(context, answer(429, { 'retry-after': '45' }), 1, 0)).toEqual({
      delayMs: 45_000,
      rateLimited: true,
    });
    expect(planRetry(context, answer(429, { 'retry-after': '45' }), 1, 80_000)).toBeUndefined();
    expect(planRetry(context, answer(404), 1, 0)).toBeUndefined();
  });

  it('retries resets and timeouts of the connection but not other errors', () => {
    const network = (code: string) =>
      ({ kind: 'network', error: Object.assign(new Error(code), { code }) }) as const;
    expect(planRetry(context, network('ECONNRESET'), 1, 0)).toEqual({ delayMs: 500, rateLimited: false });
    expect(planRetry(context, network('UND_ERR_HEADERS_TIMEOUT'), 1, 0)?.delayMs).toBe(500);
    expect(planRetry(context, network('ERR_INVALID_URL'), 1, 0)).toBeUndefined();
  });

  it('gives each attempt its own time for the whole answer, within what is left of the budget', () => {
    expect(attemptTimeout(DEFAULT_RETRY, 0)).toBe(DEFAULT_RETRY.attemptTimeoutMs);
    expect(attemptTimeout(DEFAULT_RETRY, DEFAULT_RETRY.budgetMs - 7_000)).toBe(7_000);
    expect(attemptTimeout(DEFAULT_RETRY, DEFAULT_RETRY.budgetMs + 1)).toBe(0);
    // No retry starts that would leave its attempt less than a few seconds for its answer.
    expect(planRetry(context, answer(502), 1, DEFAULT_RETRY.budgetMs - 6_000)).toBeDefined();
    expect(planRetry(context, answer(502), 1, DEFAULT_RETRY.budgetMs - 5_000)).toBeUndefined();
  });
});
