import { ChunkedArray } from '../util/chunked-array.ts';

/** The form the Devin API gives its session ids in: 32 lower-case hex digits, kept as 16 bytes. */
const HEX_ID = /^[0-9a-f]{32}$/;
const WORDS = 4;
/** Places in a new table: room for 1,024 ids. */
const FIRST_PLACES = 2048;

/**
 * The ids of a store's sessions, each with its slot (0, 1, 2… in the order they came). A scan of a long period
 * keeps a hundred thousand: as strings in a Map they took about 90 bytes each, so an id in the API's usual form
 * is kept as four 32-bit words (16 bytes) in one array, found through an open-addressing table of slots. An id
 * in any other form is kept as it is.
 */
export class SessionIds {
  /** Four words per slot: the id's bytes, or zeros when the id is kept as text. */
  readonly #words = new ChunkedArray(Uint32Array);
  /** Slot + 1 of each packed id, at the place its hash leads to; 0 is a free place. Never more than half full. */
  #table = new ChunkedArray(Int32Array);
  /** Places in the table: a power of two. */
  #places = FIRST_PLACES;
  /** Ids of another form, by slot, and the other way round. */
  readonly #texts = new Map<number, string>();
  readonly #textSlots = new Map<string, number>();
  readonly #scratch = Buffer.alloc(WORDS * 4);
  readonly #scratchWords = new Uint32Array(this.#scratch.buffer, this.#scratch.byteOffset, WORDS);
  #size = 0;

  get size(): number {
    return this.#size;
  }

  slotOf(id: string): number | undefined {
    if (!this.#pack(id)) return this.#textSlots.get(id);
    const slot = this.#table.at(this.#find());
    return slot === 0 ? undefined : slot - 1;
  }

  /** The id's slot, given it a new one when it has none. */
  add(id: string): number {
    const known = this.slotOf(id);
    if (known !== undefined) return known;
    const slot = this.#size++;
    if (2 * this.#size > this.#places) this.#grow();
    if (this.#pack(id)) {
      for (let word = 0; word < WORDS; word++)
        this.#words.set(WORDS * slot + word, this.#scratchWords[word] ?? 0);
      this.#table.set(this.#find(), slot + 1);
    } else {
      this.#texts.set(slot, id);
      this.#textSlots.set(id, slot);
    }
    return slot;
  }

  /** The id in this slot; a function of its own, so that what holds it holds the ids and nothing more. */
  idAt = (slot: number): string => {
    const text = this.#texts.get(slot);
    if (text !== undefined) return text;
    this.#readWords(slot);
    return this.#scratch.toString('hex');
  };

  /** Puts the id's bytes in the scratch words; false when the id is not in the packed form. */
  #pack(id: string): boolean {
    if (id.length !== 2 * WORDS * 4 || !HEX_ID.test(id)) return false;
    this.#scratch.write(id, 'hex');
    return true;
  }

  /** Where the scratch words are in the table, or the free place where they would go. */
  #find(): number {
    const [a = 0, b = 0, c = 0, d = 0] = this.#scratchWords;
    const mask = this.#places - 1;
    let place = Math.imul(a ^ Math.imul(b, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b) ^ d, 0xc2b2ae35) & mask;
    for (;;) {
      const slot = this.#table.at(place) - 1;
      if (slot < 0) return place;
      const at = WORDS * slot;
      const words = this.#words;
      if (words.at(at) === a && words.at(at + 1) === b && words.at(at + 2) === c && words.at(at + 3) === d)
        return place;
      place = (place + 1) & mask;
    }
  }

  #readWords(slot: number): void {
    for (let word = 0; word < WORDS; word++) this.#scratchWords[word] = this.#words.at(WORDS * slot + word);
  }

  /** Twice the places, each packed id put again where its hash now leads. */
  #grow(): void {
    this.#places *= 2;
    this.#table = new ChunkedArray(Int32Array);
    // Every slot but the one being added, whose id is packed after.
    for (let slot = 0; slot < this.#size - 1; slot++) {
      if (this.#texts.has(slot)) continue;
      this.#readWords(slot);
      this.#table.set(this.#find(), slot + 1);
    }
  }
}
