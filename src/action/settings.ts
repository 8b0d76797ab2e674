import * as z from 'zod/mini';
import type { DevinApiVersion, DevinConnectionOptions } from '../devin/connect.ts';
import { SEARCH_MODES, type SearchMode } from '../devin/matching.ts';
import { ExpectedFailure } from '../model/expected-failure.ts';
import type { GateRules } from '../model/gate.ts';
import { type GenerateMode, IMPACT_ORDER } from '../model/session.ts';
import { DECIMAL_NUMBER } from '../model/text.ts';
import { INPUT_DEFAULTS } from './input-defaults.ts';
import {
  parseRepositoryEntries,
  REPOSITORY_ENTRY_FORMS,
  type RepositoryEntry,
} from './repository-entries.ts';

type CommentMode = 'always' | 'on-failure' | 'never';
type ApiErrorMode = 'fail' | 'warn';

export interface Settings {
  devinApiKey: string;
  /** Decided once, from the key's prefix. */
  devinApiVersion: DevinApiVersion;
  devinOrgId?: string;
  devinApiUrl: string;
  githubToken: string;
  prNumber?: number;
  search: SearchMode;
  generate: GenerateMode;
  waitTimeoutSeconds: number;
  pollIntervalSeconds: number;
  comment: CommentMode;
  /** What a Devin API outage does to the step: `warn` under warn-only too. */
  ifApiError: ApiErrorMode;
  gate: GateRules;
  /** Repository mode: the period read and reported on, in days. */
  reportDays: number;
  /** The commit status every judging run keeps current; undefined: none. */
  commitStatus?: string;
  /** Repository mode: the repositories reported on; empty: the workflow's own. */
  repositories: readonly RepositoryEntry[];
}

/** Reads one input by its action.yml name; '' when unset (as `core.getInput` does). */
export type InputReader = (name: string) => string;

export class SettingsError extends ExpectedFailure {
  override name = 'SettingsError';
}

const TRUE_VALUES = ['true', 'True', 'TRUE'];
const FALSE_VALUES = ['false', 'False', 'FALSE'];

function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: () => `must be one of ${values.join(', ')}` });
}

const boolean = z.pipe(
  z.string().check(
    z.refine((value: string) => [...TRUE_VALUES, ...FALSE_VALUES].includes(value), {
      message: 'must be true or false',
    }),
  ),
  z.transform((value: string) => TRUE_VALUES.includes(value)),
);

function number(description: string, check: (value: number) => boolean) {
  return z.pipe(
    z.string().check(
      z.refine((value: string) => DECIMAL_NUMBER.test(value) && check(Number(value)), {
        message: `must be ${description}`,
      }),
    ),
    z.transform((value: string) => Number(value)),
  );
}

/** `true`/`false` predate `auto` and keep meaning `always`/`never`. */
const GENERATE_ALIASES: Readonly<Record<string, GenerateMode>> = { true: 'always', false: 'never' };
const generate = z.pipe(
  z.pipe(
    z.string().check(z.trim(), z.toLowerCase()),
    z.transform((value: string) => GENERATE_ALIASES[value] ?? value),
  ),
  z.enum(['auto', 'always', 'never'], {
    error: () => 'must be one of auto, always, never (true and false mean always and never)',
  }),
);

const optional = <T extends z.ZodMiniType<unknown, string>>(schema: T) =>
  z.pipe(
    z.transform((value: string) => (value === '' ? undefined : value)),
    z.optional(schema),
  );

const list = z.pipe(
  z.string(),
  z.transform((value: string) =>
    value
      .split(/[\n,]/)
      .map((item) => item.trim().toLowerCase())
      .filter((item) => item !== ''),
  ),
);

const trimmed = () => z.string().check(z.trim());

const repositories = z.pipe(
  z.string(),
  z.transform((value: string, payload) => {
    const parsed = parseRepositoryEntries(value);
    if ('entries' in parsed) return parsed.entries;
    payload.issues.push({
      code: 'custom',
      message: `must list ${REPOSITORY_ENTRY_FORMS}; '${parsed.malformed}' is neither`,
      input: value,
    });
    return z.NEVER;
  }),
);

/** GitHub's limit on a commit status's context. */
const MAX_STATUS_NAME = 255;

/** A year: the scan reads every session of the period, so the period stays bounded. */
const MAX_REPORT_DAYS = 366;

/**
 * Input name → schema of its raw string. The defaults live in action.yml: the runner passes them for an input the
 * step leaves out, and readInputs takes them from src/input-defaults.ts (generated from action.yml) for one given
 * as ''.
 */
const inputSchemas = {
  'devin-api-key': trimmed().check(z.minLength(1, 'is required: pass the Devin API key from a secret')),
  'devin-org-id': optional(trimmed()),
  'devin-api-url': z.pipe(
    trimmed(),
    z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://api.devin.ai' }),
  ),
  'github-token': trimmed().check(
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a workflow expression, shown to the user as is
    z.minLength(1, 'is required: pass ${{ github.token }} or a token with pull-requests: write'),
  ),
  'pr-number': optional(
    number('a pull request number such as 42', (value) => Number.isInteger(value) && value > 0),
  ),
  search: oneOf(SEARCH_MODES),
  generate,
  'wait-timeout': number('a number of seconds, 0 or more', (value) => value >= 0),
  'poll-interval': number('a number of seconds greater than 0', (value) => value > 0),
  comment: oneOf(['always', 'on-failure', 'never']),
  'fail-on-labels': list,
  'fail-on-impact': optional(z.pipe(z.string().check(z.trim(), z.toLowerCase()), oneOf(IMPACT_ORDER))),
  'max-acus': optional(number('a number of ACUs, 0 or more', (value) => value >= 0)),
  'warn-only': boolean,
  'if-no-session': oneOf(['ignore', 'warn', 'fail']),
  'if-api-error': oneOf(['fail', 'warn']),
  'report-days': number(
    `a number of days greater than 0, at most ${MAX_REPORT_DAYS}`,
    (value) => value > 0 && value <= MAX_REPORT_DAYS,
  ),
  'override-label': trimmed(),
  'if-unchecked': oneOf(['pass', 'fail']),
  'commit-status': trimmed().check(
    z.maxLength(MAX_STATUS_NAME, `must be at most ${MAX_STATUS_NAME} characters`),
  ),
  repositories,
} as const;

type InputName = keyof typeof inputSchemas;

/** Every input the action reads, by its action.yml name. */
export const INPUT_NAMES = Object.keys(inputSchemas) as InputName[];
type Parsed = { [K in InputName]: z.output<(typeof inputSchemas)[K]> };

/** Every input as the workflow gave it (or its default), each read once. */
export type RawInputs = Readonly<Record<InputName, string>>;

/**
 * An input given as '' means its default (a reusable workflow passes '' for an input its caller left out).
 * `github-token` has none here: its default is an expression only the runner evaluates.
 */
export function readInputs(readInput: InputReader): RawInputs {
  const raw: Partial<Record<InputName, string>> = {};
  for (const name of INPUT_NAMES) {
    raw[name] = readInput(name) || (INPUT_DEFAULTS[name] ?? '');
  }
  return raw as RawInputs;
}

/** Validates every input; throws a SettingsError that names each bad input and what it allows. */
export function parseSettings(inputs: RawInputs): Settings {
  const problems: string[] = [];
  const parsed: Partial<Record<InputName, unknown>> = {};
  for (const [name, schema] of Object.entries(inputSchemas) as [InputName, z.ZodMiniType][]) {
    const raw = inputs[name];
    const result = schema.safeParse(raw);
    if (result.success) parsed[name] = result.data;
    else problems.push(describeProblem(name, result.error.issues[0]?.message, raw));
  }
  const key = parsed['devin-api-key'];
  const apiVersion: DevinApiVersion = typeof key === 'string' && isV2Key(key) ? 'v2' : 'v3';
  if (apiVersion === 'v2' && !parsed['devin-org-id']) {
    problems.push(
      "Input 'devin-org-id' is required with a v2 API key (apk_…): set it to the id of the organization whose sessions to read.",
    );
  }
  if (problems.length > 0) throw new SettingsError(problems.join('\n'));
  return toSettings(parsed as Parsed, apiVersion);
}

/** Reads and validates every input once. */
export function readSettings(readInput: InputReader): Settings {
  return parseSettings(readInputs(readInput));
}

/** Legacy personal keys (`apk_…`, `apk_user_…`) speak the v2 API; everything else is taken for a v3 credential. */
function isV2Key(apiKey: string): boolean {
  return apiKey.startsWith('apk_');
}

const SECRET_INPUTS: readonly string[] = ['devin-api-key', 'github-token'];

function describeProblem(name: string, message = 'is invalid', raw: string): string {
  const got = SECRET_INPUTS.includes(name) ? '' : `; got '${raw}'`;
  return `Input '${name}' ${message}${got}.`;
}

function toSettings(inputs: Parsed, devinApiVersion: DevinApiVersion): Settings {
  return {
    devinApiKey: inputs['devin-api-key'],
    devinApiVersion,
    devinOrgId: inputs['devin-org-id'] || undefined,
    devinApiUrl: inputs['devin-api-url'].replace(/\/+$/, ''),
    githubToken: inputs['github-token'],
    prNumber: inputs['pr-number'],
    search: inputs.search,
    generate: inputs.generate,
    waitTimeoutSeconds: inputs['wait-timeout'],
    pollIntervalSeconds: inputs['poll-interval'],
    comment: inputs.comment,
    ifApiError: inputs['warn-only'] ? 'warn' : inputs['if-api-error'],
    gate: {
      failOnLabels: inputs['fail-on-labels'],
      failOnImpact: inputs['fail-on-impact'],
      maxAcus: inputs['max-acus'],
      warnOnly: inputs['warn-only'],
      ifNoSession: inputs['if-no-session'],
      overrideLabel: inputs['override-label'] || undefined,
      ifUnchecked: inputs['if-unchecked'],
    },
    reportDays: inputs['report-days'],
    commitStatus: inputs['commit-status'] || undefined,
    repositories: inputs.repositories,
  };
}

/** Where and how the settings reach the Devin API. */
export function devinAccess(
  settings: Settings,
): Pick<DevinConnectionOptions, 'apiUrl' | 'apiKey' | 'version' | 'orgId'> {
  return {
    apiUrl: settings.devinApiUrl,
    apiKey: settings.devinApiKey,
    version: settings.devinApiVersion,
    orgId: settings.devinOrgId,
  };
}
