import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonTexts, MappedArray, writeTexts } from '../../src/repository-run/report-files.ts';

describe('jsonTexts', () => {
  it('writes what JSON.stringify(value, null, 2) writes, and a line end', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect([...jsonTexts(value)].join('')).toBe(`${JSON.stringify(value, null, 2)}\n`);
      }),
    );
  });

  it('leaves out what JSON leaves out, and writes null for an element it cannot hold', () => {
    const value = {
      kept: 1,
      gone: undefined,
      call: () => 1,
      list: [undefined, 2, () => 3],
      date: new Date(0),
    };
    expect([...jsonTexts(value)].join('')).toBe(`${JSON.stringify(value, null, 2)}\n`);
  });

  it('writes a MappedArray as the array of its mapped items, making each only when it is written', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue()), (items) => {
        const made: unknown[] = [];
        const mapped = new MappedArray(items, (item) => {
          made.push(item);
          return { item, at: made.length };
        });
        const value = { list: mapped, empty: new MappedArray([], () => 1) };
        const pieces = jsonTexts(value);
        expect(made).toEqual([]);
        // Each item is mapped when its element is reached, not all of them at the first.
        const written: string[] = [];
        const madeAtEachItem: number[] = [];
        for (const piece of pieces) {
          written.push(piece);
          // The element's own member (its item's members are deeper in).
          for (const match of piece.matchAll(/\n {6}"at": (\d+)/g)) {
            expect(made.length).toBe(Number(match[1]));
            madeAtEachItem.push(made.length);
          }
        }
        expect(madeAtEachItem).toEqual(items.map((_, index) => index + 1));
        const text = written.join('');
        const expected = { list: items.map((item, index) => ({ item, at: index + 1 })), empty: [] };
        expect(text).toBe(`${JSON.stringify(expected, null, 2)}\n`);
        expect(made).toEqual(items);
      }),
    );
  });
});

describe('writeTexts', () => {
  let directory: string;

  beforeAll(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'report-files-'));
  });

  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('writes every text in order, across chunks', async () => {
    const file = path.join(directory, 'texts.txt');
    const texts = Array.from({ length: 30_000 }, (_, index) => `line ${index} ✓\n`);
    await writeTexts(file, texts);
    expect(await readFile(file, 'utf8')).toBe(texts.join(''));
  });
});
