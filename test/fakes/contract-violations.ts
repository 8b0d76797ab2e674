/**
 * Every departure from the documented Devin API contract that a fake Devin API saw, across the test
 * process. The shared test setup fails a test that leaves any here; a test that provokes one on purpose
 * takes it with `FakeDevinApi.takeViolations()`.
 */
export interface ContractViolation {
  /** 'request' = the client sent something the documents do not allow; 'response' = the fake answered so. */
  side: 'request' | 'response';
  /** e.g. `GET /v3/enterprise/sessions/insights?first=500` */
  request: string;
  problems: string[];
}

const unclaimed = new Set<ContractViolation>();

export function reportViolation(violation: ContractViolation): void {
  unclaimed.add(violation);
}

export function claimViolations(violations: readonly ContractViolation[]): void {
  for (const violation of violations) unclaimed.delete(violation);
}

/** Empties the record, so that one failing test does not fail the next ones too. */
export function takeUnclaimedViolations(): ContractViolation[] {
  const taken = [...unclaimed];
  unclaimed.clear();
  return taken;
}

export function describeViolations(violations: readonly ContractViolation[]): string {
  return violations
    .map(({ side, request, problems }) => `${side} of ${request}:\n  ${problems.join('\n  ')}`)
    .join('\n');
}
