import type { GateRules, Verdict } from '../model/gate.ts';
import type { ReportedSession } from '../model/session.ts';

/** Everything the comment, the job summary and the report file are made from. */
export interface PullRequestReport {
  pullRequest: { number: number; url: string; merged?: boolean };
  sessions: ReportedSession[];
  /** The gate's verdict on what is known; absent where the gate does not apply. */
  verdict?: Verdict;
  /** Analyses are still awaited: the verdict is the one so far. */
  provisional?: boolean;
  /** The rules the verdict applied, for the advice on a failed gate. */
  rules?: GateRules;
  /** When the data was read from the Devin API. */
  readAt: Date;
  /** Plain sentences written by the action itself (not API text), shown under the table. */
  notes: string[];
  /** The max-acus limit, so that the ACU figures show the decimals that compare with it. */
  maxAcus?: number;
  /** Link to the workflow run, when known. */
  runUrl?: string;
  /** When the sessions were last listed for this pull request (Unix seconds), kept for the next run. */
  scannedAt?: number;
  /** A listing of the Devin API ended early, so "no session" means none among what was listed. */
  listingIncomplete?: boolean;
}
