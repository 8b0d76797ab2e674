/**
 * Extracts the OpenAPI blocks of Devin's API reference documents into the JSON files beside this
 * script, which the fake Devin API validates against.
 *
 *   node test/fakes/openapi/extract.ts [docs-folder]    (default: ../shared/devin-api beside the repository)
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const OPENAPI_DIR = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_DOCS_DIR = path.resolve(OPENAPI_DIR, '../../../../shared/devin-api');

/** The OpenAPI block of a captured documentation page, a YAML fence of four backticks. */
const BLOCK = /^````yaml[^\n]*\n([\s\S]*?)^````/m;

/** File name (document name with .json) => the parsed OpenAPI document, for each document that has a block. */
export function extractOpenApiBlocks(docsDir: string): Map<string, unknown> {
  const blocks = new Map<string, unknown>();
  for (const name of readdirSync(docsDir).sort()) {
    if (!name.endsWith('.txt')) continue;
    const found = BLOCK.exec(readFileSync(path.join(docsDir, name), 'utf8'));
    if (found?.[1]) blocks.set(name.replace(/\.txt$/, '.json'), parse(found[1]));
  }
  return blocks;
}

export function serialise(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const docsDir = path.resolve(process.argv[2] ?? DEFAULT_DOCS_DIR);
  for (const [name, document] of extractOpenApiBlocks(docsDir)) {
    writeFileSync(path.join(OPENAPI_DIR, name), serialise(document));
    console.log(`wrote ${path.join(OPENAPI_DIR, name)}`);
  }
}
