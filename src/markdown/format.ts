/** Formatting helpers for the report's Markdown: cells, links, numbers, folded blocks. */
import { markdownTable } from 'markdown-table';
import { plainDecimal } from '../model/decimal.ts';
import { acusText, impactLevel } from '../model/session.ts';
import { countOf } from '../model/text.ts';
import { inlineText, safeUrl } from './sanitize.ts';

export const TITLE_LENGTH = 100;
export const SHORT_TEXT_LENGTH = 60;
export const DETAIL_TEXT_LENGTH = 1000;
/** What an empty or unknown cell shows. */
export const NONE = '—';

export function table(rows: string[][]): string {
  return markdownTable(rows, { alignDelimiters: false });
}

export function link(text: string, url: string | undefined): string {
  const target = safeUrl(url);
  return target === undefined ? text : `[${text}](${target})`;
}

/** Blank lines around the body, so that GitHub renders the Markdown inside the HTML block. */
export function details(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

export function joinInline(texts: readonly string[], maxLength: number): string {
  const parts = texts.map((text) => inlineText(text ?? '', maxLength)).filter(Boolean);
  return parts.length === 0 ? NONE : parts.join(' — ');
}

export function inlineList(values: readonly string[]): string {
  const items = values.map((value) => inlineText(value, SHORT_TEXT_LENGTH)).filter(Boolean);
  return items.length === 0 ? NONE : items.join(', ');
}

/** What a session whose ACUs the API did not give shows: never 0. */
const UNKNOWN_ACUS = 'unknown';

/** One figure, with the decimals that keep it on its side of `limit` (max-acus). */
export function formatAcus(acus: number | undefined, limit?: number): string {
  if (acus === undefined) return UNKNOWN_ACUS;
  return Number.isFinite(acus) ? acusText(acus, limit) : NONE;
}

/**
 * A total of the known figures: `12.5`, or `at least 12.5 (1 session unknown)` when `unknownSessions` had
 * none.
 */
export function formatAcuTotal(acus: number, unknownSessions: number, limit?: number): string {
  const known = formatAcus(acus, limit);
  return unknownSessions === 0 ? known : `at least ${known} (${countOf(unknownSessions, 'session')} unknown)`;
}

export function formatCount(count: number | undefined): string {
  return count !== undefined && Number.isFinite(count) ? plainDecimal(count) : NONE;
}

export function formatConfidence(confidence: number | undefined): string {
  if (confidence === undefined || !Number.isFinite(confidence)) return NONE;
  return confidence >= 0 && confidence <= 1
    ? `${Math.round(confidence * 100)}%`
    : plainDecimal(Math.round(confidence * 100) / 100);
}

export function sumOfKnown(values: readonly (number | undefined)[]): number | undefined {
  const known = values.filter((value): value is number => value !== undefined && Number.isFinite(value));
  return known.length === 0 ? undefined : known.reduce((sum, value) => sum + value, 0);
}

/** The line that lists what a size limit left out, and where `whereTheRestIs` the full report can be read. */
export function renderOmissions(omitted: readonly string[], whereTheRestIs: string | undefined): string {
  if (omitted.length === 0) return '';
  const where = whereTheRestIs ? ` — the full report is in ${whereTheRestIs}` : '';
  return `ℹ️ Left out to fit GitHub's size limit: ${omitted.join(', ')}${where}.`;
}

export function isoTime(date: Date): string {
  const time = date instanceof Date ? date.getTime() : Number.NaN;
  return Number.isNaN(time) ? 'an unknown time' : new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Action item types in the order a platform team fixes them, with their names. */
export const ACTION_ITEM_TYPES: Readonly<Record<string, string>> = {
  machine_setup: 'Machine setup',
  repo_config: 'Repository config',
  knowledge: 'Knowledge',
  prompt_improvement: 'Prompt improvement',
  other: 'Other',
};

const IMPACT_BADGES: Readonly<Record<string, string>> = {
  critical: '🟣 Critical',
  high: '🔴 High',
  medium: '🟠 Medium',
  low: '🟡 Low',
};

/** The level's badge; a word placed on the scale under another name keeps its own (`🔴 Severe`). */
export function impactText(impact: string): string {
  const level = impactLevel(impact);
  const verbatim = inlineText(impact, SHORT_TEXT_LENGTH);
  if (level === undefined) return verbatim || NONE;
  const badge = IMPACT_BADGES[level] ?? level;
  return verbatim.toLowerCase() === level ? badge : `${badge.split(' ')[0]} ${verbatim}`;
}

/** The API's documented status details and categories in words; a value it adds later is shown as it is. */
const WORDS: Readonly<Record<string, string>> = {
  waiting_for_user: 'waiting for input',
  waiting_for_approval: 'waiting for approval',
  user_request: 'user request',
  usage_limit_exceeded: 'usage limit exceeded',
  out_of_credits: 'out of credits',
  out_of_quota: 'out of quota',
  no_quota_allocation: 'no quota allocation',
  payment_declined: 'payment declined',
  org_usage_limit_exceeded: 'organization usage limit exceeded',
  total_session_limit_exceeded: 'session limit exceeded',
  bug_fixing: 'bug fixing',
  ci_cd_and_devops: 'CI/CD and DevOps',
  code_quality_and_security: 'code quality and security',
  code_review_and_analysis: 'code review and analysis',
  data_and_automation: 'data and automation',
  documentation_and_content: 'documentation and content',
  feature_development: 'feature development',
  migrations_and_upgrades: 'migrations and upgrades',
  refactoring_and_optimization: 'refactoring and optimization',
  research_and_exploration: 'research and exploration',
  unit_test_generation: 'unit test generation',
};

/** A status, status detail or category in words (`feature_development` → `feature development`). */
export function inWords(value: string): string {
  const key = value.trim().toLowerCase();
  return Object.hasOwn(WORDS, key) ? (WORDS[key] as string) : value;
}

export function actionItemTypeName(type: string): string {
  return Object.hasOwn(ACTION_ITEM_TYPES, type)
    ? (ACTION_ITEM_TYPES[type] as string)
    : inlineText(type, SHORT_TEXT_LENGTH) || 'Untyped';
}
