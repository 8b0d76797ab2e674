import { afterEach } from 'vitest';
import { describeViolations, takeUnclaimedViolations } from '../fakes/contract-violations.ts';

// Every test fails that made or saw a request or response off the documented Devin API contract.
afterEach(() => {
  const violations = takeUnclaimedViolations();
  if (violations.length > 0) {
    throw new Error(`The documented Devin API contract was broken:\n${describeViolations(violations)}`);
  }
});
