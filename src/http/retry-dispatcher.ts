import { type Dispatcher, interceptors, type RetryHandler, util } from 'undici';
import {
  type AttemptFailure,
  attemptTimeout,
  type Headers,
  isRetryableResponse,
  planRetry,
  type RetryContext,
} from './retry-policy.ts';

/** Enough of an error page to explain it; the rest is dropped. */
const MAX_HELD_BODY_BYTES = 64 * 1024;

/** An attempt whose answer, headers and body, was not complete within its time. */
export class AttemptTimeoutError extends Error {
  override name = 'AttemptTimeoutError';
  /** A timeout's code (retry-policy.ts's isTimeout): retried, and named a timeout in the error. */
  readonly code = 'ATTEMPT_TIMEOUT';

  constructor(
    /** The method and URL, without the query. */
    readonly endpoint: string,
    readonly timeoutMs: number,
  ) {
    super(`No complete answer from ${endpoint} within ${secondsOf(timeoutMs)} s.`);
  }
}

/** Milliseconds as seconds for a message, to a tenth. */
export function secondsOf(ms: number): string {
  return String(Math.round(ms / 100) / 10);
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

/**
 * When each retry decision's budget began. A call that follows a redirect sends a request per hop with the same
 * decision: each hop's attempts have what is left of that budget, not a budget of their own.
 */
const budgetStarts = new WeakMap<RetryHandler.RetryCallback, number>();

/** The retry decision for one request (it keeps the count and the start), for undici's RetryHandler. */
export function retryCallback(context: RetryContext): RetryHandler.RetryCallback {
  const started = context.now();
  let attemptsMade = 0;
  const decide: RetryHandler.RetryCallback = (error, _state, done) => {
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
  budgetStarts.set(decide, started);
  return decide;
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

/** Where the request options carry the time the next attempt has for its answer. */
const ATTEMPT_TIME = Symbol('attempt time');
type TimedOptions = Dispatcher.DispatchOptions & { [ATTEMPT_TIME]?: () => number };

/** The method and URL of a request, without its query: what a log line names. */
export function endpointOf(options: Dispatcher.DispatchOptions): string {
  const path = options.path.split('?')[0] ?? '';
  return `${options.method} ${String(options.origin ?? '')}${path}`;
}

/**
 * Below the RetryHandler, once per attempt: reads every answer whole before passing it up, so that a connection
 * lost partway through a body fails the attempt while nothing has reached the caller yet, and the attempt is
 * made again from the start (the RetryHandler would otherwise ask for the rest with a Range header, which
 * these APIs ignore). A retryable answer goes up as a HeldResponse; the bodies are small JSON, read whole
 * anyway. An answer not complete within the attempt's time is aborted with an AttemptTimeoutError: the timeouts
 * of the connection only bound the wait for headers and between chunks, which a trickle never exceeds.
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
  let abort: ((error: Error) => void) | undefined;
  let expired: Error | undefined;
  const timeoutMs = (options as TimedOptions)[ATTEMPT_TIME]?.();
  const timer =
    timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          expired = new AttemptTimeoutError(endpointOf(options), timeoutMs);
          abort?.(expired);
        }, timeoutMs);
  return dispatch(options, {
    ...forward(handler),
    onConnect(connectionAbort) {
      abort = connectionAbort;
      handler.onConnect?.(connectionAbort);
      if (expired) connectionAbort(expired);
    },
    onError(error) {
      clearTimeout(timer);
      handler.onError?.(error);
    },
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
      clearTimeout(timer);
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
 * attempts. Each request gets its own retry decision: the one in its retryOptions, else one from `contextFor`,
 * whose policy also gives each attempt its time for the whole answer.
 */
export function withRetries(
  dispatcher: Dispatcher,
  contextFor: (options: Dispatcher.DispatchOptions) => RetryContext,
): Dispatcher {
  const perRequest: Dispatcher.DispatcherComposeInterceptor = (dispatch) => (options, handler) => {
    const context = contextFor(options);
    const given = (options as RetryingOptions).retryOptions;
    const retry = given?.retry ?? retryCallback(context);
    const started = budgetStarts.get(retry) ?? context.now();
    const retryOptions = { ...given, retry };
    const attemptTime = () => attemptTimeout(context.policy, context.now() - started);
    const release = releaseHeldResponse(handler);
    replayable(options.body)
      .then((body) => {
        const timed: TimedOptions & RetryingOptions = {
          ...options,
          body,
          retryOptions,
          [ATTEMPT_TIME]: attemptTime,
        };
        dispatch(timed, release);
      })
      .catch((error: unknown) => handler.onError?.(error as Error));
    return true;
  };
  // Only the decision above retries: statusCodes is empty so that the RetryHandler lets every answer through.
  return dispatcher.compose(holdResponses, interceptors.retry({ statusCodes: [] }), perRequest);
}

/** Request options that carry their own retry decision. */
type RetryingOptions = Dispatcher.DispatchOptions & { retryOptions?: RetryHandler.RetryOptions };
