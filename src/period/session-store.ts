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
  readonly #pullRequests: SessionPullRequests[] = [];
  readonly #analyses: (Analysis | null)[] = [];
  readonly #numbers = new ChunkedArray(Float64Array);
  readonly #texts = new ChunkedArray(Uint32Array);
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
    this.#pullRequests[slot] = this.#interned.pullRequests(session.pullRequests);
    this.#analyses[slot] = session.analysis && this.#interned.analysis(session.analysis);
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
        { pullRequests: this.#pullRequests[slot] ?? [], updatedAt: this.#numbers.at(NUMBERS * slot + 1) },
      ];
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
      pullRequests: this.#pullRequests[slot] ?? [],
      analysis: this.#analyses[slot] ?? null,
    };
  }
}

/** Keeps each text, issue, action item, list of pull requests and analysis once, by what it holds. */
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
  readonly #singles = new Map<string, SessionPullRequests>();
  readonly #lists = new Map<string, SessionPullRequests>();
  readonly #analyses = new Map<string, Analysis>();
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

  pullRequests(pullRequests: SessionPullRequests): SessionPullRequests {
    const [only] = pullRequests;
    if (only !== undefined && pullRequests.length === 1) {
      const known = this.#singles.get(only.url);
      if (known === undefined) {
        const kept = [this.#pullRequest(only)];
        this.#singles.set(only.url, kept);
        return kept;
      }
      if (known[0]?.state === only.state) return known;
    }
    const key = pullRequests.map(({ url, state }) => `${url}\u0000${state ?? '\u0001'}`).join('\u0002');
    let kept = this.#lists.get(key);
    if (kept === undefined) {
      kept = pullRequests.map((pullRequest) => this.#pullRequest(pullRequest));
      this.#lists.set(key, kept);
    }
    return kept;
  }

  analysis(analysis: Analysis): Analysis {
    const issues = analysis.issues.map((issue) => this.#issue(issue));
    const items = analysis.actionItems.map((item) => this.#actionItem(item));
    const key = `${issues.map((issue) => issue.key).join(',')}/${items.map((item) => item.key).join(',')}`;
    let kept = this.#analyses.get(key);
    if (kept === undefined) {
      kept = {
        issues: issues.map(({ issue }) => issue),
        actionItems: items.map(({ item }) => item),
        timeline: NO_TIMELINE,
      };
      this.#analyses.set(key, kept);
    }
    return kept;
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
