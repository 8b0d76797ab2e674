/**
 * Extracts the OpenAPI blocks of Devin's API reference documents into test/fakes/openapi/, one JSON file per
 * document named after the endpoint it describes, which the fake Devin API validates against. Run by hand when
 * the reference changes; `--check` only compares the committed copies with the documents.
 *
 *   node scripts/extract-openapi.ts [--check] [docs-folder]    (default: ../shared/devin-api beside the checkout)
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'yaml';

const OPENAPI_DIR = fileURLToPath(new URL('../test/fakes/openapi/', import.meta.url));
const DEFAULT_DOCS_DIR = fileURLToPath(new URL('../../shared/devin-api/', import.meta.url));

/** The OpenAPI block of a captured documentation page, a YAML fence of four backticks. */
const BLOCK = /^````yaml[^\n]*\n([\s\S]*?)^````/m;

interface OpenApiDocument {
  paths?: Record<string, Record<string, unknown>>;
}

/** `get /v3/enterprise/sessions/insights` → `get-v3-enterprise-sessions-insights.json` (path parameters left out). */
function endpointFileName(document: OpenApiDocument): string {
  const [[route, operations] = ['', {}]] = Object.entries(document.paths ?? {});
  const method = Object.keys(operations)[0] ?? 'any';
  const segments = route.split('/').filter((segment) => segment && !segment.startsWith('{'));
  return `${[method, ...segments].join('-')}.json`;
}

/** File name => the parsed OpenAPI document, for each reference document that has a block. */
function extractOpenApiBlocks(docsDir: string): Map<string, OpenApiDocument> {
  const blocks = new Map<string, OpenApiDocument>();
  for (const name of readdirSync(docsDir).sort()) {
    if (!name.endsWith('.txt')) continue;
    const found = BLOCK.exec(readFileSync(path.join(docsDir, name), 'utf8'));
    if (!found?.[1]) continue;
    const document = parse(found[1]) as OpenApiDocument;
    blocks.set(endpointFileName(document), document);
  }
  return blocks;
}

const args = process.argv.slice(2);
const check = args.includes('--check');
const docsDir = path.resolve(args.find((arg) => arg !== '--check') ?? DEFAULT_DOCS_DIR);
const blocks = extractOpenApiBlocks(docsDir);
const committed = readdirSync(OPENAPI_DIR).filter((name) => name.endsWith('.json'));
let differences = 0;
for (const [name, document] of blocks) {
  const target = path.join(OPENAPI_DIR, name);
  if (check) {
    const current = committed.includes(name) ? JSON.parse(readFileSync(target, 'utf8')) : undefined;
    if (!isDeepStrictEqual(current, document)) {
      differences += 1;
      console.log(`${name} differs from its document in ${docsDir}.`);
    }
  } else {
    writeFileSync(target, `${JSON.stringify(document, null, 2)}\n`);
    console.log(`wrote ${target}`);
  }
}
for (const name of committed.filter((name) => !blocks.has(name))) {
  differences += 1;
  console.log(`${name} has no document in ${docsDir}.`);
}
if (check) {
  console.log(differences === 0 ? 'The OpenAPI copies are current.' : 'Run npm run openapi to update them.');
  process.exitCode = differences === 0 ? 0 : 1;
}
