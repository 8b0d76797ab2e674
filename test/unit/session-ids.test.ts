import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SessionIds } from '../../src/period/session-ids.ts';

describe('SessionIds', () => {
  it('gives each id a slot once, in the order they came, and gives the id back from its slot', () => {
    const ids = new SessionIds();
    const hex = randomBytes(16).toString('hex');
    expect(ids.add(hex)).toBe(0);
    expect(ids.add('devin-abc')).toBe(1);
    expect(ids.add(hex)).toBe(0);
    expect(ids.add('devin-abc')).toBe(1);
    expect(ids.size).toBe(2);
    expect(ids.idAt(0)).toBe(hex);
    expect(ids.idAt(1)).toBe('devin-abc');
    expect(ids.slotOf(hex)).toBe(0);
    expect(ids.slotOf(randomBytes(16).toString('hex'))).toBeUndefined();
    expect(ids.slotOf('devin-abd')).toBeUndefined();
  });

  it('keeps ids that only look like the usual form as they are', () => {
    const ids = new SessionIds();
    const upper = 'ABCDEF0123456789ABCDEF0123456789';
    const lower = upper.toLowerCase();
    const zeros = '0'.repeat(32);
    for (const id of [upper, lower, zeros, `${lower}0`, lower.slice(1), `${lower.slice(1)}g`]) ids.add(id);
    expect(ids.size).toBe(6);
    expect([0, 1, 2, 3, 4, 5].map((slot) => ids.idAt(slot))).toEqual([
      upper,
      lower,
      zeros,
      `${lower}0`,
      lower.slice(1),
      `${lower.slice(1)}g`,
    ]);
    expect(ids.slotOf(upper)).toBe(0);
    expect(ids.slotOf(zeros)).toBe(2);
  });

  it('finds every id again once it has grown far past its first size, ids of both forms mixed', () => {
    const ids = new SessionIds();
    const all = Array.from({ length: 20_000 }, (_, index) =>
      index % 7 === 0 ? `other-${index}` : randomBytes(16).toString('hex'),
    );
    all.forEach((id, index) => {
      expect(ids.add(id)).toBe(index);
    });
    expect(ids.size).toBe(all.length);
    const lost = all.filter((id, index) => ids.slotOf(id) !== index || ids.idAt(index) !== id);
    expect(lost).toEqual([]);
    expect(ids.add(all[12_345] ?? '')).toBe(12_345);
    expect(ids.size).toBe(all.length);
  });
});
