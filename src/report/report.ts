import type { Verdict } from '../gate.ts';
import type { ReportedSession } from '../session.ts';

/** Everything the comment, the job summary and the report file are made from. */
export interface Report {
  pullRequest: { number: number; url: string };
  sessions: ReportedSession[];
  /** Absent while the run is still waiting for analyses: the gate has not been applied yet. */
  verdict?: Verdict;
  /** When the data was read from the Devin API. */
  readAt: Date;
  /** Plain sentences written by the action itself (not API text), shown under the table. */
  notes: string[];
  /** The max-acus limit, so that the ACU figures show the decimals that compare with it. */
  maxAcus?: number;
  /** Link to the workflow run, when known. */
  runUrl?: string;
}
