import type { ActionItem, Analysis, Issue, Session } from '../model/session.ts';

type SessionPullRequests = Session['pullRequests'];

const NO_TIMELINE: Analysis['timeline'] = [];

/**
 * What the period report reads of a session, and nothing else. A scan of a long period can keep a hundred
 * thousand sessions, and each one's whole analysis (timeline, suggested prompt, issue texts) would take
 * hundreds of megabytes; the report shows counts per pull request, issue labels and impacts, and the most
 * frequent action items. What repeats from session to session (labels, impacts, action items, pull request
 * URLs, statuses) is kept once.
 */
export class ReportedPart {
  readonly #texts = new Map<string, string>();
  readonly #issues = new Map<string, Issue>();
  readonly #actionItems = new Map<string, ActionItem>();
  readonly #pullRequests = new Map<string, SessionPullRequests>();

  /** The session as the report reads it: no title, URL, messages or texts but those it counts. */
  of = (session: Session): Session => ({
    id: session.id,
    url: '',
    orgId: '',
    status: this.#text(session.status),
    statusDetail: session.statusDetail === undefined ? undefined : this.#text(session.statusDetail),
    createdAt: session.createdAt,
    updatedAt: session.updatedAt,
    acus: session.acus,
    size: session.size === undefined ? undefined : this.#text(session.size),
    pullRequests: this.#pullRequestsOf(session.pullRequests),
    analysis: session.analysis && {
      issues: session.analysis.issues.map((issue) => this.#issue(issue)),
      actionItems: session.analysis.actionItems.map((item) => this.#actionItem(item)),
      timeline: NO_TIMELINE,
    },
  });

  #text(text: string): string {
    const known = this.#texts.get(text);
    if (known !== undefined) return known;
    this.#texts.set(text, text);
    return text;
  }

  #issue(issue: Issue): Issue {
    const key = `${issue.impact}\u0000${issue.label}`;
    let kept = this.#issues.get(key);
    if (kept === undefined) {
      kept = { impact: this.#text(issue.impact), label: this.#text(issue.label), text: '' };
      this.#issues.set(key, kept);
    }
    return kept;
  }

  #actionItem(item: ActionItem): ActionItem {
    const key = `${item.type}\u0000${item.text}`;
    let kept = this.#actionItems.get(key);
    if (kept === undefined) {
      kept = { type: this.#text(item.type), text: item.text };
      this.#actionItems.set(key, kept);
    }
    return kept;
  }

  #pullRequestsOf(pullRequests: SessionPullRequests): SessionPullRequests {
    const key = pullRequests.map(({ url, state }) => `${url}\u0000${state ?? ''}`).join('\u0001');
    let kept = this.#pullRequests.get(key);
    if (kept === undefined) {
      kept = pullRequests.map(({ url, state }) => ({ url, state }));
      this.#pullRequests.set(key, kept);
    }
    return kept;
  }
}
