/**
 * Writes every character beyond ASCII in the bundle's JavaScript files as a `\uXXXX` escape.
 *
 * V8 keeps a script's source for as long as the script lives, and one character beyond Latin-1 (a `’` in a
 * message, an emoji in the summary) makes it keep the whole source at two bytes a character: 3.2 MB instead of
 * 1.6 MB for the main file, in every run. An escape means the same character in a string, template, regular
 * expression, identifier or comment; only a template's raw text (String.raw) would differ, and a space or line
 * end would stop being one: the bundle has neither, which this script checks.
 *
 * Usage: node scripts/ascii-bundle.ts <directory>
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** One UTF-16 code unit beyond ASCII, with the backslashes right before it. */
const BEYOND_ASCII = /(\\*)([\u0080-\uffff])/g;
/**
 * Characters that mean something else escaped: outside a string a line or paragraph separator ends a comment
 * and the others separate tokens, where `\uXXXX` would not.
 */
const SPACING = /[\s\ufeff]/u;

export function asciiSource(source: string, file: string): string {
  if (source.includes('String.raw')) throw new Error(`${file}: String.raw would read the escapes as written`);
  return source.replace(BEYOND_ASCII, (_, backslashes: string, character: string) => {
    // After an odd number of backslashes the character is itself escaped (a line continuation, say).
    if (backslashes.length % 2 === 1) throw new Error(`${file}: an escaped ${JSON.stringify(character)}`);
    if (SPACING.test(character))
      throw new Error(`${file}: a space or line end beyond ASCII (${escaped(character)})`);
    return `${backslashes}${escaped(character)}`;
  });
}

function escaped(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Rewrites the directory's JavaScript files in ASCII. */
export async function asciiBundle(directory: string): Promise<void> {
  for (const name of await readdir(directory)) {
    if (!name.endsWith('.js')) continue;
    const file = path.join(directory, name);
    const source = await readFile(file, 'utf8');
    const ascii = asciiSource(source, file);
    if (ascii !== source) await writeFile(file, ascii);
  }
}

if (import.meta.main) {
  const [directory] = process.argv.slice(2);
  if (!directory) throw new Error('usage: node scripts/ascii-bundle.ts <directory>');
  await asciiBundle(directory);
}
