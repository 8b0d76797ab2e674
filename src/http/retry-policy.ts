import { DECIMAL_NUMBER } from '../model/text.ts';

/** How long and how often a request is tried again; one policy for the Devin API and GitHub. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** No retry starts once this much time would have passed since the first attempt. */
  budgetMs: number;
  /**
   * The most one attempt may take, from sending the request to the last byte of the answer. A server that
   * trickles its answer a byte at a time never trips the timeouts between chunks; this ends such an attempt.
   */
  attemptTimeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 5,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  budgetMs: 120_000,
  attemptTimeoutMs: 60_000,
};

export type Headers = Record<string, string | string[] | undefined>;

/** A failed attempt, as the policy judges it and as the caller explains it. */
export type AttemptFailure =
  | { kind: 'response'; status: number; headers: Headers; body: string }
  | { kind: 'network'; error: Error & { code?: string } };

/** The wait before the next attempt. */
interface RetryPlan {
  delayMs: number;
  /** A rate limit told the wait (Retry-After, or GitHub's x-ratelimit-reset). */
  rateLimited: boolean;
}

interface RetryNotice extends RetryPlan {
  failure: AttemptFailure;
  /** The attempt about to be made, counting the first as 1. */
  nextAttempt: number;
}

export interface RetryContext {
  policy: RetryPolicy;
  sleep(ms: number): Promise<void>;
  now(): number;
  random(): number;
  /** Told before each wait, for the log. */
  onRetry?(notice: RetryNotice): void;
}

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
const RETRYABLE_ERRORS = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

/** A retry is not worth starting with less time than this left in the budget for its answer. */
const MIN_ATTEMPT_MS = 5_000;

/** A header's value, the first when it came more than once. */
export const header = (headers: Headers, name: string) => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** GitHub's primary rate limit answers 403 (or 429) with x-ratelimit-remaining: 0; a secondary one with retry-after. */
function isRateLimit(status: number, headers: Headers): boolean {
  if (status !== 403 && status !== 429) return false;
  return header(headers, 'x-ratelimit-remaining') === '0' || header(headers, 'retry-after') !== undefined;
}

/** 5xx, 429, and a 403 only when it is a rate limit: a permission 403 is final. */
export function isRetryableResponse(status: number, headers: Headers): boolean {
  return RETRYABLE_STATUS.has(status) || isRateLimit(status, headers);
}

/** A connect, headers, body or whole-answer timeout: undici's timeout errors all carry a code with TIMEOUT. */
/** A code that names a timeout: undici's (`UND_ERR_HEADERS_TIMEOUT`…) or an attempt's own (`ATTEMPT_TIMEOUT`). */
export function isTimeout(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.includes('TIMEOUT');
}

function isRetryableError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return isTimeout(error) || (typeof code === 'string' && RETRYABLE_ERRORS.has(code));
}

export function isRetryable(failure: AttemptFailure): boolean {
  return failure.kind === 'response'
    ? isRetryableResponse(failure.status, failure.headers)
    : isRetryableError(failure.error);
}

/** The wait the server asked for: Retry-After (seconds or a date), or until x-ratelimit-reset on a rate limit. */
export function serverWait(status: number, headers: Headers, now: number): number | undefined {
  const after = header(headers, 'retry-after');
  if (after) {
    if (DECIMAL_NUMBER.test(after)) return Number(after) * 1000;
    const date = Date.parse(after);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  // x-ratelimit-reset comes with every GitHub answer; it is a wait only once nothing remains.
  const reset = Number(header(headers, 'x-ratelimit-reset'));
  if (
    isRateLimit(status, headers) &&
    header(headers, 'x-ratelimit-remaining') === '0' &&
    Number.isFinite(reset)
  ) {
    return Math.max(0, reset * 1000 - now);
  }
  return undefined;
}

/**
 * The wait before the next attempt, or undefined to stop: exponential backoff with jitter, capped, except
 * that a server's wait is honoured in full (an earlier retry would only be refused again); the budget bounds
 * both, and leaves the attempt after the wait time for its answer.
 */
export function planRetry(
  context: RetryContext,
  failure: AttemptFailure,
  attemptsMade: number,
  elapsedMs: number,
): RetryPlan | undefined {
  const { policy } = context;
  if (!isRetryable(failure) || attemptsMade >= policy.attempts) return undefined;
  const exponential = policy.baseDelayMs * 2 ** (attemptsMade - 1);
  const jittered = exponential / 2 + context.random() * (exponential / 2);
  const asked =
    failure.kind === 'response' ? serverWait(failure.status, failure.headers, context.now()) : undefined;
  const delayMs = Math.max(asked ?? 0, Math.min(jittered, policy.maxDelayMs));
  const leftForAnswer = policy.budgetMs - elapsedMs - delayMs;
  return leftForAnswer < Math.min(MIN_ATTEMPT_MS, policy.attemptTimeoutMs)
    ? undefined
    : { delayMs, rateLimited: asked !== undefined };
}

/**
 * The time an attempt that starts `elapsedMs` after the first one has for its whole answer: its own limit,
 * and never past the end of the budget, so that no attempt outlives the retries.
 */
export function attemptTimeout(policy: RetryPolicy, elapsedMs: number): number {
  return Math.max(0, Math.min(policy.attemptTimeoutMs, policy.budgetMs - elapsedMs));
}
