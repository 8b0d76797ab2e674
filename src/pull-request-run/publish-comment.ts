import type { Settings } from '../action/settings.ts';
import type { PullRequestReport } from '../comment/model.ts';
import type { CommentPublisher } from '../github/comment.ts';
import { commentMarkdown } from '../github/comment-body.ts';

/**
 * Publishes the report as the `comment` input says: `always` creates the comment, `on-failure` creates it only
 * when the gate fails, `never` leaves it alone; an existing comment is always kept current. A pull request
 * with no session gets a new comment only when that fails the gate or a note (an incomplete scan) is worth
 * saying; `if-no-session: warn` warns in the log alone. `mayCreate` false (a merge queue) creates none.
 */
export async function publishComment(
  comment: CommentPublisher,
  report: PullRequestReport,
  settings: Pick<Settings, 'comment' | 'gate'>,
  mayCreate: boolean,
) {
  if (settings.comment === 'never') return undefined;
  const outcome = report.verdict?.outcome;
  const failed =
    outcome !== undefined &&
    outcome !== 'pass' &&
    (outcome !== 'pending' || settings.gate.ifUnchecked === 'fail');
  const wanted =
    report.sessions.length === 0
      ? (failed && settings.gate.ifNoSession === 'fail') || report.notes.length > 0
      : settings.comment === 'always' || failed;
  return comment.publish(commentMarkdown(report, 'the job summary'), { create: mayCreate && wanted });
}
