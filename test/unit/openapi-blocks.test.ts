import { describe, expect, it } from 'vitest';
import { documentedOperationList } from '../fakes/contract.ts';

describe('the OpenAPI blocks the fake Devin API checks against', () => {
  it('describes every operation the fake serves, with the org-scoped ones derived from the enterprise ones', () => {
    expect(documentedOperationList().map(({ method, path }) => `${method} ${path}`)).toEqual([
      'GET /v3/enterprise/sessions/insights',
      'GET /v3/organizations/{org_id}/sessions/insights',
      'GET /v3/enterprise/sessions/{devin_id}/insights',
      'GET /v3/organizations/{org_id}/sessions/{devin_id}/insights',
      'POST /v3/organizations/{org_id}/sessions/{devin_id}/insights/generate',
      'GET /v2/enterprise/organizations/{org_id}/sessions/insights',
    ]);
  });
});
