import { open } from 'node:fs/promises';

/** Text handed to the file system at a time: a report of a large period is never one string in memory. */
const CHUNK_CHARACTERS = 1 << 16;

/** Writes the texts one after another to the file, a chunk at a time. */
export async function writeTexts(path: string, texts: Iterable<string>): Promise<void> {
  const file = await open(path, 'w');
  try {
    let chunk = '';
    for (const text of texts) {
      chunk += text;
      if (chunk.length >= CHUNK_CHARACTERS) {
        await file.write(chunk);
        chunk = '';
      }
    }
    if (chunk !== '') await file.write(chunk);
  } finally {
    await file.close();
  }
}

/**
 * An array as the JSON file holds it, each element made from its item only when its turn comes to be written:
 * the view of tens of thousands of pull requests need not exist all at once.
 */
export class MappedArray<T, U> {
  readonly #items: readonly T[];
  readonly #map: (item: T) => U;

  constructor(items: readonly T[], map: (item: T) => U) {
    this.#items = items;
    this.#map = map;
  }

  get length(): number {
    return this.#items.length;
  }

  *[Symbol.iterator](): Generator<U> {
    for (const item of this.#items) yield this.#map(item);
  }
}

/**
 * `JSON.stringify(value, null, 2)` and a line end, in pieces (a MappedArray as the array it stands for): each
 * element of an array or member of an object apart, so that a report of a hundred thousand sessions is written
 * without being one string first.
 */
export function* jsonTexts(value: unknown): Generator<string> {
  yield* jsonPieces(value, '');
  yield '\n';
}

function* jsonPieces(value: unknown, indent: string): Generator<string> {
  const inner = `${indent}  `;
  if (value instanceof MappedArray) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    yield '[\n';
    let index = 0;
    for (const element of value as Iterable<unknown>) {
      index += 1;
      // An entry is small: one string of it, rather than a piece per value (a generator each), is many times
      // faster and leaves the collector little to do.
      yield `${inner}${indented(element, inner)}${index < value.length ? ',\n' : '\n'}`;
    }
    yield `${indent}]`;
    return;
  }
  if (Array.isArray(value) && value.length > 0) {
    yield '[\n';
    for (let index = 0; index < value.length; index++) {
      yield inner;
      // As JSON.stringify does, an element that JSON cannot hold is written as null.
      const element: unknown = value[index];
      yield* representable(element) ? jsonPieces(element, inner) : ['null'];
      yield index < value.length - 1 ? ',\n' : '\n';
    }
    yield `${indent}]`;
    return;
  }
  if (isPlainObject(value)) {
    const members = Object.entries(value).filter(([, member]) => representable(member));
    if (members.length > 0) {
      yield '{\n';
      for (const [index, [key, member]] of members.entries()) {
        yield `${inner}${JSON.stringify(key)}: `;
        yield* jsonPieces(member, inner);
        yield index < members.length - 1 ? ',\n' : '\n';
      }
      yield `${indent}}`;
      return;
    }
  }
  yield JSON.stringify(value) ?? 'null';
}

/** `JSON.stringify(value, null, 2)` with its lines after the first indented by `indent`; null for no JSON. */
function indented(value: unknown, indent: string): string {
  // JSON escapes a line end inside a string, so every line end it writes is between two lines of it.
  return (JSON.stringify(value, null, 2) ?? 'null').replaceAll('\n', `\n${indent}`);
}

function representable(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { toJSON?: unknown }).toJSON !== 'function'
  );
}
