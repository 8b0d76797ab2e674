/**
 * Preloaded into the action (`NODE_OPTIONS=--import=…`, see STAND_INS_NODE_OPTIONS in scripts/stand-ins.ts) by
 * the self-test job of CI, to point it at the stand-ins that scripts/stand-ins.ts started.
 *
 * The Actions runner sets GITHUB_API_URL, GITHUB_EVENT_NAME, GITHUB_EVENT_PATH and the other `github`
 * context variables of a `uses:` step itself, after applying the step's `env:`, so a workflow cannot
 * override them there. A preload runs before the bundle, whose @actions/github reads them at import.
 * Nothing changes when the stand-in variables are not set.
 */
const STAND_IN_VARIABLES: Readonly<Record<string, string>> = {
  GITHUB_API_URL: 'GITHUB_STAND_IN_URL',
  GITHUB_EVENT_NAME: 'GITHUB_STAND_IN_EVENT_NAME',
  GITHUB_EVENT_PATH: 'GITHUB_STAND_IN_EVENT_PATH',
};

for (const [name, standIn] of Object.entries(STAND_IN_VARIABLES)) {
  const value = process.env[standIn];
  if (value) process.env[name] = value;
}
if (process.env.GITHUB_STAND_IN_URL) {
  process.env.GITHUB_GRAPHQL_URL = `${process.env.GITHUB_STAND_IN_URL.replace(/\/+$/, '')}/graphql`;
}

export {};
