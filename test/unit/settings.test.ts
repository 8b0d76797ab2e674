import { describe, expect, it } from 'vitest';
import { inputDefaults, readActionMetadata } from '../../scripts/readme-tables.ts';
import { INPUT_NAMES, readSettings, SettingsError } from '../../src/action/settings.ts';

const declared = readActionMetadata().inputs;
/** What the runner passes: action.yml's defaults, then the step's `with:`. */
const defaults = inputDefaults();
const required = { 'devin-api-key': 'cog_secret', 'github-token': 'ghs_token' };
const reader = (inputs: Record<string, string>) => (name: string) =>
  ({ ...defaults, ...required, ...inputs })[name] ?? '';

describe('readSettings', () => {
  it('reads exactly the inputs that action.yml declares', () => {
    expect([...INPUT_NAMES].sort()).toEqual(Object.keys(declared).sort());
  });

  it('accepts every default of action.yml as it stands', () => {
    const settings = readSettings(reader({}));
    expect(settings).toMatchObject({
      devinApiUrl: 'https://api.devin.ai',
      search: 'auto',
      generate: 'auto',
      ifApiError: 'fail',
      waitTimeoutSeconds: 300,
      pollIntervalSeconds: 10,
      comment: 'always',
      gate: { failOnLabels: [], warnOnly: false, ifNoSession: 'ignore' },
    });
    expect(settings.devinOrgId).toBeUndefined();
    expect(settings.prNumber).toBeUndefined();
    expect(settings.gate.failOnImpact).toBeUndefined();
    expect(settings.gate.maxAcus).toBeUndefined();
  });

  it('takes an input given as an empty string for its default, as if the step had left it out', () => {
    const given = Object.fromEntries(Object.keys(declared).map((name) => [name, '']));
    expect(readSettings(reader({ ...given, ...required }))).toEqual(readSettings(reader({})));
    expect(readSettings(reader({ ...given, ...required })).reportDays).toBe(7);
  });

  it('still requires github-token when it is given as an empty string: only the runner knows its default', () => {
    expect(() => readSettings(reader({ 'github-token': '' }))).toThrow(/Input 'github-token' is required/);
  });

  it('parses every input', () => {
    const settings = readSettings(
      reader({
        'devin-org-id': ' org-1 ',
        'devin-api-url': 'http://127.0.0.1:8080/',
        'pr-number': '42',
        search: 'window',
        generate: 'False',
        'if-api-error': 'warn',
        'override-label': ' accept-risk ',
        'wait-timeout': '0',
        'poll-interval': '0.25',
        comment: 'on-failure',
        'fail-on-labels': 'Testing, environment\n *\n',
        'fail-on-impact': 'High',
        'max-acus': '12.5',
        'warn-only': 'true',
        'if-no-session': 'fail',
      }),
    );
    expect(settings).toMatchObject({
      devinOrgId: 'org-1',
      devinApiUrl: 'http://127.0.0.1:8080',
      prNumber: 42,
      search: 'window',
      generate: 'never',
      ifApiError: 'warn',
      waitTimeoutSeconds: 0,
      pollIntervalSeconds: 0.25,
      comment: 'on-failure',
      gate: {
        failOnLabels: ['testing', 'environment', '*'],
        failOnImpact: 'high',
        maxAcus: 12.5,
        warnOnly: true,
        ifNoSession: 'fail',
        overrideLabel: 'accept-risk',
      },
    });
  });

  it.each([
    ['auto', 'auto'],
    ['always', 'always'],
    ['never', 'never'],
    ['true', 'always'],
    ['TRUE', 'always'],
    ['false', 'never'],
  ])('reads generate: %s as %s', (value, mode) => {
    expect(readSettings(reader({ generate: value })).generate).toBe(mode);
  });

  it('reads repositories as owner/repo and owner/* entries, comma- or newline-separated, each once', () => {
    expect(readSettings(reader({})).repositories).toEqual([]);
    expect(
      readSettings(
        reader({ repositories: ' Acme/Shop,\nacme/*\n\n  other-org/web.site , ACME/shop,acme/* ' }),
      ).repositories,
    ).toEqual([
      { kind: 'one', owner: 'Acme', repo: 'Shop' },
      { kind: 'owner', owner: 'acme' },
      { kind: 'one', owner: 'other-org', repo: 'web.site' },
    ]);
  });

  it('takes a Devin API failure for a warning under warn-only, whatever if-api-error says', () => {
    expect(readSettings(reader({ 'warn-only': 'true', 'if-api-error': 'fail' })).ifApiError).toBe('warn');
    expect(readSettings(reader({ 'if-api-error': 'warn' })).ifApiError).toBe('warn');
  });

  it.each([
    ['wait-timeout', 'soon', /Input 'wait-timeout' must be a number of seconds, 0 or more; got 'soon'/],
    ['comment', 'sometimes', /Input 'comment' must be one of always, on-failure, never; got 'sometimes'/],
    [
      'fail-on-impact',
      'extreme',
      /Input 'fail-on-impact' must be one of low, medium, high, critical; got 'extreme'/,
    ],
    ['max-acus', '-3x', /Input 'max-acus' must be a number of ACUs, 0 or more; got '-3x'/],
    ['search', 'everything', /Input 'search' must be one of auto, linked, window; got 'everything'/],
    ['pr-number', 'abc', /Input 'pr-number' must be a pull request number such as 42; got 'abc'/],
    ['pr-number', '1.5', /Input 'pr-number'/],
    ['poll-interval', '0', /Input 'poll-interval' must be a number of seconds greater than 0/],
    [
      'generate',
      'yes',
      /Input 'generate' must be one of auto, always, never \(true and false mean always and never\); got 'yes'/,
    ],
    ['if-api-error', 'ignore', /Input 'if-api-error' must be one of fail, warn; got 'ignore'/],
    ['if-no-session', 'maybe', /Input 'if-no-session' must be one of ignore, warn, fail/],
    ['devin-api-url', 'ftp://x', /Input 'devin-api-url' must be an http\(s\) URL/],
    [
      'repositories',
      'acme/shop, acme',
      /Input 'repositories' must list owner\/repo entries or owner\/\* \(every repository of that owner the token can read\), comma- or newline-separated; 'acme' is neither; got 'acme\/shop, acme'/,
    ],
    ['repositories', 'https://github.com/acme/shop', /'https:\/\/github.com\/acme\/shop' is neither/],
    ['repositories', 'acme/shop/pull/1', /'acme\/shop\/pull\/1' is neither/],
    ['repositories', '*/shop', /'\*\/shop' is neither/],
    ['repositories', 'acme/..', /'acme\/\.\.' is neither/],
    ['repositories', 'acme/my shop', /'acme\/my shop' is neither/],
  ])('rejects %s: %s', (name, value, message) => {
    expect(() => readSettings(reader({ [name]: value }))).toThrow(message);
  });

  it('names every bad input at once and never echoes a secret', () => {
    let error: unknown;
    try {
      readSettings(
        (name) => ({ 'devin-api-key': '', 'github-token': '', comment: 'x', search: 'y' })[name] ?? '',
      );
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SettingsError);
    const message = (error as Error).message;
    expect(message).toContain("Input 'devin-api-key' is required");
    expect(message).toContain("Input 'github-token' is required");
    expect(message).toContain("Input 'comment'");
    expect(message).toContain("Input 'search'");
  });

  it('requires devin-org-id with a v2 key, and only then', () => {
    expect(() => readSettings(reader({ 'devin-api-key': 'apk_user_abc' }))).toThrow(
      /Input 'devin-org-id' is required with a v2 API key/,
    );
    expect(readSettings(reader({ 'devin-api-key': 'apk_abc', 'devin-org-id': 'org-1' })).devinOrgId).toBe(
      'org-1',
    );
    expect(readSettings(reader({ 'devin-api-key': 'cog_abc' })).devinOrgId).toBeUndefined();
  });
});
