import { describe, expect, it } from 'vitest';
import { runConcurrently, settleConcurrently } from '../../src/util/concurrency.ts';

describe('runConcurrently', () => {
  it('runs at most the limit at once, and after a failure starts nothing new and throws it', async () => {
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const stoppedSeen: boolean[] = [];
    const tasks = Array.from({ length: 10 }, (_, index) => async (stopped: () => boolean) => {
      started.push(index);
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setImmediate(resolve));
      running -= 1;
      if (index === 3) throw new Error('task 3 failed');
      if (index > 3) stoppedSeen.push(stopped());
    });

    await expect(runConcurrently(tasks, 3)).rejects.toThrow('task 3 failed');
    expect(most).toBe(3);
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    expect(stoppedSeen).toEqual([true, true]);
  });
});

describe('settleConcurrently', () => {
  it('settles every item in order, at most the limit at once, and a failure stops nothing', async () => {
    let running = 0;
    let most = 0;
    const results = await settleConcurrently([1, 2, 3, 4, 5, 6, 7], 2, async (item) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setImmediate(resolve));
      running -= 1;
      if (item % 3 === 0) throw new Error(`item ${item} failed`);
      return item * 10;
    });

    expect(most).toBe(2);
    expect(results.map((result) => (result.status === 'fulfilled' ? result.value : 'rejected'))).toEqual([
      10,
      20,
      'rejected',
      40,
      50,
      'rejected',
      70,
    ]);
  });
});
