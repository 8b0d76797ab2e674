import { describe, expect, it } from 'vitest';
import { hasSettled } from '../../src/session.ts';

describe('hasSettled', () => {
  it.each([
    ['exit', undefined],
    ['error', undefined],
    ['suspended', 'out_of_credits'],
    ['running', 'finished'],
    ['running', 'waiting_for_user'],
    ['Running', ' Finished '],
  ])('takes %s (%s) for settled', (status, statusDetail) => {
    expect(hasSettled({ status, statusDetail })).toBe(true);
  });

  it.each([
    ['running', 'working'],
    ['running', 'waiting_for_approval'],
    ['running', undefined],
    ['new', undefined],
    ['claimed', undefined],
    ['resuming', undefined],
    ['hibernating_on_the_moon', 'finished'],
  ])('takes %s (%s) for still under way', (status, statusDetail) => {
    expect(hasSettled({ status, statusDetail })).toBe(false);
  });
});
