import { Agent, type Dispatcher, EnvHttpProxyAgent, request } from 'undici';
import type * as z from 'zod/mini';
import { AttemptTimeoutError, retryCallback, secondsOf, withRetries } from '../http/retry-dispatcher.ts';
import {
  type AttemptFailure,
  DEFAULT_RETRY,
  isRetryable,
  isTimeout,
  type RetryContext,
  type RetryPolicy,
} from '../http/retry-policy.ts';
import type { Clock } from '../model/clock.ts';
import { countOf, logText } from '../model/text.ts';
import { DevinApiError, describeFailure, unusableAnswerError } from './errors.ts';
import { redirectRefusal, redirectTarget } from './redirects.ts';

type QueryValue = string | number | boolean | readonly string[] | undefined;
export type Query = Record<string, QueryValue>;

/** One call of the Devin API, described well enough to explain its failure. */
export interface Endpoint {
  method: 'GET' | 'POST';
  path: string;
  query?: Query;
  /** The permission the credential needs for this endpoint, named in a 403 message. */
  permission: string;
  /** What was asked for, named in a 404 message (e.g. "session devin-abc in org org-1"). */
  subject?: string;
}

interface Timeouts {
  connectMs: number;
  /** Until the response headers arrive, and between body chunks. */
  responseMs: number;
}

export interface DevinClientOptions {
  baseUrl: string;
  apiKey: string;
  /** What a 401 should say the key ought to be. */
  expectedKey: string;
  retry?: Partial<RetryPolicy>;
  timeouts?: Partial<Timeouts>;
  /** Times the retry budget and sleeps between attempts. */
  clock: Clock;
  random?: () => number;
  /** Told about each retry, for the log. */
  onRetry?: (message: string) => void;
}

/** Shorter keys are not real credentials, and replacing them would garble ordinary words. */
const MIN_REDACTED_KEY_LENGTH = 8;
const DEFAULT_TIMEOUTS: Timeouts = { connectMs: 10_000, responseMs: 60_000 };

/** JSON over HTTP to the Devin API: auth, timeouts, the shared retry policy, and errors that say what to do. */
export class DevinClient {
  readonly #options: DevinClientOptions;
  readonly #retry: RetryPolicy;
  readonly #dispatcher: Dispatcher;
  /** Requests sent, retries included. */
  requestCount = 0;

  constructor(options: DevinClientOptions) {
    this.#options = options;
    this.#retry = { ...DEFAULT_RETRY, ...options.retry };
    // Every request brings its own retry decision (see #send); this context gives the policy that times each
    // of its attempts.
    this.#dispatcher = withRetries(createDispatcher({ ...DEFAULT_TIMEOUTS, ...options.timeouts }), () =>
      this.#retryContext(),
    );
  }

  async call<S extends z.ZodMiniType>(endpoint: Endpoint, schema: S): Promise<z.output<S>> {
    const body = await this.#send(endpoint);
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw unusableAnswerError(describeEndpoint(endpoint), parsed.error);
    return parsed.data;
  }

  async close(): Promise<void> {
    await this.#dispatcher.close();
  }

  async #send(endpoint: Endpoint): Promise<unknown> {
    const start = new URL(this.#options.baseUrl + endpoint.path);
    appendQuery(start.searchParams, endpoint.query ?? {});
    let attempts = 1;
    const retry = retryCallback(
      this.#retryContext(({ failure, delayMs, nextAttempt }) => {
        attempts = nextAttempt;
        this.requestCount++;
        this.#options.onRetry?.(
          this.#redact(
            `${this.#describe(endpoint, failure).message} Retrying in ${(delayMs / 1000).toFixed(1)} s (attempt ${nextAttempt} of ${this.#retry.attempts}).`,
          ),
        );
      }),
    );
    let url = start;
    let method = endpoint.method;
    for (let redirects = 0; ; redirects++) {
      const answer = await this.#attempt(url, method, retry);
      if (answer.kind === 'json') return answer.value;
      const target = answer.kind === 'response' ? redirectTarget(answer, url) : undefined;
      if (answer.kind === 'response' && target) {
        const refusal = redirectRefusal(describeEndpoint(endpoint), answer.status, target, start, redirects);
        const details = { endpoint: describeEndpoint(endpoint), status: answer.status };
        if (refusal) throw new DevinApiError(this.#redact(refusal), details);
        url = target;
        if (answer.status === 303) method = 'GET';
        continue;
      }
      const error = this.#describe(endpoint, answer);
      const message = isRetryable(answer)
        ? `${error.message} Gave up after ${countOf(attempts, 'attempt')}: the Devin API is unavailable or rate limiting; re-run the job later.`
        : error.message;
      throw new DevinApiError(this.#redact(message), { endpoint: error.endpoint, status: error.status });
    }
  }

  /** One request, its retries included: the parsed JSON of a 2xx answer, or what went wrong. */
  async #attempt(
    url: URL,
    method: Endpoint['method'],
    retry: ReturnType<typeof retryCallback>,
  ): Promise<{ kind: 'json'; value: unknown } | AttemptFailure> {
    this.requestCount++;
    try {
      const response = await request(url, {
        method,
        dispatcher: this.#dispatcher,
        headers: {
          authorization: `Bearer ${this.#options.apiKey}`,
          accept: 'application/json',
          'user-agent': 'devin-session-insights-action',
        },
        retryOptions: { retry },
      } as Parameters<typeof request>[1]);
      const text = await response.body.text();
      const status = response.statusCode;
      const body = parseJson(text);
      if (status >= 200 && status < 300 && body.ok) return { kind: 'json', value: body.value };
      return { kind: 'response', status, headers: response.headers, body: text };
    } catch (error) {
      return { kind: 'network', error: error as Error };
    }
  }

  #retryContext(onRetry?: RetryContext['onRetry']): RetryContext {
    return {
      policy: this.#retry,
      sleep: this.#options.clock.sleep,
      now: this.#options.clock.now,
      random: this.#options.random ?? Math.random,
      onRetry,
    };
  }

  #describe(endpoint: Endpoint, failure: AttemptFailure): DevinApiError {
    if (failure.kind === 'network') return networkFailure(endpoint, failure.error);
    return describeFailure({
      endpoint: describeEndpoint(endpoint),
      status: failure.status,
      body: parseJsonOrUndefined(failure.body),
      rawBody: failure.body,
      contentType: String(failure.headers['content-type'] ?? ''),
      permission: endpoint.permission,
      subject: endpoint.subject,
      expectedKey: this.#options.expectedKey,
    });
  }

  /** Error text may quote the server's answer, which might echo the key: never let it reach the log. */
  #redact(message: string): string {
    const key = this.#options.apiKey;
    return key.length >= MIN_REDACTED_KEY_LENGTH ? message.replaceAll(key, '***') : message;
  }
}

function createDispatcher(timeouts: Timeouts): Dispatcher {
  const options = {
    connect: { timeout: timeouts.connectMs },
    headersTimeout: timeouts.responseMs,
    bodyTimeout: timeouts.responseMs,
  };
  const env = process.env;
  const proxied = env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy;
  return proxied ? new EnvHttpProxyAgent(options) : new Agent(options);
}

function appendQuery(params: URLSearchParams, query: Query): void {
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) params.append(name, item);
    else params.append(name, String(value));
  }
}

function describeEndpoint(endpoint: Pick<Endpoint, 'method' | 'path'>): string {
  return `${endpoint.method} ${endpoint.path}`;
}

function networkFailure(endpoint: Endpoint, error: Error & { code?: string }): DevinApiError {
  const what =
    error instanceof AttemptTimeoutError
      ? `timed out: the answer was not complete within ${secondsOf(error.timeoutMs)} s`
      : isTimeout(error)
        ? 'timed out'
        : `failed (${logText(error.code || error.message)})`;
  return new DevinApiError(`The request ${describeEndpoint(endpoint)} to the Devin API ${what}.`, {
    endpoint: describeEndpoint(endpoint),
  });
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function parseJsonOrUndefined(text: string): unknown {
  const parsed = parseJson(text);
  return parsed.ok ? parsed.value : undefined;
}
