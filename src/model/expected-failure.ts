/** A failure the action foresees: its message says what went wrong and what to do, so no stack is logged. */
export class ExpectedFailure extends Error {}
