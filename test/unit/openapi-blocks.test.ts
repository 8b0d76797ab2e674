import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentedOperationList } from '../fakes/contract.ts';
import { DEFAULT_DOCS_DIR, extractOpenApiBlocks, OPENAPI_DIR } from '../fakes/openapi/extract.ts';

const docsDir = path.resolve(process.env.DEVIN_API_DOCS ?? DEFAULT_DOCS_DIR);
const docsMissing = !existsSync(docsDir);
if (docsMissing)
  console.warn(`Not comparing the OpenAPI blocks with the documents: ${docsDir} does not exist.`);

describe('the OpenAPI blocks the fake Devin API checks against', () => {
  const comparison = docsMissing
    ? `are the blocks of the reference documents (skipped: ${docsDir} does not exist; set DEVIN_API_DOCS to compare)`
    : `are the blocks of the reference documents in ${docsDir}`;
  it.skipIf(docsMissing)(comparison, () => {
    const extracted = extractOpenApiBlocks(docsDir);
    expect([...extracted.keys()]).toEqual([
      '000_2a14cce097c2195b.json',
      '002_e4aab1a89ac60433.json',
      '004_eb277a9b79a2f2d2.json',
    ]);
    for (const [name, document] of extracted) {
      const committed = JSON.parse(readFileSync(path.join(OPENAPI_DIR, name), 'utf8'));
      expect(committed, `${name} differs from its document: run npm run openapi -- ${docsDir}`).toEqual(
        document,
      );
    }
  });

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
