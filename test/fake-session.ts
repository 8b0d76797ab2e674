import type { Session } from '../src/model/session.ts';
import type { FakeSession } from './fakes/devin-data.ts';

/** A fake API session as the model knows it, for calls that need only its id, org and pull requests. */
export function sessionOf(session: FakeSession): Session {
  return {
    id: session.session_id.replace(/^devin-/, ''),
    url: session.url,
    status: session.status,
    orgId: session.org_id,
    createdAt: session.created_at,
    updatedAt: session.updated_at,
    acus: session.acus_consumed,
    pullRequests: session.pull_requests.map((pr) => ({ url: pr.pr_url, state: pr.pr_state ?? undefined })),
    analysis: null,
  };
}
