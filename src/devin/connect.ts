import { isV2Key, type Settings } from '../settings.ts';
import { DevinClient } from './client.ts';
import type { SessionSource } from './source.ts';
import { V2Sessions } from './v2.ts';
import { V3Sessions } from './v3.ts';

export interface DevinConnection {
  source: SessionSource;
  /** Which API and scope, for the log. */
  description: string;
  requestCount(): number;
  close(): Promise<void>;
}

/** Picks the API version from the key's prefix and the scope from devin-org-id. */
export function connectDevin(settings: Settings, onRetry: (message: string) => void): DevinConnection {
  const v2 = isV2Key(settings.devinApiKey);
  const client = new DevinClient({
    baseUrl: settings.devinApiUrl,
    apiKey: settings.devinApiKey,
    expectedKey: v2
      ? 'a personal API key (apk_… or apk_user_…) of an enterprise admin, for the v2 API'
      : 'a service user credential (cog_…) for the v3 API',
    onRetry,
  });
  const orgId = settings.devinOrgId;
  const connection = { requestCount: () => client.requestCount, close: () => client.close() };
  if (v2) {
    // readSettings refuses a v2 key without devin-org-id.
    const org = orgId ?? '';
    return {
      ...connection,
      source: new V2Sessions(client, org),
      description: `Devin API v2, organization ${org}`,
    };
  }
  return {
    ...connection,
    source: new V3Sessions(client, orgId ? { kind: 'org', orgId } : { kind: 'enterprise' }),
    description: orgId ? `Devin API v3, organization ${orgId}` : 'Devin API v3, enterprise scope',
  };
}
