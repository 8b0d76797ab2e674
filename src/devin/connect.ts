import type { RetryPolicy } from '../http/retry-policy.ts';
import type { Clock } from '../model/clock.ts';
import type { DevinApi } from './api.ts';
import { DevinClient } from './client.ts';
import { V2Api } from './v2.ts';
import { V3Api } from './v3.ts';

/** v2 speaks to legacy personal keys, v3 to service user credentials. */
export type DevinApiVersion = 'v2' | 'v3';

export interface DevinConnectionOptions {
  apiUrl: string;
  apiKey: string;
  version: DevinApiVersion;
  /** Required for v2; for v3 it narrows the scope from the enterprise to one organization. */
  orgId?: string;
  clock: Clock;
  /** Changes to the default retry policy (tests shorten its times). */
  retry?: Partial<RetryPolicy>;
  onRetry: (message: string) => void;
  /** Told when a listing ends before its last page: the sessions found may be incomplete. */
  onIncomplete?: (message: string) => void;
}

export interface DevinConnection {
  api: DevinApi;
  /** Which API and scope, for the log. */
  description: string;
  requestCount(): number;
  close(): Promise<void>;
}

export function connectDevin(options: DevinConnectionOptions): DevinConnection {
  const v2 = options.version === 'v2';
  const client = new DevinClient({
    baseUrl: options.apiUrl,
    apiKey: options.apiKey,
    expectedKey: v2
      ? 'a personal API key (apk_… or apk_user_…) of an enterprise admin, for the v2 API'
      : 'a service user credential (cog_…) for the v3 API',
    clock: options.clock,
    retry: options.retry,
    onRetry: options.onRetry,
  });
  const { orgId } = options;
  const connection = { requestCount: () => client.requestCount, close: () => client.close() };
  if (v2) {
    // The settings refuse a v2 key without devin-org-id.
    const org = orgId ?? '';
    return {
      ...connection,
      api: new V2Api(client, org),
      description: `Devin API v2, organization ${org}`,
    };
  }
  return {
    ...connection,
    api: new V3Api(client, orgId ? { kind: 'org', orgId } : { kind: 'enterprise' }, options.onIncomplete),
    description: orgId ? `Devin API v3, organization ${orgId}` : 'Devin API v3, enterprise scope',
  };
}
