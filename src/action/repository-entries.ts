/**
 * The `repositories` input: which repositories a scheduled run reports on. `owner/repo` names one; `owner/*`
 * every repository of that owner that the token can read. Empty: the workflow's own repository.
 */
export type RepositoryEntry = { kind: 'one'; owner: string; repo: string } | { kind: 'owner'; owner: string };

/** The forms an entry may take, for the message on a malformed one. */
export const REPOSITORY_ENTRY_FORMS =
  'owner/repo entries or owner/* (every repository of that owner the token can read), comma- or newline-separated';

/** A user or organization: letters, digits and hyphens (and the underscore of managed users' suffix). */
const OWNER = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;
/** A repository name: letters, digits, `.`, `_` and `-`, but not `.` or `..`. */
const REPO = /^(?!\.\.?$)[A-Za-z0-9._-]{1,100}$/;

export type ParsedEntries = { entries: RepositoryEntry[] } | { malformed: string };

/**
 * The entries of the input, each once (owner and repository compared ignoring case, the first spelling
 * kept), or the first entry that is neither form.
 */
export function parseRepositoryEntries(text: string): ParsedEntries {
  const entries: RepositoryEntry[] = [];
  const seen = new Set<string>();
  for (const item of text.split(/[\n,]/)) {
    const entry = item.trim();
    if (entry === '') continue;
    const parsed = parseEntry(entry);
    if (parsed === undefined) return { malformed: entry };
    const key = entryName(parsed).toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    entries.push(parsed);
  }
  return { entries };
}

function parseEntry(entry: string): RepositoryEntry | undefined {
  const [owner = '', repo, ...rest] = entry.split('/');
  if (repo === undefined || rest.length > 0 || !OWNER.test(owner)) return undefined;
  if (repo === '*') return { kind: 'owner', owner };
  return REPO.test(repo) ? { kind: 'one', owner, repo } : undefined;
}

/** `owner/repo` or `owner/*`, as the input spells it. */
export function entryName(entry: RepositoryEntry): string {
  return entry.kind === 'one' ? `${entry.owner}/${entry.repo}` : `${entry.owner}/*`;
}
