import type { Clock } from '../src/model/clock.ts';

/** Time that moves only when slept on, instantly; it records every sleep. */
export class FakeClock implements Clock {
  current: number;
  readonly sleeps: number[] = [];

  constructor(startMs = 0) {
    this.current = startMs;
  }

  now = (): number => this.current;

  sleep = async (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    this.current += ms;
  };
}
