import type { Clock } from '../model/clock.ts';
import { logText } from '../model/text.ts';
import { type GitHubClient, statusOf } from './client.ts';
import { badCredentials } from './credentials.ts';
import { COMMENT_LIMIT } from './limits.ts';

/** Hidden first line that lets the action find its own comment again. */
export const COMMENT_MARKER = '<!-- devin-session-insights -->';
/** Marks the note that a run could not read the Devin API, so that the next such run replaces it. */
const NOTE_MARKER = '<!-- devin-session-insights:note -->';
/** How the action's other hidden lines under the marker start. */
const HIDDEN_LINE_PREFIX = '<!-- devin-session-insights';
/** Room kept for that note above a report. */
const NOTE_ROOM = 1_000;
/** The most a report may take in the comment: the limit, less the marker's line and the note's room. */
export const COMMENT_ROOM = COMMENT_LIMIT - COMMENT_MARKER.length - 1 - NOTE_ROOM;
/** Allowance for the runner's clock against GitHub's when asking for comments written since the first look. */
const RACE_CLOCK_SKEW_MS = 5 * 60 * 1000;

export interface CommentTarget {
  owner: string;
  repo: string;
  issueNumber: number;
}

export interface PublishedComment {
  id: number;
  url: string;
}

interface ExistingComment extends PublishedComment {
  body: string;
  /** The login of the account that wrote it, as GitHub lists it. */
  author?: string;
}

interface MarkedComment extends ExistingComment {
  user: { login: string; type: string } | null;
}

/** A marked comment GitHub did not let this token edit (403), written by another account than the token's. */
interface ForeignComment {
  comment: ExistingComment;
  /** false when the token's identity could not be read: the 403 may then mean a missing permission instead. */
  certain: boolean;
}

/**
 * Keeps one comment per pull request current: finds the one this action wrote (a marker alone is not enough:
 * anyone can paste it), then updates it, or creates it when allowed, again when someone deleted it.
 */
export class CommentPublisher {
  readonly #octokit: GitHubClient;
  readonly #target: CommentTarget;
  readonly #warn: (message: string) => void;
  readonly #clock: Clock;
  #existing: ExistingComment | undefined;
  #lookup: Promise<ExistingComment | undefined> | undefined;
  /** When the comments were first listed (ms): a racing run's comment was written after that. */
  #lookedAt = 0;
  #refused = false;
  #foreign: ForeignComment | undefined;
  #identityLookup: Promise<string | undefined> | undefined;

  constructor(octokit: GitHubClient, target: CommentTarget, warn: (message: string) => void, clock: Clock) {
    this.#octokit = octokit;
    this.#target = target;
    this.#warn = warn;
    this.#clock = clock;
  }

  /** Starts looking for the existing comment, so that the search overlaps other work; publish waits for it. */
  lookUp(): void {
    this.#lookup ??= this.#findOwn();
    // A failure is reported by publish, which awaits the same promise.
    this.#lookup.catch(() => undefined);
  }

  /** The comment this action wrote on the pull request, if any. */
  async existing(): Promise<Readonly<ExistingComment> | undefined> {
    if (!this.#lookup) this.lookUp();
    this.#existing ??= await this.#lookup;
    return this.#existing;
  }

  /** Writes the body (the marker is added here); undefined when there is no comment and none may be created. */
  async publish(markdown: string, options: { create: boolean }): Promise<PublishedComment | undefined> {
    if (this.#refused) return undefined;
    const body = `${COMMENT_MARKER}\n${markdown}`;
    try {
      await this.existing();
      if (this.#existing && (await this.#keepCurrent(this.#existing, body, options.create))) {
        return this.#existing;
      }
      const foreign = this.#foreign;
      this.#foreign = undefined;
      if (foreign) return await this.#publishBeside(foreign, body, options.create);
      return options.create ? await this.#create(body) : undefined;
    } catch (error) {
      this.#explain(error);
      return undefined;
    }
  }

  async #create(body: string): Promise<ExistingComment> {
    const { data } = await this.#octokit.rest.issues.createComment({
      ...this.#repo,
      issue_number: this.#target.issueNumber,
      body,
    });
    const created = { id: data.id, url: data.html_url, body, author: data.user?.login };
    this.#existing = await this.#settleRace(created, data.user?.login);
    return this.#existing;
  }

  /**
   * After GitHub refused this token editing another account's marked comment: writes the body to the token's own
   * comment, found or (when allowed) posted, and warns about the other one.
   */
  async #publishBeside(
    foreign: ForeignComment,
    body: string,
    create: boolean,
  ): Promise<ExistingComment | undefined> {
    const own = await this.#ownBeside(foreign.comment, body);
    if (own) {
      this.#existing = own;
      // Writing worked, so the token may write: the refusal was about the other account's comment.
      this.#warnForeign(
        { ...foreign, certain: true },
        `this run wrote the report to this token's own comment, ${logText(own.url, 300)}`,
      );
      return own;
    }
    if (!create) {
      this.#warnForeign(foreign, `${NO_NEW_COMMENT}; the report is in the job summary`);
      return undefined;
    }
    const created = await this.#create(body);
    // Creating worked as well, so the token may write.
    this.#warnForeign(
      { ...foreign, certain: true },
      `posted the report in a new comment, ${logText(created.url, 300)}`,
    );
    return created;
  }

  /**
   * Updates the comment to the body; false when someone deleted it since it was found (GitHub answers 404),
   * or when it is another account's that GitHub does not let this token edit (403), so that the caller may post
   * a new one.
   */
  async #keepCurrent(existing: ExistingComment, body: string, create: boolean): Promise<boolean> {
    if (existing.body === body) return true;
    try {
      await this.#update(existing.id, body);
    } catch (error) {
      if (statusOf(error) === 403) {
        const foreign = await this.#foreignOrNot(existing);
        if (!foreign) throw error;
        this.#foreign = foreign;
        this.#existing = undefined;
        this.#lookup = Promise.resolve(undefined);
        return false;
      }
      if (statusOf(error) !== 404) throw error;
      this.#existing = undefined;
      this.#lookup = Promise.resolve(undefined);
      this.#warn(
        `The report comment ${logText(existing.url, 300)} was deleted while this run was working (GitHub answered 404 to updating it): ${
          create ? 'posting a new one.' : `${NO_NEW_COMMENT}; the report is in the job summary.`
        }`,
      );
      return false;
    }
    existing.body = body;
    return true;
  }

  /**
   * Puts a note at the top of the existing comment (replacing an earlier note) and keeps its report; writes
   * nothing when there is no comment. The note is the action's own text, one paragraph within NOTE_ROOM.
   */
  async annotate(note: string): Promise<PublishedComment | undefined> {
    if (this.#refused) return undefined;
    try {
      await this.existing();
      if (!this.#existing) return undefined;
      const { hidden, report } = splitHiddenLines(this.#existing.body.slice(COMMENT_MARKER.length + 1));
      const paragraph = note
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, NOTE_ROOM - NOTE_MARKER.length - 4);
      const body = [COMMENT_MARKER, ...hidden, NOTE_MARKER, `${paragraph}\n`, withoutNote(report)].join('\n');
      if (this.#existing.body !== body) await this.#update(this.#existing.id, body);
      this.#existing.body = body;
      return this.#existing;
    } catch (error) {
      const foreign = statusOf(error) === 403 && this.#existing && (await this.#foreignOrNot(this.#existing));
      if (foreign) this.#warnForeign(foreign, 'the note on this run is not written to it');
      else this.#explain(error);
      return undefined;
    }
  }

  get #repo() {
    return { owner: this.#target.owner, repo: this.#target.repo };
  }

  async #update(id: number, body: string): Promise<void> {
    await this.#octokit.rest.issues.updateComment({ ...this.#repo, comment_id: id, body });
  }

  /**
   * The oldest comment with the marker written by a bot account (the workflow's token or a GitHub App, whose
   * identity cannot always be read), else by this token's own identity (a personal token). A marker that a
   * person pasted is never taken for the action's own.
   */
  async #findOwn(): Promise<ExistingComment | undefined> {
    this.#lookedAt = this.#clock.now();
    const byPeople: MarkedComment[] = [];
    for await (const comment of this.#markedComments()) {
      if (comment.user?.type === 'Bot') return comment;
      byPeople.push(comment);
    }
    if (byPeople.length === 0) return undefined;
    const identity = await this.#identity();
    return identity === undefined
      ? undefined
      : byPeople.find((comment) => sameLogin(comment.user?.login, identity));
  }

  async *#markedComments(since?: string): AsyncGenerator<MarkedComment> {
    const pages = this.#octokit.paginate.iterator(this.#octokit.rest.issues.listComments, {
      ...this.#repo,
      issue_number: this.#target.issueNumber,
      per_page: 100,
      since,
    });
    for await (const { data } of pages) {
      for (const comment of data) {
        if (comment.body?.startsWith(COMMENT_MARKER))
          yield {
            id: comment.id,
            url: comment.html_url,
            body: comment.body,
            author: comment.user?.login,
            user: comment.user,
          };
      }
    }
  }

  /**
   * Two runs on one pull request can both find no comment and both create one. After creating, every run
   * keeps the oldest of its identity's comments, deletes the others and writes its body there, so the runs
   * end with one comment whichever order they finish in.
   */
  async #settleRace(created: ExistingComment, login: string | undefined): Promise<ExistingComment> {
    if (!login) return created;
    const own: ExistingComment[] = [];
    const since = new Date(this.#lookedAt - RACE_CLOCK_SKEW_MS).toISOString();
    for await (const comment of this.#markedComments(since)) {
      if (sameLogin(comment.user?.login, login)) own.push(comment);
    }
    const [kept = created, ...extra] = own.sort((a, b) => a.id - b.id);
    for (const duplicate of extra) {
      await this.#octokit.rest.issues
        .deleteComment({ ...this.#repo, comment_id: duplicate.id })
        .catch((error: unknown) => {
          if (statusOf(error) !== 404) throw error;
        });
    }
    if (kept.id !== created.id && kept.body !== created.body) await this.#update(kept.id, created.body);
    return { ...kept, body: created.body };
  }

  /** The token's login from GraphQL's viewer, asked once; undefined when it cannot be read (as for some App tokens). */
  #identity(): Promise<string | undefined> {
    this.#identityLookup ??= this.#octokit
      .graphql<{ viewer: { login: string } }>('query { viewer { login } }')
      .then(
        ({ viewer }) => viewer.login,
        () => undefined,
      );
    return this.#identityLookup;
  }

  /**
   * Whether a comment GitHub refused this token editing (403) is another account's: a bot account's marked
   * comment is taken for the action's own without asking who the token is, and it may be, for example, the
   * workflow token's comment from before an App token replaced it. Undefined when it is the token's own, so that
   * the 403 is a missing permission.
   */
  async #foreignOrNot(comment: ExistingComment): Promise<ForeignComment | undefined> {
    const identity = await this.#identity();
    if (identity === undefined) return { comment, certain: false };
    return sameLogin(comment.author, identity) ? undefined : { comment, certain: true };
  }

  /**
   * This token's own marked comment beside another account's, updated to the body: the one by the token's
   * identity, or, when that cannot be read, the oldest marked comment of another bot account. Undefined when
   * there is none, or GitHub refuses that one too.
   */
  async #ownBeside(foreign: ExistingComment, body: string): Promise<ExistingComment | undefined> {
    const identity = await this.#identity();
    for await (const comment of this.#markedComments()) {
      if (comment.id === foreign.id) continue;
      const own =
        identity === undefined
          ? comment.user?.type === 'Bot' && !sameLogin(comment.author, foreign.author ?? '')
          : sameLogin(comment.author, identity);
      if (!own) continue;
      try {
        if (comment.body !== body) await this.#update(comment.id, body);
      } catch (error) {
        if (statusOf(error) === 403 || statusOf(error) === 404) return undefined;
        throw error;
      }
      return { id: comment.id, url: comment.url, body, author: comment.author };
    }
    return undefined;
  }

  #warnForeign({ comment, certain }: ForeignComment, outcome: string): void {
    const author = logText(comment.author ?? '') || 'another account';
    const whose = certain
      ? `it belongs to ${author}, another account than this token's, whose comments GitHub does not let this token edit (403)`
      : `GitHub did not let this token edit it (403): it belongs to ${author}, which may be another account than this token's; if it is the same account, the github-token needs 'pull-requests: write'`;
    this.#warn(
      `The comment ${logText(comment.url, 300)} starts with this action's marker, but ${whose}: ${outcome}. ` +
        'Delete that comment, or its first line (the hidden marker), to stop this warning.',
    );
  }

  #explain(error: unknown): void {
    const status = statusOf(error);
    const said = githubMessage(error);
    if (status === 401 || status === 403) this.#refused = true;
    if (status === 401) {
      this.#warn(
        `${badCredentials('to write the pull request comment')} The report is still in the job summary and the outputs.`,
      );
      return;
    }
    if (status === 403 && isPermissionRefusal(said)) {
      this.#warn(
        `GitHub refused to write the pull request comment (403): the github-token needs 'permissions: pull-requests: write'. ` +
          'Pull requests from forks get a read-only token under pull_request; use pull_request_target for them. ' +
          'The report is still in the job summary and the outputs.',
      );
      return;
    }
    if (status === 403) {
      // GitHub's own words explain refusals such as a locked conversation better than a guess would.
      this.#warn(
        `GitHub refused to write the pull request comment (403): "${said}". The report is still in the job summary and the outputs.`,
      );
      return;
    }
    const reason =
      status === 404
        ? `GitHub answered 404 for pull request #${this.#target.issueNumber} of ${this.#target.owner}/${this.#target.repo}: check that github-token can read that repository`
        : logText((error as Error).message, 300);
    this.#warn(
      `Could not write the pull request comment: ${reason}. The report is in the job summary and the outputs.`,
    );
  }
}

/** Why a run posts no new comment when it finds none to update. */
const NO_NEW_COMMENT = 'no new one is due in this run (comment input, or a merge queue run)';

/** The `message` of GitHub's error body, on one line. */
function githubMessage(error: unknown): string {
  const data = (error as { response?: { data?: unknown } } | null)?.response?.data;
  const message = (data as { message?: unknown } | null | undefined)?.message;
  return typeof message === 'string' ? logText(message, 300) : '';
}

/** GitHub's words for a token that lacks a permission, as opposed to refusals with another cause. */
function isPermissionRefusal(message: string): boolean {
  return message === '' || /not accessible by|must have|permission/i.test(message);
}

/**
 * The hidden lines under the marker (such as the state a later run reads) and what follows them. A note goes
 * below them, so that they stay where their readers look.
 */
function splitHiddenLines(body: string): { hidden: string[]; report: string } {
  const lines = body.split('\n');
  let count = 0;
  while (lines[count]?.startsWith(HIDDEN_LINE_PREFIX) && !lines[count]?.startsWith(NOTE_MARKER)) count += 1;
  return { hidden: lines.slice(0, count), report: lines.slice(count).join('\n') };
}

/** The report below an earlier note, or the whole body when it has none. */
function withoutNote(body: string): string {
  if (!body.startsWith(NOTE_MARKER)) return body;
  const end = body.indexOf('\n\n');
  return end === -1 ? '' : body.slice(end + 2);
}

/** `github-actions[bot]` in REST is `github-actions` in some GraphQL answers: compare without the suffix. */
function sameLogin(a: string | undefined, b: string): boolean {
  const plain = (login: string) => login.toLowerCase().replace(/\[bot\]$/, '');
  return a !== undefined && plain(a) === plain(b);
}
