import { countOf } from '../model/text.ts';

/** Pull requests named in a line of the job summary; the log names them all. */
const LISTED_PULL_REQUESTS = 50;

/** The job summary's lines on the comments this run finished, and on those it could not, by their names. */
export function commentNotes({
  updated,
  unfinished,
}: {
  updated: readonly string[];
  unfinished: readonly string[];
}): string[] {
  const notes: string[] = [];
  if (updated.length > 0) {
    notes.push(
      `Updated the comment of ${countOf(updated.length, 'pull request')} that waited for an analysis: ${listed(updated)}.`,
    );
  }
  if (unfinished.length > 0) {
    notes.push(
      `Could not finish the comment of ${countOf(unfinished.length, 'pull request')} that waited for an analysis: ${listed(unfinished)}. The workflow log says why; the next run tries again.`,
    );
  }
  return notes;
}

/** `#1, #2 and 3 more`: at most LISTED_PULL_REQUESTS names. */
function listed(names: readonly string[]): string {
  const shown = names.slice(0, LISTED_PULL_REQUESTS);
  const more = names.length - shown.length;
  return `${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}
