import { entryName, type RepositoryEntry } from '../action/repository-entries.ts';
import { type GitHubClient, statusOf } from '../github/client.ts';
import { badCredentials } from '../github/credentials.ts';
import { countOf } from '../model/text.ts';
import { once } from '../util/memoize.ts';

/** A repository the run reports on, spelt as GitHub spells it when the run has read that. */
export interface Target {
  owner: string;
  repo: string;
}

export interface Targets {
  /** Each repository once (owner and name compared ignoring case). */
  repositories: Target[];
  /** One sentence per `owner/*` entry that named no repository: GitHub would not list it, or it matched none. */
  problems: string[];
}

interface ListedRepository {
  name: string;
  archived?: boolean;
  owner: { login: string } | null;
}

/**
 * The repositories the `repositories` input names; the workflow's own when it is empty. `owner/*` is every
 * repository of that owner that the token can read, archived ones left out: with a GitHub App installation
 * token (`ghs_…`), those of its installation; with another token, the organization's, or the user's when GitHub
 * knows no such organization.
 */
export async function resolveTargets(
  entries: readonly RepositoryEntry[],
  context: { github: GitHubClient; token: string; own: Target },
): Promise<Targets> {
  if (entries.length === 0) return { repositories: [context.own], problems: [] };
  const found = new Map<string, Target>();
  const problems: string[] = [];
  const installation = context.token.startsWith('ghs_')
    ? once(() => installationRepositories(context.github))
    : undefined;
  for (const entry of entries) {
    if (entry.kind === 'one') {
      const key = `${entry.owner}/${entry.repo}`.toLowerCase();
      if (!found.has(key)) found.set(key, { owner: entry.owner, repo: entry.repo });
      continue;
    }
    let listed: ListedRepository[];
    try {
      listed = installation
        ? (await installation()).filter((repository) => sameOwner(repository, entry.owner))
        : await ownerRepositories(context.github, entry.owner);
    } catch (error) {
      problems.push(
        `${entryName(entry)}: ${describeListingError(error, entry.owner, installation !== undefined)}`,
      );
      continue;
    }
    const readable = listed.filter((repository) => !repository.archived);
    if (readable.length === 0) {
      problems.push(
        `${entryName(entry)}: ${noneFound(entry.owner, installation !== undefined, listed.length)}`,
      );
    }
    for (const repository of readable) {
      const owner = repository.owner?.login ?? entry.owner;
      // The listing's spelling is GitHub's own: it wins over an entry's.
      found.set(`${owner}/${repository.name}`.toLowerCase(), { owner, repo: repository.name });
    }
  }
  return { repositories: [...found.values()], problems };
}

async function installationRepositories(github: GitHubClient): Promise<ListedRepository[]> {
  return github.paginate(github.rest.apps.listReposAccessibleToInstallation, { per_page: 100 });
}

/** The organization's repositories; the user's when GitHub knows no organization of that name. */
async function ownerRepositories(github: GitHubClient, owner: string): Promise<ListedRepository[]> {
  try {
    return await github.paginate(github.rest.repos.listForOrg, { org: owner, type: 'all', per_page: 100 });
  } catch (error) {
    if (statusOf(error) !== 404) throw error;
  }
  return github.paginate(github.rest.repos.listForUser, { username: owner, type: 'owner', per_page: 100 });
}

function sameOwner(repository: ListedRepository, owner: string): boolean {
  return repository.owner?.login.toLowerCase() === owner.toLowerCase();
}

function describeListingError(error: unknown, owner: string, installation: boolean): string {
  const status = statusOf(error);
  const listing = installation
    ? "the GitHub App installation's repositories"
    : `the repositories of ${owner}`;
  if (status === 401)
    return `${badCredentials(`to list ${listing}`)} No repository of ${owner} is reported on.`;
  if (status === 404) return `GitHub knows no organization or user named ${owner} (404).`;
  if (status === 403 && installation)
    return `GitHub refused to list ${listing} (403): github.token reaches only its own repository; pass a GitHub App's installation token (actions/create-github-app-token) to report on an owner's repositories.`;
  if (status === 403) return `GitHub refused to list ${listing} (403): the github-token cannot read them.`;
  return `Listing ${listing} failed: ${error instanceof Error ? error.message : String(error)}`;
}

function noneFound(owner: string, installation: boolean, archived: number): string {
  const archivedNote =
    archived > 0 ? ` (${countOf(archived, 'archived repository', 'archived repositories')} left out)` : '';
  return installation
    ? `the GitHub App installation behind the github-token has no repository of ${owner}${archivedNote}: install the app on ${owner}, or create the token for its installation there.`
    : `the github-token can read no repository of ${owner}${archivedNote}.`;
}
