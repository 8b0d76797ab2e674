import { devinId, type Session } from '../session.ts';
import type { DevinApi } from './api.ts';
import type { DevinClient, Endpoint, Query } from './client.ts';
import { unusableAnswerError } from './errors.ts';
import { keepSessionsNaming, keepSessionsWithIds, sessionIdFilter } from './list-filters.ts';
import { mapAnalysis, mapCommonFields } from './mapping.ts';
import { generateResponseSchema, type V3Session, v3PageSchema, v3SessionSchema } from './schemas.ts';

const PAGE_SIZE = 200;

/** Enterprise scope reads every org's sessions; org scope stays under one org's endpoints. */
export type V3Scope = { kind: 'enterprise' } | { kind: 'org'; orgId: string };

/** The v3 API (`cog_` service user credentials), at enterprise or org scope. */
export class V3Api implements DevinApi {
  readonly #client: DevinClient;
  readonly #scope: V3Scope;

  constructor(client: DevinClient, scope: V3Scope) {
    this.#client = client;
    this.#scope = scope;
  }

  async listByIds(ids: readonly string[]): Promise<Session[]> {
    if (ids.length === 0) return [];
    const items = this.#items({ session_ids: sessionIdFilter(ids) });
    return keepSessionsWithIds(items, ids, (item) => this.#toSession(item));
  }

  async findUpdatedSince(since: number, wanted: (urls: readonly string[]) => boolean): Promise<Session[]> {
    return keepSessionsNaming(this.#items({ updated_after: Math.floor(since) }), wanted, (item) =>
      this.#toSession(item),
    );
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
      await this.#client.call({ ...endpoint, subject: describeSession(id, session.orgId) }, v3SessionSchema),
    );
  }

  async generate(session: Session): Promise<string> {
    const orgId = this.#scope.kind === 'org' ? this.#scope.orgId : session.orgId;
    const id = devinId(session.id);
    if (!orgId) {
      throw new Error(
        `The Devin API gave no org_id for session ${id}, and generating insights needs it: set devin-org-id.`,
      );
    }
    const response = await this.#client.call(
      {
        method: 'POST',
        path: `${orgPath(orgId)}/sessions/${encodeURIComponent(id)}/insights/generate`,
        permission: 'ManageOrgSessions (organization level)',
        subject: describeSession(id, orgId),
      },
      generateResponseSchema,
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
    const parsed = v3SessionSchema.safeParse(item);
    if (!parsed.success) throw unusableAnswerError(`GET ${this.#listPath}`, parsed.error, 'items[]');
    return mapSession(parsed.data);
  }

  /** Every item of every page, following `end_cursor` while `has_next_page`. */
  async *#items(filter: Query): AsyncGenerator<unknown> {
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
        v3PageSchema,
      );
      yield* page.items;
      after = page.has_next_page && page.end_cursor ? page.end_cursor : undefined;
    } while (after !== undefined);
  }
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
