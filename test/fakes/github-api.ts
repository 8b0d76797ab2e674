import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { trickle } from './trickle.ts';

export interface FakeUser {
  login: string;
  id: number;
  type: 'User' | 'Bot';
}

export const ACTIONS_BOT: FakeUser = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };

interface FakePullRequest {
  owner: string;
  repo: string;
  number: number;
  title?: string;
  body?: string | null;
  created_at?: string;
  merged?: boolean;
  state?: 'open' | 'closed';
  user?: FakeUser;
  /** Names of the labels on the pull request. */
  labels?: string[];
  /** The head commit; a fixed one by default. */
  headSha?: string;
}

/** A repository as GitHub lists it. Those of the pull requests added are known too: an organization's, not archived. */
interface FakeRepository {
  owner: string;
  name: string;
  /** Who owns it; 'Organization' unless told. */
  ownerType?: 'Organization' | 'User';
  archived?: boolean;
}

/** A commit status as GitHub keeps it. */
interface FakeCommitStatus {
  owner: string;
  repo: string;
  sha: string;
  context: string;
  state: string;
  description: string | null;
  target_url: string | null;
  /** Order of creation, the first 1. */
  id: number;
}

interface FakeComment {
  id: number;
  body: string;
  /** Every body the comment has had, the first one first (the last is `body`). */
  revisions: string[];
  user: FakeUser;
  created_at: string;
  updated_at: string;
  html_url: string;
  owner: string;
  repo: string;
  issue_number: number;
}

export interface FakeGitHubOptions {
  pulls?: FakePullRequest[];
  repositories?: FakeRepository[];
  /**
   * GitHub App installation tokens: token => full names (`owner/name`) of the repositories the installation
   * can read, which GET /installation/repositories lists; any other token gets 403 there.
   */
  installations?: Record<string, string[]>;
  /** token => identity. Default: { 'ghs_fake_token': ACTIONS_BOT }. Unknown or missing token => 401 {"message":"Bad credentials"}. */
  tokens?: Record<string, FakeUser>;
  /** tokens whose writes answer 403 {"message":"Resource not accessible by integration"} (fork pull requests) */
  readOnlyTokens?: string[];
  latencyMs?: number;
  /** GHES-style prefix: serve everything under '/api/v3' (GITHUB_API_URL = http://127.0.0.1:PORT/api/v3) */
  pathPrefix?: string;
  /** host used in html_url values, default 'github.com' (GHES tests pass e.g. 'ghes.example.com') */
  htmlHost?: string;
  /**
   * Hold the first N listings of an issue's comments until all N have arrived: N runs that race then all see
   * the comments as they were before any of them wrote.
   */
  holdFirstListings?: number;
}

/** One answered request; `path` is relative to the API base (pathPrefix removed). */
export interface FakeGitHubRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  status: number;
  token?: string;
}

interface FakeGitHubFault {
  method?: string;
  /** matched against the raw request path and query string */
  pathIncludes?: string;
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** how many requests this fault answers, default 1 (Infinity allowed) */
  times?: number;
  /** announce the whole body but send only this many bytes of it, then drop the connection */
  cutAfterBytes?: number;
  /** send the headers at once, then the body one byte every this many ms */
  trickleMs?: number;
}

export interface FakeGitHubApi {
  url: string;
  requests: FakeGitHubRequest[];
  /** Every commit status set, oldest first. */
  statuses: FakeCommitStatus[];
  /** The latest status of each context on a commit, as GitHub's combined status shows them. */
  latestStatuses(owner: string, repo: string, sha: string): Map<string, FakeCommitStatus>;
  /** Replaces a pull request's labels, as a person would while a run waits. */
  setLabels(owner: string, repo: string, number: number, labels: string[]): void;
  comments: FakeComment[];
  commentsOn(owner: string, repo: string, number: number): FakeComment[];
  addComment(comment: {
    owner: string;
    repo: string;
    issue_number: number;
    body: string;
    user?: FakeUser;
  }): FakeComment;
  addPull(pull: FakePullRequest): void;
  /** Deletes a comment as a person would on github.com. */
  removeComment(id: number): void;
  /** Calls the listener with every answered request, before the answer is sent. */
  onRequest(listener: (request: FakeGitHubRequest) => void): void;
  injectFault(fault: FakeGitHubFault): void;
  close(): Promise<void>;
}

type Json = Record<string, unknown>;

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  cutAfterBytes?: number;
  trickleMs?: number;
}

interface StoredPull extends FakePullRequest {
  id: number;
  created_at: string;
}

interface RequestContext {
  method: string;
  path: string;
  query: URLSearchParams;
  /** scheme + Host header + pathPrefix, used for absolute URLs in Link headers */
  apiBase: string;
  identity: FakeUser;
  /** The token the request authenticated with. */
  token: string;
  body: unknown;
}

interface Route {
  method: string;
  pattern: RegExp;
  handle(context: RequestContext, params: string[]): Reply;
}

const MAX_COMMENT_LENGTH = 65_536;
const RATE_LIMIT = 5000;
const DEFAULT_PER_PAGE = 30;
const MAX_PER_PAGE = 100;
const FIRST_COMMENT_ID = 2_000_000_001;
const FIRST_PULL_ID = 1_700_000_001;
const DOCS = 'https://docs.github.com/rest';
const CREATE_COMMENT_DOCS = `${DOCS}/issues/comments#create-an-issue-comment`;
const UPDATE_COMMENT_DOCS = `${DOCS}/issues/comments#update-an-issue-comment`;
const STATUS_DOCS = `${DOCS}/commits/statuses#create-a-commit-status`;
const STATUS_DESCRIPTION_LIMIT = 140;
/** The head commit of a pull request that names none. */
export const DEFAULT_HEAD_SHA = '6dcb09b5b57875f334f61aebed695e2e4193db5e';

const NOT_FOUND: Reply = { status: 404, body: { message: 'Not Found', documentation_url: DOCS } };
const BAD_CREDENTIALS: Reply = { status: 401, body: { message: 'Bad credentials', documentation_url: DOCS } };

function forbidden(documentationUrl: string): Reply {
  return {
    status: 403,
    body: {
      message: 'Resource not accessible by integration',
      documentation_url: documentationUrl,
      status: '403',
    },
  };
}

function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function pullKey(owner: string, repo: string, number: number): string {
  return `${owner}/${repo}#${number}`.toLowerCase();
}

function sameRepo(comment: { owner: string; repo: string }, owner: string, repo: string): boolean {
  return `${comment.owner}/${comment.repo}`.toLowerCase() === `${owner}/${repo}`.toLowerCase();
}

function nodeId(prefix: string, id: number): string {
  return `${prefix}_kwDO${Buffer.from(String(id)).toString('base64url')}`;
}

function bodyTooLong(documentationUrl: string): Reply {
  return {
    status: 422,
    body: {
      message: 'Validation Failed',
      errors: [
        {
          resource: 'IssueComment',
          code: 'custom',
          field: 'body',
          message: `body is too long (maximum is ${MAX_COMMENT_LENGTH} characters)`,
        },
      ],
      documentation_url: documentationUrl,
      status: '422',
    },
  };
}

function bodyMissing(documentationUrl: string): Reply {
  return {
    status: 422,
    body: {
      message: 'Invalid request.\n\n"body" wasn\'t supplied.',
      documentation_url: documentationUrl,
      status: '422',
    },
  };
}

/** The 422 a comment body deserves, or undefined when it is acceptable. */
function validateCommentBody(body: unknown, documentationUrl: string): Reply | undefined {
  const text = (body as Json | null)?.body;
  if (typeof text !== 'string') return bodyMissing(documentationUrl);
  if (text.length > MAX_COMMENT_LENGTH) return bodyTooLong(documentationUrl);
  return undefined;
}

function parsePositiveInt(value: string | null, fallback: number): number {
  const parsed = Number.parseInt(value ?? '', 10);
  return Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
}

function linkHeader(context: RequestContext, page: number, lastPage: number): string | undefined {
  const relations: [string, number][] = [];
  if (page > 1) relations.push(['prev', Math.min(page - 1, lastPage)]);
  if (page < lastPage) relations.push(['next', page + 1], ['last', lastPage]);
  if (page > 1) relations.push(['first', 1]);
  if (relations.length === 0) return undefined;
  return relations
    .map(([rel, target]) => {
      const query = new URLSearchParams(context.query);
      query.set('page', String(target));
      return `<${context.apiBase}${context.path}?${query}>; rel="${rel}"`;
    })
    .join(', ');
}

/** One page of `all` by `per_page` (30 unless told, 100 at most) and `page`, with GitHub's Link header. */
function paged(context: RequestContext, all: unknown[]): Reply & { body: unknown[] } {
  const perPage = Math.min(parsePositiveInt(context.query.get('per_page'), DEFAULT_PER_PAGE), MAX_PER_PAGE);
  const page = parsePositiveInt(context.query.get('page'), 1);
  const lastPage = Math.max(1, Math.ceil(all.length / perPage));
  const link = linkHeader(context, page, lastPage);
  return {
    status: 200,
    body: all.slice((page - 1) * perPage, page * perPage),
    headers: link ? { link } : {},
  };
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function tokenFrom(request: http.IncomingMessage): string | undefined {
  const match = /^(?:token|bearer)\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}

function requestId(): string {
  const hex = randomBytes(10).toString('hex').toUpperCase();
  return `${hex.slice(0, 4)}:${hex.slice(4, 8)}:${hex.slice(8, 14)}:${hex.slice(14, 20)}`;
}

class FakeGitHubServer implements FakeGitHubApi {
  url = '';
  requests: FakeGitHubRequest[] = [];
  statuses: FakeCommitStatus[] = [];
  comments: FakeComment[] = [];

  private readonly server: http.Server;
  private readonly pulls = new Map<string, StoredPull>();
  private readonly faults: (FakeGitHubFault & { remaining: number })[] = [];
  private readonly listeners: ((request: FakeGitHubRequest) => void)[] = [];
  private readonly usedByToken = new Map<string, number>();
  private readonly tokens: Record<string, FakeUser>;
  private readonly readOnlyTokens: Set<string>;
  private readonly latencyMs: number;
  private readonly pathPrefix: string;
  private readonly htmlHost: string;
  private readonly rateLimitReset = Math.floor(Date.now() / 1000) + 3600;
  private readonly routes: Route[];
  private nextCommentId = FIRST_COMMENT_ID;
  private readonly listingGate: { held: number; open: Promise<void>; release: () => void } | undefined;
  private nextPullId = FIRST_PULL_ID;
  private readonly repositories = new Map<string, FakeRepository>();
  private readonly installations: Record<string, string[]>;

  constructor(options: FakeGitHubOptions) {
    this.installations = options.installations ?? {};
    for (const repository of options.repositories ?? []) this.addRepository(repository);
    this.tokens = options.tokens ?? { ghs_fake_token: ACTIONS_BOT };
    this.readOnlyTokens = new Set(options.readOnlyTokens ?? []);
    this.latencyMs = options.latencyMs ?? 0;
    this.pathPrefix = (options.pathPrefix ?? '').replace(/\/+$/, '');
    this.htmlHost = options.htmlHost ?? 'github.com';
    this.routes = this.buildRoutes();
    if (options.holdFirstListings) {
      let release = () => {};
      const open = new Promise<void>((resolve) => {
        release = resolve;
      });
      this.listingGate = { held: options.holdFirstListings, open, release };
    }
    for (const pull of options.pulls ?? []) this.addPull(pull);
    this.server = http.createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        this.send(response, { status: 500, body: { message: `Fake GitHub API error: ${String(error)}` } });
      });
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}${this.pathPrefix}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private addRepository(repository: FakeRepository): void {
    this.repositories.set(`${repository.owner}/${repository.name}`.toLowerCase(), repository);
  }

  addPull(pull: FakePullRequest): void {
    const known = `${pull.owner}/${pull.repo}`.toLowerCase();
    if (!this.repositories.has(known)) this.addRepository({ owner: pull.owner, name: pull.repo });
    const created_at = pull.created_at ?? isoSeconds(new Date(Date.now() - 3_600_000));
    this.pulls.set(pullKey(pull.owner, pull.repo, pull.number), {
      ...pull,
      created_at,
      id: this.nextPullId++,
    });
  }

  addComment(comment: {
    owner: string;
    repo: string;
    issue_number: number;
    body: string;
    user?: FakeUser;
  }): FakeComment {
    const pull = this.pulls.get(pullKey(comment.owner, comment.repo, comment.issue_number));
    if (!pull) {
      throw new Error(
        `Fake GitHub API: unknown pull request ${comment.owner}/${comment.repo}#${comment.issue_number}; addPull() it first`,
      );
    }
    return this.createComment(pull, comment.body, comment.user ?? ACTIONS_BOT);
  }

  commentsOn(owner: string, repo: string, number: number): FakeComment[] {
    return this.comments.filter(
      (comment) => sameRepo(comment, owner, repo) && comment.issue_number === number,
    );
  }

  removeComment(id: number): void {
    const index = this.comments.findIndex((comment) => comment.id === id);
    if (index < 0) throw new Error(`Fake GitHub API: no comment ${id} to delete`);
    this.comments.splice(index, 1);
  }

  onRequest(listener: (request: FakeGitHubRequest) => void): void {
    this.listeners.push(listener);
  }

  injectFault(fault: FakeGitHubFault): void {
    this.faults.push({ ...fault, remaining: fault.times ?? 1 });
  }

  private createComment(pull: StoredPull, body: string, user: FakeUser): FakeComment {
    const id = this.nextCommentId++;
    const now = isoSeconds(new Date());
    const comment: FakeComment = {
      id,
      body,
      revisions: [body],
      user,
      created_at: now,
      updated_at: now,
      html_url: `${this.pullHtmlUrl(pull)}#issuecomment-${id}`,
      owner: pull.owner,
      repo: pull.repo,
      issue_number: pull.number,
    };
    this.comments.push(comment);
    return comment;
  }

  private async passListingGate(): Promise<void> {
    const gate = this.listingGate;
    if (!gate || gate.held === 0) return;
    gate.held -= 1;
    if (gate.held === 0) gate.release();
    await gate.open;
  }

  private async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const rawUrl = new URL(request.url ?? '/', 'http://fake');
    const method = (request.method ?? 'GET').toUpperCase();
    const path = this.stripPrefix(rawUrl.pathname);
    const token = tokenFrom(request);
    const text = await readBody(request);
    if (this.latencyMs > 0) await delay(this.latencyMs);
    if (method === 'GET' && /\/issues\/\d+\/comments$/.test(path ?? '')) await this.passListingGate();
    const reply = this.answer(method, path, rawUrl, token, text, request.headers.host);
    const answered = {
      method,
      path: path ?? rawUrl.pathname,
      query: rawUrl.searchParams,
      status: reply.status,
      token,
    };
    this.requests.push(answered);
    for (const listener of this.listeners) listener(answered);
    this.send(response, reply, token, path === '/graphql' ? 'graphql' : 'core');
  }

  private answer(
    method: string,
    path: string | undefined,
    rawUrl: URL,
    token: string | undefined,
    text: string,
    host: string | undefined,
  ): Reply {
    const fault = this.takeFault(method, `${rawUrl.pathname}${rawUrl.search}`);
    if (fault) return fault;
    const identity = token === undefined ? undefined : this.tokens[token];
    if (!identity || token === undefined) return BAD_CREDENTIALS;
    if (path === undefined) return NOT_FOUND;
    if (method !== 'GET' && path.startsWith('/repos/') && this.readOnlyTokens.has(token)) {
      return forbidden(CREATE_COMMENT_DOCS);
    }
    const parsed = parseJson(text);
    if (!parsed.ok)
      return { status: 400, body: { message: 'Problems parsing JSON', documentation_url: DOCS } };
    const apiBase = `http://${host ?? '127.0.0.1'}${this.pathPrefix}`;
    const context = {
      method,
      path,
      query: rawUrl.searchParams,
      apiBase,
      identity,
      token,
      body: parsed.value,
    };
    return this.route(context);
  }

  private route(context: RequestContext): Reply {
    for (const route of this.routes) {
      const match = route.method === context.method ? route.pattern.exec(context.path) : null;
      if (match) return route.handle(context, match.slice(1).map(decodeURIComponent));
    }
    return NOT_FOUND;
  }

  /** Path relative to the API base, or undefined when outside it. GHES serves GraphQL at /api/graphql next to /api/v3. */
  private stripPrefix(pathname: string): string | undefined {
    if (this.pathPrefix === '') return pathname;
    const graphqlPath = `${this.pathPrefix.replace(/\/v3$/, '')}/graphql`;
    if (pathname === graphqlPath) return '/graphql';
    if (pathname.startsWith(`${this.pathPrefix}/`)) return pathname.slice(this.pathPrefix.length);
    return undefined;
  }

  private takeFault(method: string, pathAndQuery: string): Reply | undefined {
    const index = this.faults.findIndex(
      (fault) =>
        (fault.method === undefined || fault.method.toUpperCase() === method) &&
        (fault.pathIncludes === undefined || pathAndQuery.includes(fault.pathIncludes)),
    );
    const fault = this.faults[index];
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.splice(index, 1);
    const body = fault.body ?? JSON.stringify({ message: http.STATUS_CODES[fault.status] ?? 'Error' });
    return {
      status: fault.status,
      body: Buffer.from(body),
      headers: fault.headers,
      cutAfterBytes: fault.cutAfterBytes,
      trickleMs: fault.trickleMs,
    };
  }

  private send(response: http.ServerResponse, reply: Reply, token?: string, resource = 'core'): void {
    if (response.headersSent) return;
    const headers = { ...this.rateLimitHeaders(token, resource), ...reply.headers };
    if (reply.status === 204 || reply.body === undefined) {
      response.writeHead(reply.status, headers).end();
      return;
    }
    const payload = Buffer.isBuffer(reply.body) ? reply.body : JSON.stringify(reply.body);
    if (reply.trickleMs !== undefined) {
      const json = { 'content-type': 'application/json; charset=utf-8', ...headers };
      trickle(response, reply.status, json, Buffer.from(payload), reply.trickleMs);
      return;
    }
    response.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    if (reply.cutAfterBytes === undefined) response.end(payload);
    else response.write(Buffer.from(payload).subarray(0, reply.cutAfterBytes), () => response.destroy());
  }

  private rateLimitHeaders(token: string | undefined, resource: string): Record<string, string> {
    const key = token ?? '';
    const used = (this.usedByToken.get(key) ?? 0) + 1;
    this.usedByToken.set(key, used);
    return {
      'x-ratelimit-limit': String(RATE_LIMIT),
      'x-ratelimit-remaining': String(Math.max(0, RATE_LIMIT - used)),
      'x-ratelimit-reset': String(this.rateLimitReset),
      'x-ratelimit-used': String(used),
      'x-ratelimit-resource': resource,
      'x-github-request-id': requestId(),
      'x-github-api-version-selected': '2022-11-28',
    };
  }

  private buildRoutes(): Route[] {
    const repo = '^/repos/([^/]+)/([^/]+)';
    const route = (method: string, pattern: string, handler: Route['handle']): Route => ({
      method,
      pattern: new RegExp(`${pattern}$`),
      handle: handler.bind(this),
    });
    return [
      route('GET', `${repo}/pulls`, this.listPulls),
      route('GET', `${repo}/pulls/(\\d+)`, this.getPull),
      route('GET', `${repo}/issues/(\\d+)/comments`, this.listComments),
      route('POST', `${repo}/issues/(\\d+)/comments`, this.postComment),
      route('PATCH', `${repo}/issues/comments/(\\d+)`, this.patchComment),
      route('POST', `${repo}/statuses/([^/]+)`, this.postStatus),
      route('DELETE', `${repo}/issues/comments/(\\d+)`, this.deleteComment),
      route('GET', '^/user', this.getUser),
      route('GET', '^/installation/repositories', this.listInstallationRepositories),
      route('GET', '^/orgs/([^/]+)/repos', this.listOrganizationRepositories),
      route('GET', '^/users/([^/]+)/repos', this.listUserRepositories),
      route('POST', '^/graphql', this.graphql),
    ];
  }

  private findPull([owner = '', repo = '', number = '']: string[]): StoredPull | undefined {
    return this.pulls.get(pullKey(owner, repo, Number(number)));
  }

  private findComment([owner = '', repo = '', id = '']: string[]): FakeComment | undefined {
    return this.comments.find((comment) => comment.id === Number(id) && sameRepo(comment, owner, repo));
  }

  private getPull(_context: RequestContext, params: string[]): Reply {
    const pull = this.findPull(params);
    return pull ? { status: 200, body: this.pullJson(pull) } : NOT_FOUND;
  }

  /**
   * `state` open (GitHub's default), closed or all; newest first, as GitHub sorts by default, or the most
   * recently updated first with `sort=updated` (`direction` desc, its default there).
   */
  private listPulls(context: RequestContext, [owner = '', repo = '']: string[]): Reply {
    const state = context.query.get('state') ?? 'open';
    const byUpdate = context.query.get('sort') === 'updated';
    const all = [...this.pulls.values()]
      .filter((pull) => sameRepo(pull, owner, repo))
      .map((pull) => this.pullJson(pull))
      .filter((pull) => state === 'all' || pull.state === state)
      .sort((a, b) =>
        byUpdate
          ? Date.parse(String(b.updated_at)) - Date.parse(String(a.updated_at))
          : Number(b.number) - Number(a.number),
      );
    if (byUpdate && context.query.get('direction') === 'asc') all.reverse();
    return paged(context, all);
  }

  /** The repositories of the token's GitHub App installation, as `{ total_count, repositories }`. */
  private listInstallationRepositories(context: RequestContext, _params: string[]): Reply {
    const names = this.installations[context.token];
    if (names === undefined)
      return forbidden(`${DOCS}/apps/installations#list-repositories-accessible-to-the-app-installation`);
    const repositories = names.flatMap((name) => {
      const repository = this.repositories.get(name.toLowerCase());
      return repository ? [this.repositoryJson(repository)] : [];
    });
    const reply = paged(context, repositories);
    return { ...reply, body: { total_count: repositories.length, repositories: reply.body } };
  }

  /** An organization's repositories; 404 for an owner that is a user, or unknown. */
  private listOrganizationRepositories(context: RequestContext, [owner = '']: string[]): Reply {
    const owned = this.repositoriesOf(owner);
    if (owned.length === 0 || owned.some((repository) => repository.ownerType === 'User')) return NOT_FOUND;
    return paged(
      context,
      owned.map((repository) => this.repositoryJson(repository)),
    );
  }

  /** A user's repositories (an organization's too, as on GitHub); 404 for an unknown owner. */
  private listUserRepositories(context: RequestContext, [owner = '']: string[]): Reply {
    const owned = this.repositoriesOf(owner);
    if (owned.length === 0) return NOT_FOUND;
    return paged(
      context,
      owned.map((repository) => this.repositoryJson(repository)),
    );
  }

  private repositoriesOf(owner: string): FakeRepository[] {
    return [...this.repositories.values()]
      .filter((repository) => repository.owner.toLowerCase() === owner.toLowerCase())
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  private listComments(context: RequestContext, params: string[]): Reply {
    const pull = this.findPull(params);
    if (!pull) return NOT_FOUND;
    const since = context.query.get('since');
    const sinceMs = since ? Date.parse(since) : Number.NaN;
    if (since && Number.isNaN(sinceMs)) {
      return {
        status: 422,
        body: { message: 'Validation Failed', errors: [{ field: 'since', code: 'invalid' }] },
      };
    }
    const all = this.commentsOn(pull.owner, pull.repo, pull.number).filter(
      (comment) =>
        Number.isNaN(sinceMs) || Date.parse(comment.updated_at) >= Math.floor(sinceMs / 1000) * 1000,
    );
    const reply = paged(context, all);
    return { ...reply, body: (reply.body as FakeComment[]).map((comment) => this.commentJson(comment)) };
  }

  private postComment(context: RequestContext, params: string[]): Reply {
    const pull = this.findPull(params);
    if (!pull) return NOT_FOUND;
    const invalid = validateCommentBody(context.body, CREATE_COMMENT_DOCS);
    if (invalid) return invalid;
    const comment = this.createComment(pull, (context.body as { body: string }).body, context.identity);
    return {
      status: 201,
      body: this.commentJson(comment),
      headers: { location: this.commentApiUrl(comment) },
    };
  }

  private patchComment(context: RequestContext, params: string[]): Reply {
    const comment = this.findComment(params);
    if (!comment) return NOT_FOUND;
    const invalid = validateCommentBody(context.body, UPDATE_COMMENT_DOCS);
    if (invalid) return invalid;
    comment.body = (context.body as { body: string }).body;
    comment.revisions.push(comment.body);
    comment.updated_at = isoSeconds(new Date());
    return { status: 200, body: this.commentJson(comment) };
  }

  private deleteComment(_context: RequestContext, params: string[]): Reply {
    const comment = this.findComment(params);
    if (!comment) return NOT_FOUND;
    this.comments.splice(this.comments.indexOf(comment), 1);
    return { status: 204 };
  }

  /** GitHub's rules: a 40-hex sha, a known state, a description of at most 140 characters. */
  private postStatus(context: RequestContext, [owner = '', repo = '', sha = '']: string[]): Reply {
    const body = (context.body ?? {}) as Json;
    const invalid = (field: string, message: string): Reply => ({
      status: 422,
      body: {
        message: 'Validation Failed',
        errors: [{ resource: 'Status', field, code: 'custom', message }],
        documentation_url: STATUS_DOCS,
      },
    });
    if (!/^[0-9a-f]{40}$/.test(sha))
      return {
        status: 422,
        body: { message: `No commit found for SHA: ${sha}`, documentation_url: STATUS_DOCS },
      };
    if (!['error', 'failure', 'pending', 'success'].includes(String(body.state)))
      return invalid('state', 'state is not included in the list');
    const description = body.description;
    if (description !== undefined && description !== null && typeof description !== 'string')
      return invalid('description', 'description is not a string');
    if (typeof description === 'string' && [...description].length > STATUS_DESCRIPTION_LIMIT)
      return invalid(
        'description',
        `description is too long (maximum is ${STATUS_DESCRIPTION_LIMIT} characters)`,
      );
    const status: FakeCommitStatus = {
      owner,
      repo,
      sha,
      context: typeof body.context === 'string' ? body.context : 'default',
      state: String(body.state),
      description: typeof description === 'string' ? description : null,
      target_url: typeof body.target_url === 'string' ? body.target_url : null,
      id: this.statuses.length + 1,
    };
    this.statuses.push(status);
    return {
      status: 201,
      body: {
        ...status,
        url: `${context.apiBase}/repos/${owner}/${repo}/statuses/${sha}`,
        creator: this.userJson(context.identity),
      },
    };
  }

  latestStatuses(owner: string, repo: string, sha: string): Map<string, FakeCommitStatus> {
    const latest = new Map<string, FakeCommitStatus>();
    for (const status of this.statuses)
      if (sameRepo(status, owner, repo) && status.sha === sha) latest.set(status.context, status);
    return latest;
  }

  setLabels(owner: string, repo: string, number: number, labels: string[]): void {
    const pull = this.pulls.get(pullKey(owner, repo, number));
    if (!pull) throw new Error(`No pull request ${owner}/${repo}#${number}`);
    pull.labels = labels;
  }

  private getUser(context: RequestContext, _params: string[]): Reply {
    if (context.identity.type === 'Bot') {
      return forbidden(`${DOCS}/users/users#get-the-authenticated-user`);
    }
    return { status: 200, body: { ...this.userJson(context.identity), name: null, email: null, bio: null } };
  }

  private graphql(context: RequestContext, _params: string[]): Reply {
    const query = (context.body as Json | undefined)?.query;
    if (typeof query !== 'string') {
      return {
        status: 200,
        body: { errors: [{ message: 'A query attribute must be specified and must be a string.' }] },
      };
    }
    if (!/\bviewer\b/.test(query)) {
      return {
        status: 200,
        body: {
          data: null,
          errors: [{ type: 'UNSUPPORTED', message: 'The fake GitHub API only answers viewer queries' }],
        },
      };
    }
    const { login, id } = context.identity;
    return { status: 200, body: { data: { viewer: { login, databaseId: id } } } };
  }

  private pullHtmlUrl(pull: FakePullRequest): string {
    return `https://${this.htmlHost}/${pull.owner}/${pull.repo}/pull/${pull.number}`;
  }

  private commentApiUrl(comment: FakeComment): string {
    return `${this.url}/repos/${comment.owner}/${comment.repo}/issues/comments/${comment.id}`;
  }

  private userJson(user: FakeUser): Json {
    const profile = user.type === 'Bot' ? `apps/${user.login.replace(/\[bot\]$/, '')}` : user.login;
    return {
      login: user.login,
      id: user.id,
      node_id: nodeId(user.type === 'Bot' ? 'BOT' : 'U', user.id),
      avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
      gravatar_id: '',
      url: `${this.url}/users/${encodeURIComponent(user.login)}`,
      html_url: `https://${this.htmlHost}/${profile}`,
      type: user.type,
      site_admin: false,
    };
  }

  private commentJson(comment: FakeComment): Json {
    const isOwner = comment.user.login.toLowerCase() === comment.owner.toLowerCase();
    return {
      url: this.commentApiUrl(comment),
      html_url: comment.html_url,
      issue_url: `${this.url}/repos/${comment.owner}/${comment.repo}/issues/${comment.issue_number}`,
      id: comment.id,
      node_id: nodeId('IC', comment.id),
      user: this.userJson(comment.user),
      created_at: comment.created_at,
      updated_at: comment.updated_at,
      author_association: isOwner ? 'OWNER' : 'NONE',
      body: comment.body,
      reactions: {
        total_count: 0,
        '+1': 0,
        '-1': 0,
        laugh: 0,
        hooray: 0,
        confused: 0,
        heart: 0,
        rocket: 0,
        eyes: 0,
      },
      performed_via_github_app: comment.user.type === 'Bot' ? this.actionsApp() : null,
    };
  }

  private actionsApp(): Json {
    return {
      id: 15368,
      slug: 'github-actions',
      node_id: 'MDM6QXBwMTUzNjg=',
      name: 'GitHub Actions',
      owner: { login: 'github', id: 9919, type: 'Organization' },
      html_url: `https://${this.htmlHost}/apps/github-actions`,
    };
  }

  private repoJson(pull: StoredPull): Json {
    const known = this.repositories.get(`${pull.owner}/${pull.repo}`.toLowerCase());
    return this.repositoryJson(known ?? { owner: pull.owner, name: pull.repo });
  }

  private repositoryJson(repository: FakeRepository): Json {
    const { owner, name } = repository;
    const ownerType = repository.ownerType ?? 'Organization';
    return {
      id: 500_000_001,
      node_id: nodeId('R', 500_000_001),
      name,
      full_name: `${owner}/${name}`,
      private: false,
      owner: {
        ...this.userJson({ login: owner, id: 1_000_001, type: 'User' }),
        type: ownerType,
      },
      html_url: `https://${this.htmlHost}/${owner}/${name}`,
      url: `${this.url}/repos/${owner}/${name}`,
      fork: false,
      archived: repository.archived ?? false,
      disabled: false,
      default_branch: 'main',
    };
  }

  private branchJson(pull: StoredPull, ref: string, sha: string): Json {
    return {
      label: `${pull.owner}:${ref}`,
      ref,
      sha,
      user: this.userJson({ login: pull.owner, id: 1_000_001, type: 'User' }),
      repo: this.repoJson(pull),
    };
  }

  private pullJson(pull: StoredPull): Json {
    const merged = pull.merged ?? false;
    const state = pull.state ?? (merged ? 'closed' : 'open');
    const closedAt =
      state === 'closed' ? isoSeconds(new Date(Date.parse(pull.created_at) + 1_800_000)) : null;
    const apiRepo = `${this.url}/repos/${pull.owner}/${pull.repo}`;
    const htmlUrl = this.pullHtmlUrl(pull);
    return {
      url: `${apiRepo}/pulls/${pull.number}`,
      id: pull.id,
      node_id: nodeId('PR', pull.id),
      html_url: htmlUrl,
      diff_url: `${htmlUrl}.diff`,
      patch_url: `${htmlUrl}.patch`,
      issue_url: `${apiRepo}/issues/${pull.number}`,
      comments_url: `${apiRepo}/issues/${pull.number}/comments`,
      number: pull.number,
      state,
      locked: false,
      title: pull.title ?? `Pull request #${pull.number}`,
      user: this.userJson(pull.user ?? { login: 'octocat', id: 583231, type: 'User' }),
      body: pull.body === undefined ? null : pull.body,
      labels: (pull.labels ?? []).map((name, index) => ({
        id: 1000 + index,
        name,
        color: 'ededed',
        default: false,
        description: null,
      })),
      created_at: pull.created_at,
      updated_at: closedAt ?? pull.created_at,
      closed_at: closedAt,
      merged_at: merged ? closedAt : null,
      merge_commit_sha: 'e5bd3914e2e596debea16f433f57875b5b90bcd6',
      draft: false,
      head: this.branchJson(pull, `feature-${pull.number}`, pull.headSha ?? DEFAULT_HEAD_SHA),
      base: this.branchJson(pull, 'main', 'a10867b14bb761a232cd80139fbd4c0d33264240'),
      author_association: 'OWNER',
      merged,
      mergeable: merged ? null : true,
      mergeable_state: merged ? 'unknown' : 'clean',
      merged_by: null,
      comments: this.commentsOn(pull.owner, pull.repo, pull.number).length,
      review_comments: 0,
      commits: 1,
      additions: 10,
      deletions: 2,
      changed_files: 1,
    };
  }
}

export async function startFakeGitHubApi(options: FakeGitHubOptions = {}): Promise<FakeGitHubApi> {
  const fake = new FakeGitHubServer(options);
  await fake.listen();
  return fake;
}
