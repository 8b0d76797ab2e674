import type { Clock } from '../model/clock.ts';
import { type GenerateMode, hasSettled, type ReportedSession, type Session } from '../model/session.ts';
import { logText } from '../model/text.ts';
import { API_CONCURRENCY, settleConcurrently } from '../util/concurrency.ts';
import type { DevinApi } from './api.ts';

export interface InsightOptions {
  generate: GenerateMode;
  /** On a merged pull request `auto` asks for every missing analysis: there is no later event to wait for. */
  merged: boolean;
  waitTimeoutSeconds: number;
  pollIntervalSeconds: number;
  clock: Clock;
  warn: (message: string) => void;
  info: (message: string) => void;
  /** Called once generation has started, and whenever analyses arrive while others are still awaited. */
  onProgress?: (sessions: ReportedSession[]) => Promise<void>;
}

/** Polls back off by this factor, up to this many times the first interval. */
const BACKOFF_FACTOR = 1.5;
const BACKOFF_CAP = 4;
/** No poll follows another sooner, whatever poll-interval says: a typo such as 0.001 must not hammer the API. */
export const MIN_POLL_INTERVAL_SECONDS = 1;

/**
 * Whether to ask for a session's missing analysis now. It cannot be redone once taken, so `auto` waits until
 * Devin has settled on the session, unless the pull request is merged.
 */
function shouldGenerate(session: Session, mode: GenerateMode, merged: boolean): boolean {
  if (mode === 'never') return false;
  return mode === 'always' || merged || hasSettled(session);
}

/**
 * Makes sure Devin has analysed the sessions: asks for the analyses that are missing, then polls until
 * they arrive or `wait-timeout` passes. A session still without analysis then is reported, not failed.
 */
export async function awaitInsights(
  api: DevinApi,
  sessions: Session[],
  options: InsightOptions,
): Promise<ReportedSession[]> {
  const current = new Map(sessions.map((session) => [session.id, session]));
  const unanalysed = sessions.filter((session) => session.analysis === null);
  const toAsk = unanalysed.filter((session) => shouldGenerate(session, options.generate, options.merged));
  const canWait = options.generate === 'auto' && api.generate !== undefined;
  const stillWorking = new Set(
    canWait ? unanalysed.filter((session) => !toAsk.includes(session)).map((session) => session.id) : [],
  );
  if (stillWorking.size > 0) {
    options.info(
      `Devin is still working on ${idList(stillWorking)}: its analysis is asked for once it settles, or at merge.`,
    );
  }
  const requested = api.generate ? await requestAnalyses(api.generate.bind(api), toAsk, options) : [];
  const pending = new Set(requested.map((session) => session.id));
  const report = (state: 'pending' | 'timed-out') =>
    [...current.values()].map(
      (session): ReportedSession => ({
        session,
        insight: session.analysis
          ? 'ready'
          : pending.has(session.id)
            ? state
            : stillWorking.has(session.id)
              ? 'working'
              : 'missing',
      }),
    );
  if (pending.size === 0 || options.waitTimeoutSeconds === 0) return report('timed-out');

  await options.onProgress?.(report('pending'));
  const deadline = options.clock.now() + options.waitTimeoutSeconds * 1000;
  const waits = pollWaits(options.pollIntervalSeconds);
  // The first read comes at once: an analysis that was under way already (generate answered already_exists)
  // or that took no longer than the pending comment is there without a wait. Then the polls back off.
  for (let round = 0; pending.size > 0 && options.clock.now() < deadline; round++) {
    if (round === 1) noteFloor(options);
    if (round > 0) await options.clock.sleep(Math.min(waits.next().value, deadline - options.clock.now()));
    const arrived = await poll(
      api,
      [...pending].map((id) => current.get(id) as Session),
      options,
    );
    for (const session of arrived) {
      current.set(session.id, session);
      if (session.analysis) pending.delete(session.id);
    }
    if (arrived.some((session) => session.analysis) && pending.size > 0)
      await options.onProgress?.(report('pending'));
  }
  if (pending.size > 0) {
    options.info(
      `No analysis after ${options.waitTimeoutSeconds} s for ${idList(pending)}; it is reported as pending.`,
    );
  }
  return report('timed-out');
}

/**
 * The waits between polls, in ms: poll-interval, never below the floor, growing by BACKOFF_FACTOR up to
 * BACKOFF_CAP times where it started.
 */
function* pollWaits(pollIntervalSeconds: number): Generator<number, never> {
  const first = Math.max(pollIntervalSeconds, MIN_POLL_INTERVAL_SECONDS) * 1000;
  for (let wait = first; ; wait = Math.min(wait * BACKOFF_FACTOR, first * BACKOFF_CAP)) yield wait;
}

/** Says so once when poll-interval is below the floor, which the waits then start from. */
function noteFloor(options: InsightOptions): void {
  if (options.pollIntervalSeconds >= MIN_POLL_INTERVAL_SECONDS) return;
  options.info(
    `poll-interval ${options.pollIntervalSeconds} s is below the floor of ${MIN_POLL_INTERVAL_SECONDS} s: polls wait at least ${MIN_POLL_INTERVAL_SECONDS} s, backing off from there.`,
  );
}

/** Session ids from the API, for one line of the log. */
function idList(ids: Iterable<string>): string {
  return [...ids].map((id) => logText(id)).join(', ');
}

async function requestAnalyses(
  generate: (session: Session) => Promise<string>,
  sessions: Session[],
  options: InsightOptions,
): Promise<Session[]> {
  // As many at once as a window scan reads: sixty sessions are not sixty requests in flight.
  const results = await settleConcurrently(sessions, API_CONCURRENCY, generate);
  const requested: Session[] = [];
  results.forEach((result, index) => {
    const session = sessions[index] as Session;
    if (result.status === 'fulfilled') {
      options.info(`Insight generation for session ${logText(session.id)}: ${logText(result.value)}.`);
      requested.push(session);
    } else {
      options.warn(
        `Could not ask Devin to analyse session ${logText(session.id)}: ${messageOf(result.reason)} Set generate: never to skip this step.`,
      );
    }
  });
  return requested;
}

/** One request per round: the session itself when one is awaited, a list filtered by ids when several are. */
async function poll(api: DevinApi, sessions: Session[], options: InsightOptions): Promise<Session[]> {
  try {
    return sessions.length === 1
      ? [await api.get(sessions[0] as Session)]
      : await api.listByIds(sessions.map((session) => session.id));
  } catch (error) {
    options.warn(`Polling for insights failed: ${messageOf(error)} Waiting on.`);
    return [];
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
