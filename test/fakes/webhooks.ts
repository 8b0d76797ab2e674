import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export type PullRequestAction =
  | 'opened'
  | 'reopened'
  | 'synchronize'
  | 'ready_for_review'
  | 'edited'
  | 'labeled'
  | 'closed';

export interface WebhookEvent {
  eventName: string;
  payload: Record<string, unknown>;
}

export interface RepositoryTarget {
  owner: string;
  repo: string;
  /** e.g. https://ghes.example.com; default https://github.com */
  serverUrl?: string;
}

export interface PullRequestTarget extends RepositoryTarget {
  number: number;
  body?: string | null;
  createdAt?: string;
  merged?: boolean;
  /** The pull request's label names; on `labeled`, the last one is the label just added. */
  labels?: string[];
}

type JsonObject = Record<string, unknown>;

interface ExampleGroup {
  name: string;
  examples: JsonObject[];
}

const GITHUB_SERVER_URL = 'https://github.com';
const EXAMPLE_PULL_NUMBER = 2;
const TEN_MINUTES_MS = 600_000;

let exampleGroups: ExampleGroup[] | undefined;

function loadExamples(): ExampleGroup[] {
  if (!exampleGroups) {
    const require = createRequire(import.meta.url);
    const file = require.resolve('@octokit/webhooks-examples/api.github.com/index.json');
    exampleGroups = JSON.parse(readFileSync(file, 'utf8')) as ExampleGroup[];
  }
  return exampleGroups;
}

function examplesOf(eventName: string): JsonObject[] {
  const group = loadExamples().find((candidate) => candidate.name === eventName);
  if (!group) throw new Error(`@octokit/webhooks-examples has no '${eventName}' examples`);
  return group.examples;
}

function firstExample(eventName: string, matches: (example: JsonObject) => boolean = () => true): JsonObject {
  const example = examplesOf(eventName).find(matches);
  if (!example) throw new Error(`@octokit/webhooks-examples has no matching '${eventName}' example`);
  return structuredClone(example);
}

function object(value: unknown, what: string): JsonObject {
  if (typeof value !== 'object' || value === null) throw new Error(`webhook example lacks ${what}`);
  return value as JsonObject;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function mapStrings(value: unknown, rewrite: (text: string) => string): unknown {
  if (typeof value === 'string') return rewrite(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, rewrite));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapStrings(item, rewrite)]));
}

function apiUrlFor(serverUrl: string): string {
  return serverUrl === GITHUB_SERVER_URL ? 'https://api.github.com' : `${serverUrl}/api/v3`;
}

function hostRewriter(serverUrl: string): (text: string) => string {
  if (serverUrl === GITHUB_SERVER_URL) return (text) => text;
  const host = new URL(serverUrl).host;
  return (text) =>
    text
      .replaceAll('https://api.github.com', apiUrlFor(serverUrl))
      .replaceAll(GITHUB_SERVER_URL, serverUrl)
      .replaceAll('git://github.com/', `git://${host}/`)
      .replaceAll('git@github.com:', `git@${host}:`);
}

/**
 * Rewrites every mention of the example's repository (and its owner, as a whole login or URL segment)
 * in one regex pass so nothing is replaced twice, then the host.
 */
function repositoryRewriter(
  from: { owner: string; repo: string },
  to: RepositoryTarget,
): (text: string) => string {
  const owner = escapeRegExp(from.owner);
  const repo = escapeRegExp(from.repo);
  const mention = new RegExp(`(?<=^|[/:])${owner}(/${repo})?(?=[/.?#{]|$)`, 'g');
  const rewriteHost = hostRewriter(to.serverUrl ?? GITHUB_SERVER_URL);
  return (text) => {
    if (text === from.repo) return to.repo;
    const renamed = text.replace(mention, (_match, withRepo?: string) =>
      withRepo ? `${to.owner}/${to.repo}` : to.owner,
    );
    return rewriteHost(renamed);
  };
}

function rewriteRepository(payload: JsonObject, to: RepositoryTarget): JsonObject {
  const [owner = '', repo = ''] = String(object(payload.repository, 'repository').full_name).split('/');
  return mapStrings(payload, repositoryRewriter({ owner, repo }, to)) as JsonObject;
}

function rewritePullNumber(payload: JsonObject, number: number): JsonObject {
  const fullName = escapeRegExp(String(object(payload.repository, 'repository').full_name));
  const pullUrl = new RegExp(
    `(?<=${fullName}/(?:pull|pulls|issues)/)${EXAMPLE_PULL_NUMBER}(?=[/.?#]|$)`,
    'g',
  );
  const rewritten = mapStrings(payload, (text) => text.replace(pullUrl, String(number))) as JsonObject;
  if ('number' in rewritten) rewritten.number = number;
  object(rewritten.pull_request, 'pull_request').number = number;
  return rewritten;
}

function laterIso(iso: string, deltaMs: number): string {
  return new Date(Date.parse(iso) + deltaMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function applyPullState(pull: JsonObject, action: PullRequestAction, target: PullRequestTarget): void {
  const owner = target.owner;
  for (const side of ['head', 'base']) {
    const branch = object(pull[side], `pull_request.${side}`);
    branch.label = `${owner}:${String(branch.ref)}`;
  }
  if (target.body !== undefined) pull.body = target.body;
  if (target.createdAt !== undefined) {
    pull.created_at = target.createdAt;
    pull.updated_at = laterIso(target.createdAt, TEN_MINUTES_MS);
  }
  const closed = action === 'closed';
  const merged = target.merged ?? false;
  pull.state = closed ? 'closed' : 'open';
  pull.closed_at = closed ? pull.updated_at : null;
  pull.merged = merged;
  pull.merged_at = merged ? pull.updated_at : null;
  if (merged) pull.mergeable = null;
}

/** The labels as GitHub writes them, from the example's own label object; on `labeled`, the one added. */
function applyLabels(payload: JsonObject, action: PullRequestAction, names: readonly string[]): void {
  const pull = object(payload.pull_request, 'pull_request');
  const examples = firstExample('pull_request', (example) => example.action === 'labeled');
  const template = object(examples.label, 'label');
  const label = (name: string, index: number) => ({ ...template, id: Number(template.id) + index, name });
  pull.labels = names.map(label);
  if (action === 'labeled') payload.label = label(names.at(-1) ?? 'bug', names.length - 1);
}

/** The example used for an action; the examples have no pull_request 'edited', so that one is derived from 'opened'. */
function pullRequestExample(action: PullRequestAction): JsonObject {
  if (action !== 'edited') return firstExample('pull_request', (example) => example.action === action);
  const opened = firstExample('pull_request', (example) => example.action === 'opened');
  const pull = object(opened.pull_request, 'pull_request');
  return { ...opened, action: 'edited', changes: { body: { from: pull.body } } };
}

/** A real pull_request example payload of @octokit/webhooks-examples, rewritten to the given repository and pull request. */
export function pullRequestEvent(
  action: PullRequestAction,
  pr: PullRequestTarget,
  eventName: 'pull_request' | 'pull_request_target' = 'pull_request',
): WebhookEvent {
  const numbered = rewritePullNumber(pullRequestExample(action), pr.number);
  const payload = rewriteRepository(numbered, pr);
  applyPullState(object(payload.pull_request, 'pull_request'), action, pr);
  if (pr.labels !== undefined || action === 'labeled') applyLabels(payload, action, pr.labels ?? []);
  return { eventName, payload };
}

/** A real workflow_dispatch example payload, rewritten to the given repository, with the given inputs. */
export function workflowDispatchEvent(
  repo: RepositoryTarget,
  inputs: Record<string, string> = {},
): WebhookEvent {
  const payload = rewriteRepository(firstExample('workflow_dispatch'), repo);
  payload.inputs = { ...inputs };
  return { eventName: 'workflow_dispatch', payload };
}

/** Events whose payload carries the pull request they are about, besides pull_request itself. */
export type PullRequestCarrierEvent = 'pull_request_review' | 'pull_request_review_comment';

/** A real review (or review comment) example payload, rewritten to the given repository and open pull request. */
export function pullRequestCarrierEvent(
  eventName: PullRequestCarrierEvent,
  pr: PullRequestTarget,
): WebhookEvent {
  const numbered = rewritePullNumber(firstExample(eventName), pr.number);
  const payload = rewriteRepository(numbered, pr);
  applyPullState(object(payload.pull_request, 'pull_request'), 'opened', pr);
  return { eventName, payload };
}

/**
 * A real merge_group example payload, rewritten to the given repository, testing the given pull request: its
 * head ref is the queue's branch `gh-readonly-queue/<base>/pr-<number>-<sha>`.
 */
export function mergeGroupEvent(repo: RepositoryTarget, number: number, base = 'main'): WebhookEvent {
  const payload = rewriteRepository(firstExample('merge_group'), repo);
  const group = object(payload.merge_group, 'merge_group');
  group.base_ref = `refs/heads/${base}`;
  group.head_ref = `refs/heads/gh-readonly-queue/${base}/pr-${number}-${String(group.base_sha)}`;
  return { eventName: 'merge_group', payload };
}

/**
 * A schedule event. The examples have none; the runner's payload is just the cron, the workflow path and the
 * repository, so this one borrows the repository of the workflow_dispatch example.
 */
export function scheduleEvent(repo: RepositoryTarget, cron = '0 6 * * 1'): WebhookEvent {
  const dispatch = workflowDispatchEvent(repo).payload;
  return {
    eventName: 'schedule',
    payload: { schedule: cron, workflow: dispatch.workflow, repository: dispatch.repository },
  };
}
