import type { ActionItem, Analysis, Issue, Session } from '../model/session.ts';
import { ChunkedArray } from '../util/chunked-array.ts';
import type { Place, RepositoryScope } from './scope.ts';
import { SessionIds } from './session-ids.ts';

/** Numbers per session: created, updated (Unix seconds) and ACUs (NaN when the API gave none). */
const NUMBERS = 3;
/** Texts per session, by their index in the store's table: status, status detail, size (0: none). */
const TEXTS = 3;
/** References per session: where its pull requests start among the store's, how many, its analysis' index (0: none). */
const REFERENCES = 3;
const NO_TIMELINE: Analysis['timeline'] = [];

/**
 * The period's sessions as the report reads them, and no more. A scan of a long period can keep a hundred
 * thousand sessions, and each one's whole analysis (timeline, suggested prompt, issue texts) would take hundreds
 * of megabytes: the report shows counts per pull request, issue labels and impacts, and the most frequent action
 * items. So each session keeps its id, three numbers and three texts in columns, the pull requests of the run's
 * repositories it names by place (their URLs, parsed, would be kept for each of tens of thousands), and a
 * reference to its findings, which are kept once for all the sessions that have the same (labels, impacts and
 * action items repeat).
 */
export class SessionStore {
  /** The sessions' ids, by slot. */
  readonly ids = new SessionIds();
  readonly #scope: Pick<RepositoryScope, 'placeOf' | 'urlOf'>;
  readonly #numbers = new ChunkedArray(Float64Array);
  readonly #texts = new ChunkedArray(Uint32Array);
  readonly #references = new ChunkedArray(Uint32Array);
  /** The pull requests the sessions name, one after another: repository index, number, recorded state (text). */
  readonly #placeIndexes = new ChunkedArray(Uint32Array);
  readonly #placeNumbers = new ChunkedArray(Float64Array);
  readonly #placeStates = new ChunkedArray(Uint32Array);
  #places = 0;
  readonly #interned = new Interner();

  /** A store of the sessions of these repositories: a session keeps the pull requests it names of theirs. */
  constructor(scope: Pick<RepositoryScope, 'placeOf' | 'urlOf'>) {
    this.#scope = scope;
  }

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
    // A newer copy's pull requests go after the others: the older copy's stay unread.
    this.#references.set(REFERENCES * slot, this.#places);
    for (const { url, state } of session.pullRequests) {
      const place = this.#scope.placeOf(url);
      if (place === undefined) continue;
      this.#placeIndexes.set(this.#places, place.index);
      this.#placeNumbers.set(this.#places, place.number);
      this.#placeStates.set(this.#places, this.#interned.text(state));
      this.#places += 1;
    }
    this.#references.set(REFERENCES * slot + 1, this.#places - this.#references.at(REFERENCES * slot));
    this.#references.set(
      REFERENCES * slot + 2,
      session.analysis ? this.#interned.analysis(session.analysis) : 0,
    );
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

  /**
   * Each pull request of the run's repositories that each session names, in the order of the slots, with the
   * state the session recorded and when it was updated: what sorts the sessions by pull request without making
   * them.
   */
  eachNamed(visit: (slot: number, place: Place, state: string | undefined, updatedAt: number) => void): void {
    for (let slot = 0; slot < this.ids.size; slot++) {
      const updatedAt = this.#numbers.at(NUMBERS * slot + 1);
      const first = this.#references.at(REFERENCES * slot);
      const end = first + this.#references.at(REFERENCES * slot + 1);
      for (let at = first; at < end; at++)
        visit(slot, this.#placeAt(at), this.#interned.textAt(this.#placeStates.at(at)), updatedAt);
    }
  }

  #placeAt(at: number): Place {
    return { index: this.#placeIndexes.at(at), number: this.#placeNumbers.at(at) };
  }

  /** The session's pull requests of the run's repositories, by their web URLs. */
  #pullRequestsOf(slot: number): Session['pullRequests'] {
    const first = this.#references.at(REFERENCES * slot);
    const end = first + this.#references.at(REFERENCES * slot + 1);
    const pullRequests: Session['pullRequests'] = [];
    for (let at = first; at < end; at++)
      pullRequests.push({
        url: this.#scope.urlOf(this.#placeAt(at)),
        state: this.#interned.textAt(this.#placeStates.at(at)),
      });
    return pullRequests;
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
      analysis: this.#interned.analysisAt(this.#references.at(REFERENCES * slot + 2)),
    };
  }
}

/**
 * Keeps each text, issue, action item and analysis once, by what it holds; texts and analyses are known by their
 * index, which is what a session keeps.
 */
class Interner {
  /** Texts by index; 0 stands for none. */
  readonly #textList: (string | undefined)[] = [undefined];
  readonly #texts = new Map<string, number>();
  readonly #issues = new Map<string, { issue: Issue; key: number }>();
  readonly #actionItems = new Map<string, Map<string, { item: ActionItem; key: number }>>();
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
