import type { Session } from '../model/session.ts';
import type { DevinApi } from './api.ts';
import type { DevinClient, Query } from './client.ts';
import { unusableAnswerError } from './errors.ts';
import { listSessionsByIds, takeSessionsNaming } from './list-filters.ts';
import { mapAnalysis, mapCommonFields } from './mapping.ts';
import { PagingGuard, plausibleTotal } from './paging.ts';
import { type V2Session, v2PageSchema, v2SessionSchema } from './schemas.ts';

/** The documents disagree on the maximum (200 in the OpenAPI block, 1000 on the page): 200 works for both. */
const PAGE_SIZE = 200;
const READ_PERMISSION =
  'enterprise admin access to the organization (a personal apk_ key of an enterprise admin)';

/**
 * The legacy v2 API (`apk_`/`apk_user_` personal keys): one list endpoint per organization, skip/limit
 * paging, ISO timestamps, no session size or message counts, and no way to start an analysis.
 */
export class V2Api implements DevinApi {
  readonly #client: DevinClient;
  readonly #listPath: string;
  readonly #orgId: string;

  constructor(client: DevinClient, orgId: string) {
    this.#client = client;
    this.#orgId = orgId;
    this.#listPath = `/v2/enterprise/organizations/${encodeURIComponent(orgId)}/sessions/insights`;
  }

  async listByIds(ids: readonly string[]): Promise<Session[]> {
    return listSessionsByIds(
      ids,
      (batch) => this.#items({ session_ids: batch }),
      (item) => this.#toSession(item),
    );
  }

  async scanUpdatedSince(
    since: number,
    wanted: (urls: readonly string[]) => boolean,
    take: (session: Session) => void,
  ): Promise<void> {
    await takeSessionsNaming(
      this.#items({ updated_date_from: new Date(Math.floor(since) * 1000).toISOString() }),
      wanted,
      (item) => this.#toSession(item),
      take,
    );
  }

  /** v2 has no endpoint for one session: the list filtered by its id. */
  async get(session: Session): Promise<Session> {
    const [current] = await this.listByIds([session.id]);
    return current ?? session;
  }

  #toSession(item: unknown): Session {
    const parsed = v2SessionSchema().safeParse(item);
    if (!parsed.success) throw unusableAnswerError(`GET ${this.#listPath}`, parsed.error, 'items[]');
    return mapSession(parsed.data);
  }

  /** Every item of every page, by skip/limit while `has_more`. */
  async *#items(filter: Query): AsyncGenerator<unknown> {
    const guard = new PagingGuard(`GET ${this.#listPath}`, PAGE_SIZE);
    let skip = 0;
    for (;;) {
      const page = await this.#client.call(
        {
          method: 'GET',
          path: this.#listPath,
          query: { ...filter, skip, limit: PAGE_SIZE },
          permission: READ_PERMISSION,
          subject: `organization ${this.#orgId}`,
        },
        v2PageSchema(),
      );
      guard.page(page.total, page.items.length);
      yield* page.items;
      const read = skip + page.items.length;
      const total = plausibleTotal(page.total, read);
      const more = page.has_more ?? (total !== undefined && read < total);
      if (!more) return;
      if (page.items.length === 0) guard.emptyPageWithMore(skip);
      skip += page.items.length;
    }
  }
}

function mapSession(raw: V2Session): Session {
  return {
    ...mapCommonFields(raw),
    initialUserMessage: raw.initial_user_message,
    analysis: raw.session_analysis ? mapAnalysis(raw.session_analysis) : null,
  };
}
