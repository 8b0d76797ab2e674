import type { Settings } from '../settings.ts';
import { DevinClient } from './client.ts';
import type { SessionSource } from './source.ts';
import { V3Sessions } from './v3.ts';

export interface DevinConnection {
  source: SessionSource;
  /** Which API and scope, for the log. */
  description: string;
  requestCount(): number;
  close(): Promise<void>;
}

const V3_KEY = 'a service user credential (cog_…) for the v3 API';

/** Picks the API version from the key's prefix and the scope from devin-org-id. */
export function connectDevin(settings: Settings, onRetry: (message: string) => void): DevinConnection {
  const client = new DevinClient({
    baseUrl: settings.devinApiUrl,
    apiKey: settings.devinApiKey,
    expectedKey: V3_KEY,
    onRetry,
  });
  const orgId = settings.devinOrgId;
  const source = new V3Sessions(client, orgId ? { kind: 'org', orgId } : { kind: 'enterprise' });
  return {
    source,
    description: orgId ? `Devin API v3, organization ${orgId}` : 'Devin API v3, enterprise scope',
    requestCount: () => client.requestCount,
    close: () => client.close(),
  };
}
