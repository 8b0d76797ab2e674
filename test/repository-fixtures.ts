import type { GateRules } from '../src/model/gate.ts';
import type { ActionItem, Issue, Session } from '../src/model/session.ts';
import type { Period } from '../src/period/span.ts';
import { analysisWith, sessionWith } from './report-fixtures.ts';

export const DAY = 86_400;
/** 2025-11-16T00:00:00Z to 2025-11-23T00:00:00Z: seven whole UTC days. */
export const WEEK: Period = { start: 1_763_251_200, end: 1_763_251_200 + 7 * DAY };

export const noRules: GateRules = {
  failOnLabels: [],
  warnOnly: false,
  ifNoSession: 'ignore',
  ifUnchecked: 'pass',
};

export function pullUrl(number: number, repository = 'acme/app'): string {
  return `https://github.com/${repository}/pull/${number}`;
}

/** A session of the week on the given pull requests, updated `day` days and an hour into the period. */
export function weekSession(
  id: string,
  pulls: { url: string; state?: string }[],
  options: { day?: number; acus?: number; size?: string; issues?: Issue[]; actionItems?: ActionItem[] } = {},
  analysed = true,
): Session {
  const updatedAt = WEEK.start + (options.day ?? 0) * DAY + 3600;
  return sessionWith({
    id,
    url: `https://app.devin.ai/sessions/${id}`,
    createdAt: updatedAt - 600,
    updatedAt,
    acus: options.acus ?? 1,
    size: options.size,
    pullRequests: pulls,
    analysis: analysed
      ? analysisWith({ issues: options.issues ?? [], actionItems: options.actionItems ?? [] })
      : null,
  });
}

/**
 * Many sessions over many pull requests, each with findings: the size a busy repository reaches. Made
 * through JSON like the API's answers, so that their strings are flat as in a real run.
 */
export function busyWeek(sessions: number, pullRequests: number): Session[] {
  return JSON.parse(JSON.stringify(busyWeekObjects(sessions, pullRequests))) as Session[];
}

function busyWeekObjects(sessions: number, pullRequests: number): Session[] {
  const labels = ['Testing', 'Environment', 'Scope', 'Style', 'Secrets'];
  const impacts = ['High', 'medium', 'Low', 'Critical'];
  const types = ['machine_setup', 'repo_config', 'knowledge', 'prompt_improvement', 'other', 'new_kind'];
  const states = ['open', 'merged', 'closed'];
  return Array.from({ length: sessions }, (_, index) => {
    const number = (index % pullRequests) + 1;
    return weekSession(
      `s${index}`,
      [{ url: pullUrl(number), state: states[number % 3] }],
      {
        day: index % 7,
        acus: (index % 13) / 4,
        size: ['xs', 's', 'm', 'l', 'xl'][index % 5],
        issues: [
          {
            impact: impacts[index % 4] ?? 'High',
            label: labels[index % 5] ?? 'x',
            text: `Issue ${index % 50}`,
          },
          { impact: 'Low', label: `Label ${index % 400}`, text: 'Another' },
        ],
        actionItems: [
          {
            type: types[index % 6] ?? 'other',
            text: `Install tool number ${index % 300} ${'x'.repeat(200)}`,
          },
        ],
      },
      index % 10 !== 0,
    );
  });
}
