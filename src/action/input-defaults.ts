// Generated from action.yml by `npm run docs` (scripts/input-defaults.ts): edit action.yml, not this file.

/** Each input's default in action.yml, for an input given as an empty string. */
export const INPUT_DEFAULTS: Readonly<Record<string, string>> = {
  'devin-org-id': '',
  'devin-api-url': 'https://api.devin.ai',
  'pr-number': '',
  search: 'auto',
  generate: 'auto',
  'wait-timeout': '300',
  'poll-interval': '10',
  comment: 'always',
  'fail-on-labels': '',
  'fail-on-impact': '',
  'max-acus': '',
  'warn-only': 'false',
  'if-no-session': 'ignore',
  'if-api-error': 'fail',
  'report-days': '7',
  'override-label': '',
  'if-unchecked': 'pass',
  'commit-status': '',
  repositories: '',
};
