import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import type { PullRequestReport } from '../src/comment/model.ts';
import type { Verdict } from '../src/model/gate.ts';
import type { Analysis, InsightState, ReportedSession, Session } from '../src/model/session.ts';

/** The HTML GitHub renders from the Markdown before it sanitises it: GFM, raw HTML passed through. */
export function toHtml(markdown: string): string {
  return micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });
}

/** The cells of each table in rendered HTML, as text without tags. */
export function tables(html: string): string[][][] {
  return [...html.matchAll(/<table>([\s\S]*?)<\/table>/g)].map(([, body]) =>
    [...(body ?? '').matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(([, row]) =>
      [...(row ?? '').matchAll(/<t([hd])>([\s\S]*?)<\/t\1>/g)].map(([, , cell]) =>
        (cell ?? '').replace(/<[^>]*>/g, '').trim(),
      ),
    ),
  );
}

export function analysisWith(overrides: Partial<Analysis> = {}): Analysis {
  return { issues: [], actionItems: [], timeline: [], ...overrides };
}

export function sessionWith(overrides: Partial<Session> = {}): Session {
  return {
    id: 'abc123def456',
    url: 'https://app.devin.ai/sessions/abc123def456',
    title: 'Add the dashboard',
    status: 'exit',
    orgId: 'org-1',
    createdAt: 1_700_000_000,
    updatedAt: 1_700_000_600,
    acus: 1,
    pullRequests: [{ url: 'https://github.com/acme/app/pull/7' }],
    analysis: analysisWith(),
    ...overrides,
  };
}

export function reportWith(
  sessions: ReportedSession[],
  overrides: Partial<PullRequestReport> = {},
): PullRequestReport {
  return {
    pullRequest: { number: 7, url: 'https://github.com/acme/app/pull/7' },
    sessions,
    verdict: verdictWith({}),
    readAt: new Date('2025-03-01T10:20:30.456Z'),
    notes: [],
    ...overrides,
  };
}

export function ready(session: Session, insight: InsightState = 'ready'): ReportedSession {
  return { session, insight };
}

export function verdictWith(overrides: Partial<Verdict>): Verdict {
  return {
    outcome: 'pass',
    reasons: [],
    trippedRules: [],
    failingIssues: [],
    unanalysedSessionIds: [],
    acusUncheckedSessionIds: [],
    uncheckedSessionIds: [],
    ...overrides,
  };
}
