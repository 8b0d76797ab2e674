import { describe, expect, it } from 'vitest';
import { BASE_TIME, type FakeSession, makeAnalysis } from '../fakes/devin-data.ts';
import { commentBody, iso, link, sessionOn, stage } from './stage.ts';

const repo = { owner: 'acme', repo: 'shop' };

function issue(impact: string, label: string, text: string) {
  return { impact, label, issue: text };
}

/** One run on a pull request that links the given sessions. */
async function runOn(number: number, sessions: FakeSession[], inputs: Record<string, string> = {}) {
  const staged = await stage({ sessions });
  const event = staged.pullRequest('opened', {
    ...repo,
    number,
    createdAt: iso(BASE_TIME),
    body: sessions.map((session) => link(session.session_id)).join('\n'),
  });
  const result = await staged.run(event, { generate: 'false', ...inputs });
  return { ...staged, result, comment: () => commentBody(staged.github, 'acme', 'shop', number) };
}

describe('session ids in links', () => {
  it('finds a session linked with an upper-case id', async () => {
    const session = sessionOn(31, { acus_consumed: 3 });
    const staged = await stage({ sessions: [session] });
    const event = staged.pullRequest('opened', {
      ...repo,
      number: 31,
      body: link(session.session_id.toUpperCase()),
    });

    const result = await staged.run(event, { search: 'linked' });

    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs).toMatchObject({
      matched: 'true',
      'session-ids': JSON.stringify([session.session_id]),
    });
  });
});

describe('ACUs', () => {
  it('reads a numeric string as a number, so max-acus sees it', async () => {
    const session = sessionOn(32, { acus_consumed: '61.5' as unknown as number, _off_contract: true });

    const { result, comment } = await runOn(32, [session], { 'max-acus': '50' });

    expect(result.exitCode, result.stdout).toBe(1);
    expect(result.stdout).toMatch(/::error::Devin session insights gate failed: 61\.5 ACUs consumed/);
    expect(result.outputs.acus).toBe('61.5');
    expect(comment()).toContain('| 61.5 |');
  });

  it('shows a missing figure as unknown, says the total is incomplete and that max-acus could not check it', async () => {
    const known = sessionOn(33, { acus_consumed: 10 });
    const missing = sessionOn(33, { acus_consumed: null as unknown as number, _off_contract: true });

    const { result, comment } = await runOn(33, [known, missing], { 'max-acus': '50' });

    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs.acus).toBe('');
    // A limit not checked on every session is not passed: pending, and the step passes (if-unchecked: pass).
    expect(result.outputs.gate).toBe('pending');
    expect(result.stdout).toMatch(
      new RegExp(
        `::warning::max-acus could not check 1 session, as the Devin API gave no ACU figure: ${missing.session_id}`,
      ),
    );
    const body = comment();
    expect(body).toContain('| unknown |');
    expect(body).toMatch(/\| \*\*Total\*\* \|[^\n]*at least 10 \(1 session unknown\)/);
    expect(body).toContain(`max-acus could not check`);
    expect(body).not.toMatch(/\| 0 \|/);
    expect(result.reportFile).toMatchObject({ 'acus-unknown': [missing.session_id] });
  });

  it('compares max-acus with the unrounded sum and shows the decimals that tell it apart', async () => {
    const sessions = [sessionOn(34, { acus_consumed: 25.002 }), sessionOn(34, { acus_consumed: 25.002 })];

    const { result, comment } = await runOn(34, sessions, { 'max-acus': '50' });

    expect(result.exitCode, result.stdout).toBe(1);
    expect(result.stdout).toMatch(/gate failed: 50\.004 ACUs consumed, more than the 50 allowed/);
    expect(result.outputs.acus).toBe('50.004');
    expect(comment()).toMatch(/\| \*\*Total\*\* \|[^\n]*\| 50\.004 \|/);
  });

  it('adds the figures as decimals: 0.1 and 0.2 ACUs are not over a max-acus of 0.3', async () => {
    const sessions = [sessionOn(41, { acus_consumed: 0.1 }), sessionOn(41, { acus_consumed: 0.2 })];

    const { result, comment } = await runOn(41, sessions, { 'max-acus': '0.3' });

    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs).toMatchObject({ gate: 'pass', acus: '0.3' });
    expect(comment()).toMatch(/\| \*\*Total\*\* \|[^\n]*\| 0\.3 \|/);
  });

  it('writes a huge figure as a plain decimal, never in exponent notation', async () => {
    const { result, comment } = await runOn(42, [sessionOn(42, { acus_consumed: 5e21 })]);

    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs.acus).toBe('5000000000000000000000');
    expect(comment()).toContain('| 5000000000000000000000 |');
    expect(comment()).not.toMatch(/\de\+\d/);
  });
});

describe('impact', () => {
  it('places Critical above High: fail-on-impact high trips on it and critical is accepted', async () => {
    const analysis = makeAnalysis({
      issues: [issue('Low', 'Style', 'A nit'), issue('Critical', 'Security', 'Secrets in the log')],
    });
    const high = await runOn(35, [sessionOn(35, { analysis })], { 'fail-on-impact': 'high' });
    const critical = await runOn(36, [sessionOn(36, { analysis })], { 'fail-on-impact': 'Critical' });

    for (const { result } of [high, critical]) {
      expect(result.exitCode, result.stdout).toBe(1);
      expect(JSON.parse(result.outputs['failing-issues'] ?? '[]')).toMatchObject([
        { impact: 'Critical', text: 'Secrets in the log', rule: 'fail-on-impact' },
      ]);
    }
    const body = high.comment();
    expect(body.indexOf('Secrets in the log')).toBeLessThan(body.indexOf('A nit'));
  });

  it('counts an impact off the scale as high, says so, and keeps it when the comment is shortened', async () => {
    const longText = 'x'.repeat(3_000);
    const lows = Array.from({ length: 60 }, (_, index) => issue('low', 'Style', `Nit ${index} ${longText}`));
    const analysis = makeAnalysis({ issues: [...lows, issue('Sev 2', 'Testing', 'Tests were skipped')] });

    const { result, comment } = await runOn(37, [sessionOn(37, { analysis })], { 'fail-on-impact': 'high' });

    expect(result.exitCode, result.stdout).toBe(1);
    expect(JSON.parse(result.outputs['failing-issues'] ?? '[]')).toMatchObject([
      { impact: 'Sev 2', text: 'Tests were skipped' },
    ]);
    const body = comment();
    expect(body).toContain('Left out to fit');
    expect(body).toContain('| Sev 2 |');
    expect(body).toContain('Tests were skipped');
    expect(body).toMatch(/impact “Sev 2” is not on the scale[^\n]*counted as high/i);
  });
});

describe('labels', () => {
  const analysis = makeAnalysis({
    issues: [issue('Medium', 'Prompt Clarity', 'The task was vague'), issue('Low', 'Testing', 'No test')],
  });

  it('match ignoring case, spaces, hyphens and underscores', async () => {
    const { result } = await runOn(38, [sessionOn(38, { analysis })], { 'fail-on-labels': 'prompt-clarity' });

    expect(result.exitCode, result.stdout).toBe(1);
    expect(JSON.parse(result.outputs['failing-issues'] ?? '[]')).toMatchObject([
      { label: 'Prompt Clarity', rule: 'fail-on-labels' },
    ]);
  });

  it('that match no issue leave the verdict alone, and the log lists the labels seen, each on the line', async () => {
    const hostile = issue('Low', 'Scope\n::stop-commands::resume', 'Changed unrelated files');
    const withHostile = { ...analysis, issues: [...analysis.issues, hostile] };

    const { result } = await runOn(39, [sessionOn(39, { analysis: withHostile })], {
      'fail-on-labels': 'promt clarity',
    });

    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs.gate).toBe('pass');
    expect(result.stdout).toContain(
      'fail-on-labels: no issue is labelled promt clarity; the labels of this run: Prompt Clarity, Scope :\u200B:stop-commands:\u200B:resume, Testing.',
    );
    expect(result.stdout).not.toMatch(/^::stop-commands::/m);
  });
});

describe('outputs past GitHub limits', () => {
  it('keep the JSON outputs valid and within 1 MB, say so in the log, and keep everything in the report file', async () => {
    // Just over the budget: the fitting itself is tested at length in test/unit/outputs-budget.test.ts.
    const text = 'y'.repeat(10_000);
    const sessions = Array.from({ length: 2 }, () =>
      sessionOn(40, {
        analysis: makeAnalysis({
          issues: Array.from({ length: 60 }, (_, index) => issue('High', 'Testing', `${index} ${text}`)),
          action_items: [],
        }),
      }),
    );

    const { result } = await runOn(40, sessions, { 'fail-on-labels': '*' });

    expect(result.exitCode, result.stdout).toBe(1);
    const outputBytes = Object.entries(result.outputs).reduce(
      (sum, [name, value]) => sum + Buffer.byteLength(name) + Buffer.byteLength(value),
      0,
    );
    expect(outputBytes).toBeLessThan(1_000_000);
    const failing = JSON.parse(result.outputs['failing-issues'] ?? '');
    expect(failing.length).toBeGreaterThan(0);
    expect(result.stdout).toMatch(/The failing-issues output holds \d+ of the 120 failing issues/);
    const report = result.reportFile as { 'failing-issues': { text: string }[] };
    expect(report['failing-issues']).toHaveLength(120);
    expect(report['failing-issues'][0]?.text).toHaveLength(10_002);
  });
});
