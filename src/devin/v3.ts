import { devinId, type Session } from '../model/session.ts';
import { logText } from '../model/text.ts';
import { API_CONCURRENCY, runConcurrently } from '../util/concurrency.ts';
import type { DevinApi } from './api.ts';
import type { DevinClient, Endpoint, Query } from './client.ts';
import { unusableAnswerError } from './errors.ts';
import { listSessionsByIds } from './list-filters.ts';
import { mapAnalysis, mapCommonFields } from './mapping.ts';
import { type IncompleteListing, PagingGuard, plausibleTotal } from './paging.ts';
import {
  generateResponseSchema,
  pullRequestUrlsOf,
  readTimestamp,
  type V3Session,
  v3PageSchema,
  v3SessionSchema,
} from './schemas.ts';
import { createdRanges, estimatedPages, sliceCount } from './window-scan.ts';

const PAGE_SIZE = 200;

interface Page {
  items: unknown[];
  total?: number;
  /** Whether a next page follows that the listing can reach. */
  more: boolean;
}

/** Enterprise scope reads every org's sessions; org scope stays under one org's endpoints. */
export type V3Scope = { kind: 'enterprise' } | { kind: 'org'; orgId: string };

/** The v3 API (`cog_` service user credentials), at enterprise or org scope. */
export class V3Api implements DevinApi {
  readonly #client: DevinClient;
  readonly #scope: V3Scope;
  readonly #onIncomplete: IncompleteListing;

  constructor(client: DevinClient, scope: V3Scope, onIncomplete: IncompleteListing = () => {}) {
    this.#client = client;
    this.#scope = scope;
    this.#onIncomplete = onIncomplete;
  }

  async listByIds(ids: readonly string[]): Promise<Session[]> {
    return listSessionsByIds(
      ids,
      (batch) => this.#items({ session_ids: batch }),
      (item) => this.#toSession(item),
    );
  }

  /**
   * The first page of the window decides: when a few more follow, the window is read on page after page;
   * when many do, the rest is read in slices over `created_at` at once. Then whatever was updated since the
   * first page, so that no session updated meanwhile is missed. Two slices may both hold a session, and an
   * answer read before its update can arrive after the other: the taker keeps the newest.
   */
  async scanUpdatedSince(
    since: number,
    wanted: (urls: readonly string[]) => boolean,
    take: (session: Session) => void,
  ): Promise<void> {
    const updatedAfter = Math.floor(since);
    const keep = (items: unknown[]) => {
      for (const item of items) if (wanted(pullRequestUrlsOf(item))) take(this.#toSession(item));
    };
    const window = this.#pages({ updated_after: updatedAfter });
    const first = (await window.next()).value;
    if (!first) return;
    const updatedAts = first.items.map(updatedAtOf);
    const latestUpdate = Math.max(updatedAfter, ...updatedAts);
    keep(first.items);
    if (!first.more) return;

    const pages = estimatedPages(
      {
        total: plausibleTotal(first.total, first.items.length),
        updatedAts,
        since: updatedAfter,
      },
      PAGE_SIZE,
    );
    const slices = sliceCount(pages);
    if (slices === 1) {
      for await (const page of window) keep(page.items);
    } else {
      await window.return(undefined);
      const ranges = createdRanges(updatedAfter, latestUpdate, slices);
      await runConcurrently(
        ranges.map((range) => async (stopped) => {
          for await (const page of this.#pages({ updated_after: updatedAfter, ...range })) {
            if (stopped()) return;
            keep(page.items);
          }
        }),
        API_CONCURRENCY,
      );
    }
    // A second early, in case the API reads updated_after as exclusive and a session changed within it.
    const changedSince = Math.max(updatedAfter, latestUpdate - 1);
    for await (const page of this.#pages({ updated_after: changedSince })) keep(page.items);
  }

  async get(session: Session): Promise<Session> {
    const id = devinId(session.id);
    const endpoint: Endpoint =
      this.#scope.kind === 'org'
        ? {
            method: 'GET',
            path: `${orgPath(this.#scope.orgId)}/sessions/${encodeURIComponent(id)}/insights`,
            permission: this.#readPermission,
          }
        : {
            method: 'GET',
            path: `/v3/enterprise/sessions/${encodeURIComponent(id)}/insights`,
            query: { org_id: session.orgId || undefined },
            permission: this.#readPermission,
          };
    return mapSession(
      await this.#client.call(
        { ...endpoint, subject: describeSession(id, session.orgId) },
        v3SessionSchema(),
      ),
    );
  }

  async generate(session: Session): Promise<string> {
    const orgId = this.#scope.kind === 'org' ? this.#scope.orgId : session.orgId;
    const id = devinId(session.id);
    if (!orgId) {
      throw new Error(
        `The Devin API gave no org_id for session ${logText(id)}, and generating insights needs it: set devin-org-id.`,
      );
    }
    const response = await this.#client.call(
      {
        method: 'POST',
        path: `${orgPath(orgId)}/sessions/${encodeURIComponent(id)}/insights/generate`,
        permission: 'ManageOrgSessions (organization level)',
        subject: describeSession(id, orgId),
      },
      generateResponseSchema(),
    );
    return response.status;
  }

  get #readPermission(): string {
    return this.#scope.kind === 'org'
      ? 'ViewOrgSessions (organization level)'
      : 'ViewAccountSessions (enterprise level)';
  }

  get #listPath(): string {
    return this.#scope.kind === 'org'
      ? `${orgPath(this.#scope.orgId)}/sessions/insights`
      : '/v3/enterprise/sessions/insights';
  }

  #toSession(item: unknown): Session {
    const parsed = v3SessionSchema().safeParse(item);
    if (!parsed.success) throw unusableAnswerError(`GET ${this.#listPath}`, parsed.error, 'items[]');
    return mapSession(parsed.data);
  }

  async *#items(filter: Query): AsyncGenerator<unknown> {
    for await (const page of this.#pages(filter)) yield* page.items;
  }

  /** Every page, following `end_cursor` while `has_next_page`, never the same cursor twice. */
  async *#pages(filter: Query): AsyncGenerator<Page> {
    const guard = new PagingGuard(`GET ${this.#listPath}`, PAGE_SIZE);
    let after: string | undefined;
    do {
      const page = await this.#client.call(
        {
          method: 'GET',
          path: this.#listPath,
          query: { ...filter, first: PAGE_SIZE, after },
          permission: this.#readPermission,
          subject: this.#scope.kind === 'org' ? `organization ${this.#scope.orgId}` : undefined,
        },
        v3PageSchema(),
      );
      guard.page(page.total, page.items.length);
      after = undefined;
      if (page.has_next_page && page.end_cursor) after = guard.cursor(page.end_cursor);
      else if (page.has_next_page) this.#onIncomplete(guard.incompleteMessage());
      yield { items: page.items, total: page.total, more: after !== undefined };
      // The caller is done with this page once it asks for the next. Until the next arrives this frame and
      // the caller's loop still hold the page; with several slices in flight that kept ~40 MB alive at
      // 100,000 sessions, so let its items go now.
      page.items.length = 0;
    } while (after !== undefined);
  }
}

/** An item's `updated_at` (Unix seconds, 0 when unreadable), read without validating the whole item. */
function updatedAtOf(item: unknown): number {
  return readTimestamp((item as { updated_at?: unknown } | null)?.updated_at);
}

function orgPath(orgId: string): string {
  return `/v3/organizations/${encodeURIComponent(orgId)}`;
}

function describeSession(id: string, orgId: string): string {
  return orgId ? `session ${id} in org ${orgId}` : `session ${id}`;
}

function mapSession(raw: V3Session): Session {
  return {
    ...mapCommonFields(raw),
    statusDetail: raw.status_detail,
    size: raw.session_size,
    userMessages: raw.num_user_messages,
    devinMessages: raw.num_devin_messages,
    category: raw.category,
    analysis: raw.analysis ? mapAnalysis(raw.analysis) : null,
  };
}
