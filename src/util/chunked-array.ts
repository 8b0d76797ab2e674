type NumberArray = Float64Array | Uint32Array | Int32Array;

interface NumberArrayType<T extends NumberArray> {
  new (length: number): T;
  readonly BYTES_PER_ELEMENT: number;
}

/** Small enough for malloc to serve from the memory it keeps, never by a mapping of its own. */
const CHUNK_BYTES = 1 << 16;

/**
 * A typed array that grows a chunk of 64 KB at a time and frees none while it lives; unset elements read as 0.
 *
 * Not one array that doubles: freeing a block of a megabyte or more makes glibc's malloc raise its mmap and
 * trim thresholds to that size (and twice it) for the rest of the process, after which each of its arenas
 * keeps that much freed memory instead of giving it back. Columns that doubled made a run over 100,000
 * sessions peak some 7 MB higher.
 */
export class ChunkedArray<T extends NumberArray> {
  readonly #type: NumberArrayType<T>;
  readonly #shift: number;
  readonly #mask: number;
  readonly #chunks: T[] = [];

  constructor(type: NumberArrayType<T>) {
    this.#type = type;
    const chunkLength = CHUNK_BYTES / type.BYTES_PER_ELEMENT;
    this.#shift = Math.log2(chunkLength);
    this.#mask = chunkLength - 1;
  }

  /** The element at `index`; 0 where nothing was set. */
  at(index: number): number {
    return this.#chunks[index >>> this.#shift]?.[index & this.#mask] ?? 0;
  }

  set(index: number, value: number): void {
    const chunk = index >>> this.#shift;
    while (this.#chunks.length <= chunk) this.#chunks.push(new this.#type(this.#mask + 1));
    (this.#chunks[chunk] as T)[index & this.#mask] = value;
  }
}
