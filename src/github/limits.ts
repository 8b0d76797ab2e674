/** The sizes GitHub imposes on what a step writes, each written once. */

/** Characters in an issue or pull request comment's body. */
export const COMMENT_LIMIT = 65_536;

/** Bytes in a step's job summary (GITHUB_STEP_SUMMARY). */
export const JOB_SUMMARY_LIMIT_BYTES = 1024 * 1024;

/** Bytes of a job's outputs in all (GitHub says 1 MB). */
export const JOB_OUTPUTS_LIMIT_BYTES = 1_000_000;

/** Characters in a commit status's description. */
export const STATUS_DESCRIPTION_LIMIT = 140;
