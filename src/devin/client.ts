import { Agent, type Dispatcher, EnvHttpProxyAgent, errors, request } from 'undici';
import type { z } from 'zod';
import { DevinApiError, describeFailure, unusableAnswerError } from './errors.ts';

export type QueryValue = string | number | boolean | readonly string[] | undefined;
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

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** No retry starts once this much time has passed since the first attempt. */
  budgetMs: number;
}

export interface Timeouts {
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
  dispatcher?: Dispatcher;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Told about each retry, for the log. */
  onRetry?: (message: string) => void;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 5,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  budgetMs: 120_000,
};
/** Shorter keys are not real credentials, and replacing them would garble ordinary words. */
const MIN_REDACTED_KEY_LENGTH = 8;
const DEFAULT_TIMEOUTS: Timeouts = { connectMs: 10_000, responseMs: 60_000 };
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

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** JSON over HTTP to the Devin API: auth, timeouts, retries with backoff, and errors that say what to do. */
export class DevinClient {
  readonly #options: DevinClientOptions;
  readonly #retry: RetryPolicy;
  readonly #dispatcher: Dispatcher;
  readonly #ownsDispatcher: boolean;
  readonly #sleep: (ms: number) => Promise<void>;
  /** Requests sent, retries included. */
  requestCount = 0;

  constructor(options: DevinClientOptions) {
    this.#options = options;
    this.#retry = { ...DEFAULT_RETRY, ...options.retry };
    this.#sleep = options.sleep ?? sleepFor;
    this.#ownsDispatcher = options.dispatcher === undefined;
    this.#dispatcher = options.dispatcher ?? createDispatcher({ ...DEFAULT_TIMEOUTS, ...options.timeouts });
  }

  async call<S extends z.ZodType>(endpoint: Endpoint, schema: S): Promise<z.output<S>> {
    const body = await this.#send(endpoint);
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw unusableAnswerError(describeEndpoint(endpoint), parsed.error);
    return parsed.data;
  }

  async close(): Promise<void> {
    if (this.#ownsDispatcher) await this.#dispatcher.close();
  }

  async #send(endpoint: Endpoint): Promise<unknown> {
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.#attempt(endpoint);
      if (outcome.ok) return outcome.body;
      const delay = this.#retryDelay(outcome, attempt, Date.now() - started);
      if (delay === undefined) {
        const { error } = outcome;
        const message = outcome.retryable
          ? `${error.message} Gave up after ${attempt} attempt${attempt === 1 ? '' : 's'}: the Devin API is unavailable or rate limiting; re-run the job later.`
          : error.message;
        throw new DevinApiError(this.#redact(message), { endpoint: error.endpoint, status: error.status });
      }
      this.#options.onRetry?.(
        this.#redact(
          `${outcome.error.message} Retrying in ${(delay / 1000).toFixed(1)} s (attempt ${attempt + 1} of ${this.#retry.attempts}).`,
        ),
      );
      await this.#sleep(delay);
    }
  }

  /** Error text may quote the server's answer, which might echo the key: never let it reach the log. */
  #redact(message: string): string {
    const key = this.#options.apiKey;
    return key.length >= MIN_REDACTED_KEY_LENGTH ? message.replaceAll(key, '***') : message;
  }

  async #attempt(endpoint: Endpoint): Promise<Attempt> {
    const url = new URL(this.#options.baseUrl + endpoint.path);
    appendQuery(url.searchParams, endpoint.query ?? {});
    this.requestCount++;
    let response: Dispatcher.ResponseData;
    try {
      response = await request(url, {
        method: endpoint.method,
        dispatcher: this.#dispatcher,
        headers: {
          authorization: `Bearer ${this.#options.apiKey}`,
          accept: 'application/json',
          'user-agent': 'devin-session-insights-action',
        },
      });
    } catch (error) {
      return networkFailure(endpoint, error);
    }
    let text: string;
    try {
      text = await response.body.text();
    } catch (error) {
      return networkFailure(endpoint, error);
    }
    const status = response.statusCode;
    const body = parseJson(text);
    if (status >= 200 && status < 300 && body.ok) return { ok: true, body: body.value };
    const error = describeFailure({
      endpoint: describeEndpoint(endpoint),
      status,
      body: body.ok ? body.value : undefined,
      rawBody: text,
      contentType: String(response.headers['content-type'] ?? ''),
      permission: endpoint.permission,
      subject: endpoint.subject,
      expectedKey: this.#options.expectedKey,
    });
    return {
      ok: false,
      error,
      retryable: RETRYABLE_STATUS.has(status),
      retryAfterMs: retryAfter(response.headers),
    };
  }

  #retryDelay(outcome: Failure, attempt: number, elapsedMs: number): number | undefined {
    if (!outcome.retryable || attempt >= this.#retry.attempts) return undefined;
    const exponential = this.#retry.baseDelayMs * 2 ** (attempt - 1);
    const jittered = exponential / 2 + (this.#options.random ?? Math.random)() * (exponential / 2);
    // Retry-After is honoured in full (an earlier retry would only be refused again); the budget bounds it.
    const delay = Math.max(outcome.retryAfterMs ?? 0, Math.min(jittered, this.#retry.maxDelayMs));
    return elapsedMs + delay > this.#retry.budgetMs ? undefined : delay;
  }
}

type Failure = { ok: false; error: DevinApiError; retryable: boolean; retryAfterMs?: number };
type Attempt = { ok: true; body: unknown } | Failure;

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

export function appendQuery(params: URLSearchParams, query: Query): void {
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) params.append(name, item);
    else params.append(name, String(value));
  }
}

export function describeEndpoint(endpoint: Pick<Endpoint, 'method' | 'path'>): string {
  return `${endpoint.method} ${endpoint.path}`;
}

function networkFailure(endpoint: Endpoint, error: unknown): Failure {
  const code = (error as { code?: string }).code ?? '';
  const timedOut =
    error instanceof errors.HeadersTimeoutError ||
    error instanceof errors.BodyTimeoutError ||
    code.includes('TIMEOUT');
  const what = timedOut ? 'timed out' : `failed (${code || (error as Error).message})`;
  return {
    ok: false,
    retryable: timedOut || RETRYABLE_ERRORS.has(code),
    error: new DevinApiError(`The request ${describeEndpoint(endpoint)} to the Devin API ${what}.`, {
      endpoint: describeEndpoint(endpoint),
    }),
  };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Retry-After in seconds or as an HTTP date, in milliseconds. */
export function retryAfter(
  headers: Record<string, string | string[] | undefined>,
  now = Date.now(),
): number | undefined {
  const value = headers['retry-after'];
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
