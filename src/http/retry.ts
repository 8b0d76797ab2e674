import { type Dispatcher, errors, interceptors, type RetryHandler, util } from 'undici';
import { DECIMAL_NUMBER } from '../model/text.ts';

/** How long and how often a request is tried again; one policy for the Devin API and GitHub. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** No retry starts once this much time would have passed since the first attempt. */
  budgetMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 5,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  budgetMs: 120_000,
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
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
]);
/** Enough of an error page to explain it; the rest is dropped. */
const MAX_HELD_BODY_BYTES = 64 * 1024;

const header = (headers: Headers, name: string) => {
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

export function isTimeout(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    error instanceof errors.HeadersTimeoutError ||
    error instanceof errors.BodyTimeoutError ||
    error instanceof errors.ConnectTimeoutError ||
    (typeof code === 'string' && code.includes('TIMEOUT'))
  );
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
 * that a server's wait is honoured in full (an earlier retry would only be refused again); the budget bounds both.
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
  return elapsedMs + delayMs > policy.budgetMs ? undefined : { delayMs, rateLimited: asked !== undefined };
}

/**
 * A retryable answer, read whole and held back from the caller as an error so that undici's RetryHandler can
 * try again.
 */
class HeldResponse extends Error {
  constructor(
    readonly status: number,
    readonly statusText: string,
    readonly rawHeaders: Buffer[],
    readonly headers: Headers,
    readonly body: Buffer,
  ) {
    super(`HTTP ${status}`);
  }
}

function failureOf(error: Error): AttemptFailure {
  return error instanceof HeldResponse
    ? { kind: 'response', status: error.status, headers: error.headers, body: error.body.toString('utf8') }
    : { kind: 'network', error };
}

/** The retry decision for one request (it keeps the count and the start), for undici's RetryHandler. */
export function retryCallback(context: RetryContext): RetryHandler.RetryCallback {
  const started = context.now();
  let attemptsMade = 0;
  return (error, _state, done) => {
    attemptsMade++;
    const failure = failureOf(error);
    const plan = planRetry(context, failure, attemptsMade, context.now() - started);
    if (!plan) return done(error);
    context.onRetry?.({ ...plan, failure, nextAttempt: attemptsMade + 1 });
    context.sleep(plan.delayMs).then(
      () => done(null),
      (reason: unknown) => done(reason as Error),
    );
  };
}

type Handler = Dispatcher.DispatchHandlers;

/** Passes every event on, for handlers that change only a few of them. */
function forward(handler: Handler): Handler {
  return {
    onConnect: (abort) => handler.onConnect?.(abort),
    onError: (error) => handler.onError?.(error),
    onUpgrade: (status, headers, socket) => handler.onUpgrade?.(status, headers, socket),
    onResponseStarted: () => handler.onResponseStarted?.(),
    onHeaders: (status, headers, resume, statusText) =>
      handler.onHeaders?.(status, headers, resume, statusText) ?? true,
    onData: (chunk) => handler.onData?.(chunk) ?? true,
    onComplete: (trailers) => handler.onComplete?.(trailers),
    onBodySent: (chunk, total) => handler.onBodySent?.(chunk, total),
  };
}

/**
 * Below the RetryHandler: reads every answer whole before passing it up, so that a connection lost partway
 * through a body fails the attempt while nothing has reached the caller yet, and the attempt is made again
 * from the start (the RetryHandler would otherwise ask for the rest with a Range header, which these APIs
 * ignore). A retryable answer goes up as a HeldResponse; the bodies are small JSON, read whole anyway.
 */
const holdResponses: Dispatcher.DispatcherComposeInterceptor = (dispatch) => (options, handler) => {
  let head: {
    status: number;
    statusText: string;
    rawHeaders: Buffer[];
    headers: Headers;
    retryable: boolean;
  };
  const chunks: Buffer[] = [];
  let size = 0;
  return dispatch(options, {
    ...forward(handler),
    onHeaders(status, rawHeaders, _resume, statusText) {
      const headers = util.parseHeaders(rawHeaders) as Headers;
      const retryable = isRetryableResponse(status, headers);
      head = { status, statusText, rawHeaders: rawHeaders as Buffer[], headers, retryable };
      return true;
    },
    onData(chunk) {
      const room = head.retryable ? MAX_HELD_BODY_BYTES - size : chunk.length;
      if (room > 0) chunks.push(chunk.subarray(0, room));
      size += chunk.length;
      return true;
    },
    onComplete(trailers) {
      const { status, statusText, rawHeaders, headers, retryable } = head;
      if (retryable) {
        handler.onError?.(new HeldResponse(status, statusText, rawHeaders, headers, Buffer.concat(chunks)));
      } else {
        release(handler, head, chunks, trailers);
      }
    },
  });
};

/** Hands a held answer on as the response it was, chunk by chunk (no copy of a large page). */
function release(
  handler: Handler,
  head: { status: number; statusText: string; rawHeaders: Buffer[] },
  chunks: readonly Buffer[],
  trailers: string[] | null = [],
): void {
  handler.onHeaders?.(head.status, head.rawHeaders, () => {}, head.statusText);
  for (const chunk of chunks) if (chunk.length > 0) handler.onData?.(chunk);
  handler.onComplete?.(trailers);
}

/** The last answer, when no retry follows, reaches the caller as the response it was. */
function releaseHeldResponse(handler: Handler): Handler {
  return {
    ...forward(handler),
    onError(error) {
      if (error instanceof HeldResponse) release(handler, error, [error.body]);
      else handler.onError?.(error);
    },
  };
}

/** A streamed request body (fetch sends one) can be sent only once: read it first, so a retry can send it again. */
async function replayable(
  body: Dispatcher.DispatchOptions['body'],
): Promise<Dispatcher.DispatchOptions['body']> {
  if (!body || typeof body === 'string' || body instanceof Uint8Array) return body;
  if (typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] !== 'function') return body;
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/**
 * Puts the retry policy on a dispatcher (an Agent or a proxy agent), using undici's RetryHandler for the
 * attempts. Each request gets its own retry decision: the one in its retryOptions, else one from `contextFor`.
 */
export function withRetries(
  dispatcher: Dispatcher,
  contextFor: (options: Dispatcher.DispatchOptions) => RetryContext,
): Dispatcher {
  const perRequest: Dispatcher.DispatcherComposeInterceptor = (dispatch) => (options, handler) => {
    const given = (options as RetryingOptions).retryOptions;
    const retryOptions = { ...given, retry: given?.retry ?? retryCallback(contextFor(options)) };
    const release = releaseHeldResponse(handler);
    replayable(options.body)
      .then((body) => dispatch({ ...options, body, retryOptions } as Dispatcher.DispatchOptions, release))
      .catch((error: unknown) => handler.onError?.(error as Error));
    return true;
  };
  // Only the decision above retries: statusCodes is empty so that the RetryHandler lets every answer through.
  return dispatcher.compose(holdResponses, interceptors.retry({ statusCodes: [] }), perRequest);
}

/** Request options that carry their own retry decision. */
type RetryingOptions = Dispatcher.DispatchOptions & { retryOptions?: RetryHandler.RetryOptions };
