import * as core from '@actions/core';
import { logText } from '../model/text.ts';

/**
 * GitHub shows ten warning annotations a step: the run's warnings get a few of them, so that the verdict's own
 * annotation is never pushed out. The others are plain log lines.
 */
const ANNOTATED_WARNINGS = 5;
/** No annotation, nor any warning line, longer than this. */
const WARNING_LENGTH = 2_000;

/** A warning of the run's: an annotation while there are few, a log line after that; one line each. */
export function annotatedWarnings(limit = ANNOTATED_WARNINGS): (message: string) => void {
  let annotated = 0;
  return (message) => {
    const line = logText(message, WARNING_LENGTH);
    if (annotated < limit) {
      annotated += 1;
      core.warning(line);
      return;
    }
    core.info(`Warning: ${line}`);
  };
}
