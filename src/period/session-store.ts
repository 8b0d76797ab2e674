import type { ActionItem, Analysis, Issue, Session } from '../model/session.ts';
import { ChunkedArray } from '../util/chunked-array.ts';
import { SessionIds } from './session-ids.ts';

type SessionPullRequests = Session['pullRequests'];

/** What ties a session to pull requests: those it names, and when it was last updated. */
export type SessionLinks = Pick<Session, 'pullRequests' | 'updatedAt'>;

/** Numbers per session: created, updated (Unix seconds) and ACUs (NaN when the API gave none). */
const NUMBERS = 3;
/** Texts per session, by their index in the store's table: status, status detail, size (0: none). */
const TEXTS = 3;
/** Findings per session, by their index in the store's tables: its list of pull requests, its analysis (0: none). */
const KEPT = 2;
const NO_TIMELINE: Analysis['timeline'] = [];

/**
 * The period's sessions as the report reads them, and no more. A scan of a long period can keep a hundred
 * thousand sessions, and each one's whole analysis (timeline, suggested prompt, issue texts) would take hundreds
 * of megabytes: the report shows counts per pull request, issue labels and impacts, and the most frequent action
 * items. So each session keeps its id, three numbers and three texts in columns, and references to its pull
 * requests and findings, which are kept once for all the sessions that have the same (labels, impacts, action
 * items and URLs repeat).
 */
export class SessionStore {
  /** The sessions' ids, by slot. */
  readonly ids = new SessionIds();
  readonly #numbers = new ChunkedArray(Float64Array);
  readonly #texts = new ChunkedArray(Uint32Array);
  readonly #kept = new ChunkedArray(Uint32Array);
  readonly #interned = new Interner();

  /** Keeps the session, or its copy with the newest `updatedAt`. */
  add = (session: Session): void => {
    const known = this.ids.size;
    const slot = this.ids.add(session.id);
    if (slot !== known && session.updatedAt < this.#numbers.at(NUMBERS * slot + 1)) return;
    this.#numbers.set(NUMBERS * slot, session.createdAt);
    this.#numbers.set(NUMBERS * slot + 1, session.updatedAt);
    this.#numbers.set(NUMBERS * slot + 2, session.acus ?? Number.NaN);
    this.#texts.set(TEXTS * slot, this.#interned.text(session.status));
    this.#texts.set(TEXTS * slot + 1, this.#interned.text(session.statusDetail));
    this.#texts.set(TEXTS * slot + 2, this.#interned.text(session.size));
    this.#kept.set(KEPT * slot, this.#interned.pullRequests(session.pullRequests));
    this.#kept.set(KEPT * slot + 1, session.analysis ? this.#interned.analysis(session.analysis) : 0);
  };

  has(id: string): boolean {
    return this.ids.slotOf(id) !== undefined;
  }

  get size(): number {
    return this.ids.size;
  }

  /**
   * Each session with its slot (those of these slots, else all), made anew as the report reads it: keep the slot,
   * not the session.
   */
  *entries(slots?: Iterable<number>): Generator<[slot: number, session: Session]> {
    if (slots === undefined) {
      for (let slot = 0; slot < this.ids.size; slot++) yield [slot, this.#session(slot)];
    } else {
      for (const slot of slots) yield [slot, this.#session(slot)];
    }
  }

  /** The session kept in this slot, made anew. */
  sessionAt = (slot: number): Session => this.#session(slot);

  /** Each session's links to pull requests, by slot: what sorts the sessions by pull request without making them. */
  *links(): Generator<[slot: number, links: SessionLinks]> {
    for (let slot = 0; slot < this.ids.size; slot++)
      yield [
        slot,
        {
          pullRequests: this.#pullRequestsOf(slot),
          updatedAt: this.#numbers.at(NUMBERS * slot + 1),
        },
      ];
  }

  #pullRequestsOf(slot: number): SessionPullRequests {
    return this.#interned.pullRequestsAt(this.#kept.at(KEPT * slot));
  }

  #session(slot: number): Session {
    const acus = this.#numbers.at(NUMBERS * slot + 2);
    return {
      id: this.ids.idAt(slot),
      url: '',
      orgId: '',
      status: this.#interned.textAt(this.#texts.at(TEXTS * slot)) ?? '',
      statusDetail: this.#interned.textAt(this.#texts.at(TEXTS * slot + 1)),
      createdAt: this.#numbers.at(NUMBERS * slot),
      updatedAt: this.#numbers.at(NUMBERS * slot + 1),
      acus: Number.isNaN(acus) ? undefined : acus,
      size: this.#interned.textAt(this.#texts.at(TEXTS * slot + 2)),
      pullRequests: this.#pullRequestsOf(slot),
      analysis: this.#interned.analysisAt(this.#kept.at(KEPT * slot + 1)),
    };
  }
}

/**
 * Keeps each text, issue, action item, list of pull requests and analysis once, by what it holds; texts, lists
 * and analyses are known by their index, which is what a session keeps.
 */
class Interner {
  /** Texts by index; 0 stands for none. */
  readonly #textList: (string | undefined)[] = [undefined];
  readonly #texts = new Map<string, number>();
  readonly #issues = new Map<string, { issue: Issue; key: number }>();
  readonly #actionItems = new Map<string, Map<string, { item: ActionItem; key: number }>>();
  /**
   * Lists of one pull request (the most common by far), by its URL, in the first state seen: no key to build and
   * keep for them. The same pull request in another state is kept with the longer lists.
   */
  readonly #singles = new Map<string, number>();
  readonly #lists = new Map<string, number>();
  /** Lists of pull requests by index; 0 is the empty list. */
  readonly #listsByIndex: SessionPullRequests[] = [[]];
  readonly #analyses = new Map<string, number>();
  /** Analyses by index; 0 stands for none. */
  readonly #analysesByIndex: (Analysis | null)[] = [null];
  #next = 0;

  /** The text's index, 0 for none. */
  text(text: string | undefined): number {
    if (text === undefined) return 0;
    let index = this.#texts.get(text);
    if (index === undefined) {
      index = this.#textList.length;
      this.#textList.push(text);
      this.#texts.set(text, index);
    }
    return index;
  }

  textAt(index: number | undefined): string | undefined {
    return index === undefined ? undefined : this.#textList[index];
  }

  /** The index of the list of pull requests. */
  pullRequests(pullRequests: SessionPullRequests): number {
    const [only] = pullRequests;
    if (only === undefined) return 0;
    if (pullRequests.length === 1) {
      const known = this.#singles.get(only.url);
      if (known === undefined) {
        const index = this.#keepList([this.#pullRequest(only)]);
        this.#singles.set(only.url, index);
        return index;
      }
      if (this.#listsByIndex[known]?.[0]?.state === only.state) return known;
    }
    const key = pullRequests.map(({ url, state }) => `${url}\u0000${state ?? '\u0001'}`).join('\u0002');
    let index = this.#lists.get(key);
    if (index === undefined) {
      index = this.#keepList(pullRequests.map((pullRequest) => this.#pullRequest(pullRequest)));
      this.#lists.set(key, index);
    }
    return index;
  }

  pullRequestsAt(index: number): SessionPullRequests {
    return this.#listsByIndex[index] ?? [];
  }

  /** The index of the analysis, kept with its findings only (1 and up: 0 stands for none). */
  analysis(analysis: Analysis): number {
    const issues = analysis.issues.map((issue) => this.#issue(issue));
    const items = analysis.actionItems.map((item) => this.#actionItem(item));
    const key = `${issues.map((issue) => issue.key).join(',')}/${items.map((item) => item.key).join(',')}`;
    let index = this.#analyses.get(key);
    if (index === undefined) {
      index = this.#analysesByIndex.length;
      this.#analysesByIndex.push({
        issues: issues.map(({ issue }) => issue),
        actionItems: items.map(({ item }) => item),
        timeline: NO_TIMELINE,
      });
      this.#analyses.set(key, index);
    }
    return index;
  }

  analysisAt(index: number): Analysis | null {
    return this.#analysesByIndex[index] ?? null;
  }

  #keepList(list: SessionPullRequests): number {
    this.#listsByIndex.push(list);
    return this.#listsByIndex.length - 1;
  }

  #pullRequest({ url, state }: SessionPullRequests[number]): SessionPullRequests[number] {
    return { url, state: this.textAt(this.text(state)) };
  }

  #string(text: string): string {
    return this.textAt(this.text(text)) ?? text;
  }

  /** The report counts issues by impact and label; their texts it does not show. */
  #issue(issue: Issue): { issue: Issue; key: number } {
    const key = `${issue.impact}\u0000${issue.label}`;
    let kept = this.#issues.get(key);
    if (kept === undefined) {
      kept = {
        issue: { impact: this.#string(issue.impact), label: this.#string(issue.label), text: '' },
        key: this.#next++,
      };
      this.#issues.set(key, kept);
    }
    return kept;
  }

  #actionItem(item: ActionItem): { item: ActionItem; key: number } {
    let ofType = this.#actionItems.get(item.type);
    if (ofType === undefined) {
      ofType = new Map();
      this.#actionItems.set(item.type, ofType);
    }
    let kept = ofType.get(item.text);
    if (kept === undefined) {
      kept = { item: { type: this.#string(item.type), text: item.text }, key: this.#next++ };
      ofType.set(item.text, kept);
    }
    return kept;
  }
}
