import type { RepositoryRun } from './run.ts';

/**
 * Repository mode, loaded when a run takes it: a pull request run (most runs) does not parse or build its
 * modules. The bundle keeps it in a chunk of its own.
 */
export async function runRepositoryMode(run: RepositoryRun): Promise<void> {
  const repository = await import('./run.ts');
  await repository.runRepositoryMode(run);
}
