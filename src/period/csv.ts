import { plainDecimal } from '../model/decimal.ts';
import type { PeriodContent } from './model.ts';

export const CSV_COLUMNS = [
  'repository',
  'url',
  'number',
  'state',
  'sessions',
  'session_ids',
  'size',
  'acus',
  'acus_unknown_sessions',
  'issues',
  'action_items',
  'unanalysed_sessions',
  'gate',
  'gate_reasons',
] as const;

/** One row per pull request, in the JSON report's order and with its field names; RFC 4180 (CRLF lines). */
export function periodReportCsv(report: Pick<PeriodContent, 'pullRequests'>): string {
  return [...csvLines(report)].join('');
}

/** The CSV's lines, each with its CRLF: the header, then one per pull request. */
export function* csvLines(report: Pick<PeriodContent, 'pullRequests'>): Generator<string> {
  yield csvLine([...CSV_COLUMNS]);
  for (const pullRequest of report.pullRequests) {
    yield csvLine([
      pullRequest.repository,
      pullRequest.url,
      String(pullRequest.number),
      pullRequest.state,
      String(pullRequest.sessionCount),
      pullRequest.sessionIds.join(' '),
      pullRequest.size ?? '',
      plainDecimal(pullRequest.acus),
      String(pullRequest.acusUnknownSessions),
      String(pullRequest.issueCount),
      String(pullRequest.actionItemCount),
      String(pullRequest.unanalysedSessions),
      pullRequest.gate,
      pullRequest.gateReasons.join('; '),
    ]);
  }
}

function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** Characters that make a spreadsheet read a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One cell: a text a spreadsheet would run as a formula gets a leading apostrophe (OWASP's advice), then
 * RFC 4180 quoting. Plain numbers are left alone: they are ours and never negative here.
 */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
