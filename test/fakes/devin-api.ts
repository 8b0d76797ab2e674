/**
 * A fake Devin API server, written from Devin's API reference (v3 insights list, get and generate; the v2
 * enterprise insights list). Independent of `src/`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ContractProblem, checkRequest, checkResponse, describeProblem } from './contract.ts';
import { type ContractViolation, claimViolations, reportViolation } from './contract-violations.ts';
import { type FakeSession, makeAnalysis } from './devin-data.ts';
import { trickle } from './trickle.ts';

type EndpointKind = 'enterprise-list' | 'enterprise-get' | 'org-list' | 'org-get' | 'generate' | 'v2-list';
type PullRequestSpelling = 'v3' | 'v2' | 'both';

interface GenerationPlan {
  /** The analysis the generation produces. Default: makeAnalysis(). */
  analysis?: object;
  /**
   * Which read of the session after the generate call is the first to show the analysis
   * (1 = the very next read, 0 = already on the generate answer). 'never' = stays null. Default 1.
   */
  readsUntilReady?: number | 'never';
  /** The status the generate endpoint answers when it starts the generation. Default 'started'. */
  status?: string;
}

export interface FakeDevinOptions {
  sessions?: FakeSession[];
  /** Per session id (bare or `devin-` form): what generation produces and when it appears. */
  generation?: Record<string, GenerationPlan>;
  /** Delay before every response, ms (benchmark). Default 0. */
  latencyMs?: number;
  /**
   * Spelling of v2 pull_requests items: 'v3' => {pr_url, pr_state}, 'v2' => {url, state},
   * 'both' => {pr_url, pr_state, state} (the v2 page's example response). Default 'v2'. A session's own
   * `_v2_pr_spelling` wins.
   */
  v2PullRequestSpelling?: PullRequestSpelling;
  /** Endpoint kinds that answer 403. */
  forbidden?: string[];
  /**
   * Check every answer against the documents. Default true; false for a test that answers off them on
   * purpose throughout (schema drift, numbers as strings...), or a benchmark. Requests are always checked.
   * A session's own `_off_contract` exempts just the answers that carry it.
   */
  checkResponses?: boolean;
  /**
   * The `total` every list page answers instead of the true count: an API whose count is off; 'omitted' leaves
   * it out, as the documents allow ("can be omitted for performance").
   */
  answeredTotal?: number | 'omitted';
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  contentType: string | undefined;
  body: string;
  /** An EndpointKind or 'unknown'. */
  kind: string;
  /** Final status; 0 when a fault reset the connection. */
  status: number;
}

interface FaultRequest {
  method: string;
  path: string;
  query: URLSearchParams;
}

interface Fault {
  /** Which requests: endpoint kind (and/or `match`); neither = any request. */
  kind?: string;
  match?: (request: FaultRequest) => boolean;
  /** How many matching requests it applies to. Default 1. */
  times?: number;
  /** Default 500. */
  status?: number;
  headers?: Record<string, string>;
  /** Headers made from the request, added to `headers` (a redirect's Location, for one). */
  headersFor?: (request: FaultRequest) => Record<string, string>;
  /** Raw body. Default: FastAPI-style {"detail": <reason phrase>}. */
  body?: string;
  /** Destroy the socket without answering. */
  reset?: boolean;
  /** Announce the whole body but send only this many bytes of it, then drop the connection. */
  cutAfterBytes?: number;
  /** Wait this long before answering (timeout tests). */
  delayMs?: number;
  /** Send the headers at once, then the body one byte every this many ms. */
  trickleMs?: number;
}

export interface FakeDevinApi {
  /** http://127.0.0.1:PORT */
  url: string;
  requests: RecordedRequest[];
  /** Keyed by bare id; get/has/set/delete also accept the `devin-` form. */
  sessions: Map<string, FakeSession>;
  addSessions(sessions: FakeSession[]): void;
  setAnalysis(id: string, analysis: object | null): void;
  injectFault(fault: Fault): void;
  countRequests(kind?: string): number;
  /** The most requests of this endpoint kind that were being answered at one time. */
  peakInFlight(kind: string): number;
  /** Departures from the documented contract seen so far (requests answered 422, responses off it). */
  violations: ContractViolation[];
  /** Returns the violations and clears them, for a test that provokes them on purpose. */
  takeViolations(): ContractViolation[];
  close(): Promise<void>;
}

type Predicate = (session: FakeSession) => boolean;

interface Reply {
  status: number;
  body: string;
  headers: Record<string, string>;
  /** Carries a session marked `_off_contract`: not checked against the documents. */
  offContract?: boolean;
}

interface ValidationIssue {
  type: string;
  loc: string[];
  msg: string;
  input: string;
}

interface PendingGeneration {
  analysis: object;
  readsLeft: number | 'never';
}

interface CursorKey {
  updatedAt: number;
  sessionId: string;
}

interface State {
  sessions: SessionMap;
  byUpdated: () => FakeSession[];
  byCreated: () => FakeSession[];
  cached: <T>(key: string, compute: () => T) => T;
  pending: Map<string, PendingGeneration>;
  generation: Map<string, GenerationPlan>;
  issuedCursors: Set<string>;
  spelling: PullRequestSpelling;
  forbidden: Set<string>;
  answeredTotal?: number | 'omitted';
}

interface RouteParams {
  orgId?: string;
  devinId?: string;
}

interface Route {
  kind: EndpointKind;
  method: 'GET' | 'POST';
  pattern: RegExp;
}

const ROUTES: Route[] = [
  { kind: 'enterprise-list', method: 'GET', pattern: /^\/v3\/enterprise\/sessions\/insights$/ },
  {
    kind: 'enterprise-get',
    method: 'GET',
    pattern: /^\/v3\/enterprise\/sessions\/(?<devinId>[^/]+)\/insights$/,
  },
  { kind: 'org-list', method: 'GET', pattern: /^\/v3\/organizations\/(?<orgId>[^/]+)\/sessions\/insights$/ },
  {
    kind: 'org-get',
    method: 'GET',
    pattern: /^\/v3\/organizations\/(?<orgId>[^/]+)\/sessions\/(?<devinId>[^/]+)\/insights$/,
  },
  {
    kind: 'generate',
    method: 'POST',
    pattern: /^\/v3\/organizations\/(?<orgId>[^/]+)\/sessions\/(?<devinId>[^/]+)\/insights\/generate$/,
  },
  {
    kind: 'v2-list',
    method: 'GET',
    pattern: /^\/v2\/enterprise\/organizations\/(?<orgId>[^/]+)\/sessions\/insights$/,
  },
];

const FORBIDDEN_DETAIL: Record<string, string> = {
  'enterprise-list': 'Missing required permission: ViewAccountSessions',
  'enterprise-get': 'Missing required permission: ViewAccountSessions',
  'org-list': 'Missing required permission: ViewOrgSessions',
  'org-get': 'Missing required permission: ViewOrgSessions',
  generate: 'Missing required permission: ManageOrgSessions',
  'v2-list': 'Only enterprise admins can access this endpoint',
};

const DEVIN_PREFIX = 'devin-';
const MAX_CACHE_ENTRIES = 64;

function bareId(id: string): string {
  return id.startsWith(DEVIN_PREFIX) ? id.slice(DEVIN_PREFIX.length) : id;
}

/** A Map that normalises ids to their bare form and counts changes, so sorted indexes rebuild lazily. */
class SessionMap extends Map<string, FakeSession> {
  version = 0;

  override get(key: string): FakeSession | undefined {
    return super.get(bareId(key));
  }

  override has(key: string): boolean {
    return super.has(bareId(key));
  }

  override set(key: string, value: FakeSession): this {
    super.set(bareId(key), value);
    this.version += 1;
    return this;
  }

  override delete(key: string): boolean {
    this.version += 1;
    return super.delete(bareId(key));
  }

  override clear(): void {
    this.version += 1;
    super.clear();
  }
}

// ---------------------------------------------------------------------------------------------
// Ordering and indexes

function compareIds(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function compareByUpdated(a: FakeSession, b: FakeSession): number {
  return b.updated_at - a.updated_at || compareIds(a.session_id, b.session_id);
}

function compareByCreated(a: FakeSession, b: FakeSession): number {
  return b.created_at - a.created_at || compareIds(a.session_id, b.session_id);
}

function lazySorted(sessions: SessionMap, compare: (a: FakeSession, b: FakeSession) => number) {
  let version = -1;
  let sorted: FakeSession[] = [];
  return (): FakeSession[] => {
    if (version !== sessions.version) {
      sorted = [...sessions.values()].sort(compare);
      version = sessions.version;
    }
    return sorted;
  };
}

/** Results that only depend on the store's contents (totals, v2 match lists), dropped when it changes. */
function versionedCache(sessions: SessionMap) {
  let version = -1;
  const entries = new Map<string, unknown>();
  return <T>(key: string, compute: () => T): T => {
    if (version !== sessions.version || entries.size > MAX_CACHE_ENTRIES) {
      entries.clear();
      version = sessions.version;
    }
    if (!entries.has(key)) entries.set(key, compute());
    return entries.get(key) as T;
  };
}

/** First index whose session satisfies `isPast`, which must be false...false true...true over `sorted`. */
function lowerBound(sorted: FakeSession[], isPast: Predicate): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const session = sorted[middle];
    if (session && isPast(session)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** The sessions named by `session_ids` (either id form), or the whole index. */
function candidates(
  state: State,
  rawIds: string[],
  index: () => FakeSession[],
  compare: (a: FakeSession, b: FakeSession) => number,
): FakeSession[] {
  if (rawIds.length === 0) return index();
  const found = new Set<FakeSession>();
  for (const id of rawIds) {
    const session = state.sessions.get(id);
    if (session) found.add(session);
  }
  return [...found].sort(compare);
}

function collect(source: FakeSession[], start: number, end: number, predicates: Predicate[], max: number) {
  const matched: FakeSession[] = [];
  for (let index = start; index < end && matched.length < max; index++) {
    const session = source[index];
    if (session && predicates.every((matches) => matches(session))) matched.push(session);
  }
  return matched;
}

// ---------------------------------------------------------------------------------------------
// Query parameters. Their names, types and ranges are checked against the documents before any endpoint
// runs (./contract.ts); what is left here is reading them, and the cursor, which only the server can judge.

function lastValue(query: URLSearchParams, name: string): string | undefined {
  const values = query.getAll(name);
  return values[values.length - 1];
}

function issue(name: string, type: string, msg: string, input: string): ValidationIssue {
  return { type, loc: ['query', name], msg, input };
}

/** An empty value is the documents' null: no filter. */
function readNumber(query: URLSearchParams, name: string): number | undefined {
  const raw = lastValue(query, name);
  return raw ? Number(raw) : undefined;
}

/** Epoch milliseconds of an RFC 3339 date-time, which the documents require of the v2 date filters. */
function readDateTime(query: URLSearchParams, name: string): number | undefined {
  const raw = lastValue(query, name);
  return raw ? Date.parse(raw) : undefined;
}

function readCursor(state: State, query: URLSearchParams, issues: ValidationIssue[]): CursorKey | undefined {
  const raw = lastValue(query, 'after');
  if (raw === undefined) return undefined;
  if (!state.issuedCursors.has(raw)) {
    issues.push(issue('after', 'value_error', 'Value error, Invalid cursor', raw));
    return undefined;
  }
  const decoded = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as { u: number; s: string };
  return { updatedAt: decoded.u, sessionId: decoded.s };
}

function issueCursor(state: State, session: FakeSession): string {
  const cursor = Buffer.from(JSON.stringify({ u: session.updated_at, s: session.session_id })).toString(
    'base64url',
  );
  state.issuedCursors.add(cursor);
  return cursor;
}

function isAfterCursor(cursor: CursorKey): Predicate {
  return (session) =>
    session.updated_at < cursor.updatedAt ||
    (session.updated_at === cursor.updatedAt && session.session_id > cursor.sessionId);
}

/** The query without paging parameters, in a stable order: the identity of a result set. */
function filterKey(query: URLSearchParams, paging: string[]): string {
  const copy = new URLSearchParams(query);
  for (const name of paging) copy.delete(name);
  copy.sort();
  return copy.toString();
}

// ---------------------------------------------------------------------------------------------
// Filters

function anyOf(query: URLSearchParams, name: string, valuesOf: (session: FakeSession) => unknown[]) {
  const wanted = new Set(query.getAll(name));
  if (wanted.size === 0) return undefined;
  return (session: FakeSession) => valuesOf(session).some((value) => wanted.has(value as string));
}

function equalTo(query: URLSearchParams, name: string, fieldOf: (session: FakeSession) => unknown) {
  const wanted = lastValue(query, name);
  if (wanted === undefined) return undefined;
  return (session: FakeSession) => fieldOf(session) === wanted;
}

function withinRange(fieldOf: (session: FakeSession) => number, from?: number, to?: number) {
  if (from === undefined && to === undefined) return undefined;
  return (session: FakeSession) => {
    const value = fieldOf(session);
    return (from === undefined || value >= from) && (to === undefined || value <= to);
  };
}

function definedOnly(predicates: (Predicate | undefined)[]): Predicate[] {
  return predicates.filter((predicate): predicate is Predicate => predicate !== undefined);
}

function inOrg(orgId: string | undefined): Predicate | undefined {
  return orgId === undefined ? undefined : (session) => session.org_id === orgId;
}

function v3Predicates(
  query: URLSearchParams,
  scopeOrgId?: string,
  createdAfter?: number,
  createdBefore?: number,
) {
  return definedOnly([
    inOrg(scopeOrgId),
    anyOf(query, 'org_ids', (session) => [session.org_id]),
    anyOf(query, 'tags', (session) => session.tags ?? []),
    anyOf(query, 'user_ids', (session) => [session.user_id]),
    anyOf(query, 'service_user_ids', (session) => [session.service_user_id]),
    anyOf(query, 'origins', (session) => [session.origin]),
    equalTo(query, 'category', (session) => session.category),
    equalTo(query, 'playbook_id', (session) => session.playbook_id),
    withinRange((session) => session.created_at, createdAfter, createdBefore),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Serialisation

function toV3Item(session: FakeSession): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(session)) {
    if (!key.startsWith('_')) item[key] = value;
  }
  return item;
}

const v3AnalysisJson = new WeakMap<object, string>();
const v2AnalysisJson = new WeakMap<object, string>();

/** Bulk sessions share one deep-frozen analysis: serialising it once keeps walks over 100,000 sessions cheap. */
function analysisJson(
  analysis: unknown,
  cache: WeakMap<object, string>,
  project: (analysis: object) => unknown,
) {
  if (analysis === null || typeof analysis !== 'object') return 'null';
  const cached = cache.get(analysis);
  if (cached !== undefined) return cached;
  const text = JSON.stringify(project(analysis));
  if (Object.isFrozen(analysis)) cache.set(analysis, text);
  return text;
}

function appendRawField(objectJson: string, key: string, valueJson: string): string {
  return `${objectJson.slice(0, -1)},${JSON.stringify(key)}:${valueJson}}`;
}

function v3ItemJson(session: FakeSession): string {
  const { analysis, ...rest } = toV3Item(session);
  if (!('analysis' in session)) return JSON.stringify(rest);
  return appendRawField(
    JSON.stringify(rest),
    'analysis',
    analysisJson(analysis, v3AnalysisJson, (a) => a),
  );
}

function isoSeconds(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().replace('.000Z', 'Z');
}

function records(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
}

function toV2SuggestedPrompt(value: unknown) {
  if (value === null || typeof value !== 'object') return null;
  const prompt = value as Record<string, unknown>;
  return {
    original_prompt: prompt.original_prompt,
    suggested_prompt: prompt.suggested_prompt,
    feedback_items: records(prompt.feedback_items).map((item) => ({
      issue_id: item.issue_id ?? null,
      summary: item.summary ?? null,
      excerpt: item.excerpt ?? null,
      details: item.details ?? null,
    })),
  };
}

function toV2Analysis(analysis: object) {
  const source = analysis as Record<string, unknown>;
  return {
    issues: records(source.issues).map(({ issue, impact, label }) => ({ issue, impact, label })),
    timeline: records(source.timeline).map(({ title, description }) => ({ title, description })),
    action_items: records(source.action_items).map((item) => ({
      issue_id: item.issue_id ?? null,
      type: item.type ?? 'other',
      action_item: item.action_item,
    })),
    suggested_prompt: toV2SuggestedPrompt(source.suggested_prompt),
  };
}

function spellPullRequest(pr: FakeSession['pull_requests'][number], spelling: PullRequestSpelling) {
  if (spelling === 'v3') return { pr_url: pr.pr_url, pr_state: pr.pr_state };
  if (spelling === 'both') return { pr_url: pr.pr_url, pr_state: pr.pr_state, state: pr.pr_state };
  return { url: pr.pr_url, state: pr.pr_state };
}

function initialUserMessage(session: FakeSession): unknown {
  if ('initial_user_message' in session) return session.initial_user_message;
  return session._initial_user_message ?? null;
}

function v2ItemJson(session: FakeSession, defaultSpelling: PullRequestSpelling): string {
  const spelling = session._v2_pr_spelling ?? defaultSpelling;
  const item = {
    session_id: session.session_id,
    url: session.url,
    status: session.status,
    title: session.title ?? null,
    tags: session.tags,
    user_id: session.user_id ?? null,
    org_id: session.org_id,
    created_at: isoSeconds(session.created_at),
    updated_at: isoSeconds(session.updated_at),
    acus_consumed: session.acus_consumed,
    pull_requests: (session.pull_requests ?? []).map((pr) => spellPullRequest(pr, spelling)),
    initial_user_message: initialUserMessage(session),
  };
  const analysis = analysisJson(session.analysis, v2AnalysisJson, toV2Analysis);
  return appendRawField(JSON.stringify(item), 'session_analysis', analysis);
}

// ---------------------------------------------------------------------------------------------
// Replies

function json(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return { status, body: JSON.stringify(value), headers: { 'content-type': 'application/json', ...headers } };
}

/** The total a list page answers: the true count, the one the test set, or none (undefined is left out). */
function answeredTotal(state: State, total: number): number | undefined {
  return state.answeredTotal === 'omitted' ? undefined : (state.answeredTotal ?? total);
}

/** A list page whose items are already serialised. */
function pageReply(items: string[], fields: Record<string, unknown>): Reply {
  const body = `{"items":[${items.join(',')}],${JSON.stringify(fields).slice(1)}`;
  return { status: 200, body, headers: { 'content-type': 'application/json' } };
}

function anyOffContract(sessions: FakeSession[]): boolean {
  return sessions.some((session) => session._off_contract === true);
}

function sessionNotFound(): Reply {
  return json(404, { detail: 'Session not found' });
}

function validationFailed(issues: ValidationIssue[]): Reply {
  return json(422, { detail: issues });
}

// ---------------------------------------------------------------------------------------------
// Generation

/** A session returned by any endpoint is one "read"; pending generations complete after enough of them. */
function recordRead(state: State, session: FakeSession): void {
  const key = bareId(session.session_id);
  const pending = state.pending.get(key);
  if (!pending || pending.readsLeft === 'never') return;
  pending.readsLeft -= 1;
  if (pending.readsLeft <= 0) {
    session.analysis = pending.analysis;
    state.pending.delete(key);
  }
}

function findByDevinId(state: State, devinId: string | undefined): FakeSession | undefined {
  if (!devinId?.startsWith(DEVIN_PREFIX)) return undefined;
  return state.sessions.get(devinId);
}

function generateInsights(state: State, params: RouteParams): Reply {
  const session = findByDevinId(state, params.devinId);
  if (!session || session.org_id !== params.orgId) return sessionNotFound();
  const key = bareId(session.session_id);
  if ((session.analysis ?? null) !== null || state.pending.has(key)) {
    return json(200, { session_id: session.session_id, status: 'already_exists' });
  }
  const plan = state.generation.get(key) ?? {};
  const readsLeft = plan.readsUntilReady ?? 1;
  const analysis = plan.analysis ?? makeAnalysis();
  if (readsLeft !== 'never' && readsLeft <= 0) session.analysis = analysis;
  else state.pending.set(key, { analysis, readsLeft });
  return json(200, { session_id: session.session_id, status: plan.status ?? 'started' });
}

// ---------------------------------------------------------------------------------------------
// Endpoints

function getSession(state: State, params: RouteParams, query: URLSearchParams, scopeOrgId?: string): Reply {
  const session = findByDevinId(state, params.devinId);
  const orgId = scopeOrgId ?? lastValue(query, 'org_id');
  if (!session || (orgId !== undefined && session.org_id !== orgId)) return sessionNotFound();
  recordRead(state, session);
  return { ...json(200, toV3Item(session)), offContract: session._off_contract === true };
}

function listV3(state: State, query: URLSearchParams, scopeOrgId: string | undefined): Reply {
  const issues: ValidationIssue[] = [];
  const first = readNumber(query, 'first') ?? 100;
  const createdAfter = readNumber(query, 'created_after');
  const createdBefore = readNumber(query, 'created_before');
  const updatedAfter = readNumber(query, 'updated_after');
  const updatedBefore = readNumber(query, 'updated_before');
  const cursor = readCursor(state, query, issues);
  if (issues.length > 0) return validationFailed(issues);

  const source = candidates(state, query.getAll('session_ids'), state.byUpdated, compareByUpdated);
  const low = updatedBefore === undefined ? 0 : lowerBound(source, (s) => s.updated_at <= updatedBefore);
  const highBound =
    updatedAfter === undefined ? source.length : lowerBound(source, (s) => s.updated_at < updatedAfter);
  const high = Math.max(low, highBound);
  const start = cursor ? Math.max(low, lowerBound(source, isAfterCursor(cursor))) : low;
  const predicates = v3Predicates(query, scopeOrgId, createdAfter, createdBefore);

  const matched = collect(source, start, high, predicates, first + 1);
  const page = matched.slice(0, first);
  const hasNextPage = matched.length > first;
  const last = page[page.length - 1];
  const total =
    predicates.length === 0
      ? high - low
      : state.cached(
          `v3|${scopeOrgId}|${filterKey(query, ['first', 'after'])}`,
          () => collect(source, low, high, predicates, Number.POSITIVE_INFINITY).length,
        );
  const items = page.map((session) => {
    recordRead(state, session);
    return v3ItemJson(session);
  });
  const endCursor = hasNextPage && last ? issueCursor(state, last) : null;
  const reply = pageReply(items, {
    end_cursor: endCursor,
    has_next_page: hasNextPage,
    total: answeredTotal(state, total),
  });
  return { ...reply, offContract: anyOffContract(page) };
}

function v2Matches(state: State, query: URLSearchParams, orgId: string, dates: (number | undefined)[]) {
  const [createdFrom, createdTo, updatedFrom, updatedTo] = dates;
  const source = candidates(state, query.getAll('session_ids'), state.byCreated, compareByCreated);
  const low = createdTo === undefined ? 0 : lowerBound(source, (s) => s.created_at * 1000 <= createdTo);
  const highBound =
    createdFrom === undefined ? source.length : lowerBound(source, (s) => s.created_at * 1000 < createdFrom);
  const predicates = definedOnly([
    inOrg(orgId),
    anyOf(query, 'org_ids', (session) => [session.org_id]),
    anyOf(query, 'user_ids', (session) => [session.user_id]),
    anyOf(query, 'tags', (session) => session.tags ?? []),
    withinRange((session) => session.updated_at * 1000, updatedFrom, updatedTo),
  ]);
  const matched = collect(source, low, Math.max(low, highBound), predicates, Number.POSITIVE_INFINITY);
  return lastValue(query, 'order') === 'asc' ? matched.reverse() : matched;
}

function listV2(state: State, query: URLSearchParams, orgId: string): Reply {
  const skip = readNumber(query, 'skip') ?? 0;
  const limit = readNumber(query, 'limit') ?? 100;
  const dateParams = ['created_date_from', 'created_date_to', 'updated_date_from', 'updated_date_to'];
  const dates = dateParams.map((name) => readDateTime(query, name));

  const key = `v2|${orgId}|${filterKey(query, ['skip', 'limit'])}`;
  const matches = state.cached(key, () => v2Matches(state, query, orgId, dates));
  const hasMore = skip + limit < matches.length;
  const page = matches.slice(skip, skip + limit);
  const items = page.map((session) => {
    recordRead(state, session);
    return v2ItemJson(session, state.spelling);
  });
  const nextCursor = hasMore ? skip + limit : null;
  const reply = pageReply(items, {
    total: answeredTotal(state, matches.length),
    skip,
    limit,
    has_more: hasMore,
    next_cursor: nextCursor,
  });
  return { ...reply, offContract: anyOffContract(page) };
}

// ---------------------------------------------------------------------------------------------
// Routing and auth

interface MatchedRoute {
  route: Route;
  params: RouteParams;
}

function decodeSegment(segment: string | undefined): string | undefined {
  return segment === undefined ? undefined : decodeURIComponent(segment);
}

function matchRoute(pathname: string): MatchedRoute | undefined {
  for (const route of ROUTES) {
    const found = route.pattern.exec(pathname);
    if (!found) continue;
    const groups = found.groups ?? {};
    try {
      return {
        route,
        params: { orgId: decodeSegment(groups.orgId), devinId: decodeSegment(groups.devinId) },
      };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function bearerToken(authorization: string | undefined): string | undefined {
  return /^bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
}

function authenticate(kind: EndpointKind, authorization: string | undefined): Reply | undefined {
  const token = bearerToken(authorization);
  const challenge = { 'www-authenticate': 'Bearer' };
  if (token === undefined) return json(401, { detail: 'Not authenticated' }, challenge);
  const prefix = kind === 'v2-list' ? 'apk_' : 'cog_';
  if (!token.startsWith(prefix)) return json(401, { detail: 'Invalid API key' }, challenge);
  return undefined;
}

function dispatch(state: State, matched: MatchedRoute, query: URLSearchParams): Reply {
  const { route, params } = matched;
  switch (route.kind) {
    case 'enterprise-list':
      return listV3(state, query, undefined);
    case 'org-list':
      return listV3(state, query, params.orgId);
    case 'enterprise-get':
      return getSession(state, params, query);
    case 'org-get':
      return getSession(state, params, query, params.orgId);
    case 'generate':
      return generateInsights(state, params);
    case 'v2-list':
      return listV2(state, query, params.orgId ?? '');
  }
}

function answer(
  state: State,
  matched: MatchedRoute | undefined,
  method: string,
  request: RequestParts,
): Reply {
  if (!matched) return json(404, { detail: 'Not Found' });
  const { route } = matched;
  if (method !== route.method) return json(405, { detail: 'Method Not Allowed' }, { allow: route.method });
  const refused = authenticate(route.kind, request.authorization);
  if (refused) return refused;
  if (state.forbidden.has(route.kind)) return json(403, { detail: FORBIDDEN_DETAIL[route.kind] });
  return dispatch(state, matched, request.query);
}

// ---------------------------------------------------------------------------------------------
// Faults

interface QueuedFault {
  fault: Fault;
  remaining: number;
}

interface RequestParts extends FaultRequest {
  authorization: string | undefined;
}

function takeFault(queue: QueuedFault[], kind: string, request: FaultRequest): Fault | undefined {
  const index = queue.findIndex(
    ({ fault }) =>
      (fault.kind === undefined || fault.kind === kind) && (!fault.match || fault.match(request)),
  );
  const queued = queue[index];
  if (!queued) return undefined;
  queued.remaining -= 1;
  if (queued.remaining <= 0) queue.splice(index, 1);
  return queued.fault;
}

/** What a validating gateway in front of the API answers to a request off the documented contract. */
function contractRefusal(problems: ContractProblem[]): Reply {
  return json(422, { detail: problems });
}

async function readBody(request: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function faultReply(fault: Fault, request: FaultRequest): Reply {
  const status = fault.status ?? 500;
  const body = fault.body ?? JSON.stringify({ detail: http.STATUS_CODES[status] ?? 'Error' });
  const contentType = body.trimStart().startsWith('<') ? 'text/html; charset=utf-8' : 'application/json';
  const headers = { 'content-type': contentType, ...fault.headers, ...fault.headersFor?.(request) };
  return { status, body, headers };
}

// ---------------------------------------------------------------------------------------------
// Server

function send(response: http.ServerResponse, reply: Reply, cutAfterBytes?: number): void {
  if (response.destroyed || response.writableEnded) return;
  response.writeHead(reply.status, { ...reply.headers, 'content-length': Buffer.byteLength(reply.body) });
  if (cutAfterBytes === undefined) response.end(reply.body);
  else response.write(Buffer.from(reply.body).subarray(0, cutAfterBytes), () => response.destroy());
}

function createState(options: FakeDevinOptions): State {
  const sessions = new SessionMap();
  for (const session of options.sessions ?? []) sessions.set(session.session_id, session);
  const generation = new Map<string, GenerationPlan>();
  for (const [id, plan] of Object.entries(options.generation ?? {})) generation.set(bareId(id), plan);
  return {
    sessions,
    byUpdated: lazySorted(sessions, compareByUpdated),
    byCreated: lazySorted(sessions, compareByCreated),
    cached: versionedCache(sessions),
    pending: new Map(),
    generation,
    issuedCursors: new Set(),
    spelling: options.v2PullRequestSpelling ?? 'v2',
    forbidden: new Set(options.forbidden ?? []),
    answeredTotal: options.answeredTotal,
  };
}

export async function startFakeDevinApi(options: FakeDevinOptions = {}): Promise<FakeDevinApi> {
  const state = createState(options);
  const latencyMs = options.latencyMs ?? 0;
  const requests: RecordedRequest[] = [];
  const faults: QueuedFault[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const wait = (ms: number) =>
    ms <= 0
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            timers.delete(timer);
            resolve();
          }, ms);
          timers.add(timer);
        });

  const violations: ContractViolation[] = [];
  const violation = (side: ContractViolation['side'], request: string, problems: ContractProblem[]) => {
    const found = { side, request, problems: problems.map(describeProblem) };
    violations.push(found);
    reportViolation(found);
  };

  const inFlight = new Map<string, number>();
  const peaks = new Map<string, number>();
  const countInFlight = (kind: string, response: http.ServerResponse) => {
    const now = (inFlight.get(kind) ?? 0) + 1;
    inFlight.set(kind, now);
    peaks.set(kind, Math.max(peaks.get(kind) ?? 0, now));
    response.on('close', () => inFlight.set(kind, (inFlight.get(kind) ?? 1) - 1));
  };

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    countInFlight(matchRoute(url.pathname)?.route.kind ?? 'unknown', response);
    const body = await readBody(request);
    const method = request.method ?? 'GET';
    const parts: RequestParts = {
      method,
      path: url.pathname,
      query: url.searchParams,
      authorization: request.headers.authorization,
    };
    const matched = matchRoute(url.pathname);
    const kind = matched?.route.kind ?? 'unknown';
    const contentType = request.headers['content-type'];
    const record = (status: number) => requests.push({ ...parts, contentType, body, kind, status });
    const described = `${method} ${request.url ?? '/'}`;
    const checked = checkRequest({
      method,
      pathname: url.pathname,
      query: url.searchParams,
      contentType,
      body,
    });
    if (checked.problems.length > 0) violation('request', described, checked.problems);
    // An undocumented path or method is answered 404 / 405 by the routes below, as the real API would.
    if (checked.problems.length > 0 && checked.operation) {
      record(422);
      await wait(latencyMs);
      send(response, contractRefusal(checked.problems));
      return;
    }
    const fault = takeFault(faults, kind, { method, path: parts.path, query: parts.query });
    if (fault) {
      record(fault.reset ? 0 : (fault.status ?? 500));
      await wait(latencyMs + (fault.delayMs ?? 0));
      const reply = faultReply(fault, { method, path: parts.path, query: parts.query });
      if (fault.reset) request.socket.destroy();
      else if (fault.trickleMs !== undefined)
        trickle(response, reply.status, reply.headers, Buffer.from(reply.body), fault.trickleMs);
      else send(response, reply, fault.cutAfterBytes);
      return;
    }
    const reply = answer(state, matched, method, parts);
    record(reply.status);
    if (checked.operation && !reply.offContract && options.checkResponses !== false) {
      const problems = checkResponse(
        checked.operation,
        reply.status,
        reply.headers['content-type'],
        reply.body,
      );
      if (problems.length > 0) violation('response', described, problems);
    }
    await wait(latencyMs);
    send(response, reply);
  }

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      send(response, json(500, { detail: `Fake Devin API failure: ${String(error)}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve, reject) => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
    return closing;
  };

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    sessions: state.sessions,
    addSessions(sessions) {
      for (const session of sessions) state.sessions.set(session.session_id, session);
    },
    setAnalysis(id, analysis) {
      const session = state.sessions.get(id);
      if (!session) throw new Error(`Fake Devin API: no session ${id}`);
      session.analysis = analysis;
      state.pending.delete(bareId(id));
    },
    injectFault(fault) {
      faults.push({ fault, remaining: fault.times ?? 1 });
    },
    violations,
    takeViolations() {
      const taken = violations.splice(0);
      claimViolations(taken);
      return taken;
    },
    peakInFlight: (kind) => peaks.get(kind) ?? 0,
    countRequests(kind) {
      return kind === undefined
        ? requests.length
        : requests.filter((request) => request.kind === kind).length;
    },
    close,
  };
}
