import { describe, expect, it } from 'vitest';
import { readActionMetadata } from '../../scripts/readme-tables.ts';
import { BASE_TIME, makeAnalysis } from '../fakes/devin-data.ts';
import { ACTIONS_BOT } from '../fakes/github-api.ts';
import { commentBody, iso, link, MARKER, sessionOn, stage } from './stage.ts';

const repo = { owner: 'acme', repo: 'shop' };

const working = { status: 'running', status_detail: 'working' } as const;

describe('generate: auto', () => {
  it('asks only for settled sessions while the pull request is open, and names the working one as not checked', async () => {
    const busy = sessionOn(41, { ...working, analysis: null, title: 'Still going' });
    const done = sessionOn(41, { status: 'exit', status_detail: null, analysis: null });
    const { devin, github, run, pullRequest } = await stage({
      sessions: [busy, done],
      generation: { [done.session_id]: { readsUntilReady: 1 } },
    });
    const event = pullRequest('opened', {
      ...repo,
      number: 41,
      body: `${link(busy.session_id)}\n${link(done.session_id)}`,
    });

    const result = await run(event, { 'fail-on-labels': 'security' });

    expect(result.exitCode, result.stdout).toBe(0);
    const generated = devin.requests.filter((request) => request.kind === 'generate');
    expect(generated.map((request) => request.path)).toEqual([expect.stringContaining(done.session_id)]);
    expect(result.outputs.gate).toBe('pending');
    const body = commentBody(github, 'acme', 'shop', 41);
    expect(body).toContain('Devin is still working: analysis when it settles, or at merge');
    expect(body).toMatch(
      /not checked, as there is no analysis yet: \[Still going\]\([^)]+\) \(Devin is still working\)/,
    );
    expect(body).toContain('| working |');
  });

  it('asks for every session without analysis once the pull request is merged', async () => {
    const busy = sessionOn(42, { ...working, analysis: null });
    const { devin, run, pullRequest } = await stage({
      sessions: [busy],
      generation: { [busy.session_id]: { readsUntilReady: 1 } },
    });
    const event = pullRequest('closed', { ...repo, number: 42, merged: true, body: link(busy.session_id) });

    const result = await run(event);

    expect(result.exitCode, result.stdout).toBe(0);
    expect(devin.countRequests('generate')).toBe(1);
    expect(result.outputs['issue-count']).toBe('3');
  });

  it('keeps true meaning always: it asks for a working session at once', async () => {
    const busy = sessionOn(43, { ...working, analysis: null });
    const { devin, run, pullRequest } = await stage({
      sessions: [busy],
      generation: { [busy.session_id]: { readsUntilReady: 1 } },
    });
    const event = pullRequest('opened', { ...repo, number: 43, body: link(busy.session_id) });

    const result = await run(event, { generate: 'true' });

    expect(result.exitCode, result.stdout).toBe(0);
    expect(devin.countRequests('generate')).toBe(1);
  });

  it('marks an analysis that exists while Devin is still working as taken mid-session', async () => {
    const busy = sessionOn(44, working);
    const { github, run, pullRequest } = await stage({ sessions: [busy] });
    const event = pullRequest('opened', { ...repo, number: 44, body: link(busy.session_id) });

    const result = await run(event);

    expect(result.exitCode, result.stdout).toBe(0);
    expect(commentBody(github, 'acme', 'shop', 44)).toContain('✅ analysed, ⚠️ taken mid-session');
  });
});

describe('a Devin API outage', () => {
  const previous = `${MARKER}\n### Devin session insights\n\nThe report of an earlier run.\n`;

  it('with if-api-error: warn, passes with a warning, writes every output and notes it on the comment', async () => {
    const { devin, github, run, pullRequest } = await stage();
    // A Retry-After beyond the retry budget ends the retries at once, as a long outage would.
    devin.injectFault({ status: 503, headers: { 'retry-after': '3600' }, times: Number.POSITIVE_INFINITY });
    const event = pullRequest('opened', { ...repo, number: 51, createdAt: iso(BASE_TIME) });
    github.addComment({ ...repo, issue_number: 51, body: previous, user: ACTIONS_BOT });

    const result = await run(event, { 'if-api-error': 'warn' });

    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.stdout).toMatch(
      /::warning::Could not read the Devin API, so the gate was not checked: .*503/,
    );
    expect(result.stdout).not.toContain('::error::');
    expect(Object.keys(result.outputs).sort()).toEqual(Object.keys(readActionMetadata().outputs).sort());
    expect(result.outputs).toMatchObject({ gate: 'error', acus: '', matched: '', 'failing-issues': '[]' });
    expect(result.summary).toContain('the Devin API could not be read');
    expect(result.summary).toContain('503');
    expect(result.reportFile).toMatchObject({ gate: 'error', error: { status: 503 } });
    const [comment] = github.commentsOn('acme', 'shop', 51);
    expect(result.outputs['comment-url']).toBe(comment?.html_url);
    const body = comment?.body ?? '';
    expect(body.startsWith(`${MARKER}\n`)).toBe(true);
    expect(body).toMatch(/could not read the Devin API \(503 from GET [^)]+\)/);
    expect(body).toContain('[this run](https://github.com/acme/shop/actions/runs/4242)');
    expect(body).toContain('The report of an earlier run.');
    expect(body.indexOf('could not read')).toBeLessThan(body.indexOf('The report of an earlier run.'));
  });

  it('passes under warn-only during an outage, and a second failure replaces the note', async () => {
    const { devin, github, run, pullRequest } = await stage();
    devin.injectFault({ status: 503, headers: { 'retry-after': '3600' }, times: Number.POSITIVE_INFINITY });
    const event = pullRequest('opened', { ...repo, number: 52, createdAt: iso(BASE_TIME) });
    github.addComment({ ...repo, issue_number: 52, body: previous, user: ACTIONS_BOT });

    const first = await run(event, { 'warn-only': 'true' });
    const second = await run(event, { 'warn-only': 'true' });

    for (const result of [first, second]) {
      expect(result.exitCode, result.stdout).toBe(0);
      expect(result.outputs.gate).toBe('error');
    }
    const body = commentBody(github, 'acme', 'shop', 52);
    expect(body.match(/could not read the Devin API/g)).toHaveLength(1);
    expect(body).toContain('The report of an earlier run.');
  });

  it('fails the step by default, with every output written and gate error', async () => {
    const { devin, run, pullRequest } = await stage();
    devin.injectFault({ status: 502, headers: { 'retry-after': '3600' }, times: Number.POSITIVE_INFINITY });
    const event = pullRequest('opened', { ...repo, number: 53, createdAt: iso(BASE_TIME) });

    const result = await run(event);

    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/::error::Could not read the Devin API.*Set if-api-error: warn/);
    expect(result.outputs).toMatchObject({ gate: 'error', 'session-ids': '[]' });
    expect(result.summary).toContain('the Devin API could not be read');
  });

  it('still fails on a bad input, before any request', async () => {
    const { devin, run, pullRequest } = await stage();
    const event = pullRequest('opened', { ...repo, number: 54 });

    const result = await run(event, { 'if-api-error': 'warn', 'wait-timeout': 'soon' });

    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain("::error::Input 'wait-timeout' must be a number of seconds");
    expect(devin.requests).toHaveLength(0);
    // Every path writes every output and a summary, saying what failed.
    expect(Object.keys(result.outputs).sort()).toEqual(Object.keys(readActionMetadata().outputs).sort());
    expect(result.outputs).toMatchObject({ gate: 'error', matched: '', acus: '' });
    expect(result.summary).toContain("Input 'wait-timeout' must be a number of seconds");
  });
});

describe('override-label', () => {
  const security = {
    issues: [
      { impact: 'High', label: 'Security', issue: 'A token was printed to the log' },
      { impact: 'Low', label: 'Style', issue: 'Lint noise' },
    ],
  };

  it('accepts a failed gate when the label is added, marking every reason accepted', async () => {
    const session = sessionOn(61, { analysis: makeAnalysis(security) });
    const { github, run, pullRequest } = await stage({ sessions: [session] });
    const event = pullRequest('labeled', {
      ...repo,
      number: 61,
      body: link(session.session_id),
      labels: ['needs-review', 'Devin-Accepted'],
    });

    const result = await run(event, { 'fail-on-labels': 'security', 'override-label': 'devin-accepted' });

    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.stdout).not.toContain('::error::');
    expect(result.stdout).toMatch(/::notice::.*accepted by the label 'Devin-Accepted'/);
    expect(result.outputs.gate).toBe('accepted');
    expect(JSON.parse(result.outputs['failing-issues'] ?? '[]')).toHaveLength(1);
    const body = commentBody(github, 'acme', 'shop', 61);
    expect(body).toContain('☑️ **Gate failed, accepted** with the label “Devin-Accepted”');
    expect(body).toContain(
      '- 1 issue labelled Security (fail-on-labels) (accepted with the label “Devin-Accepted”)',
    );
    expect(body).toContain('| ☑️ fail-on-labels, accepted |');
    expect(body).not.toContain('What now');
  });

  it('without the label fails, and the comment says to add it', async () => {
    const session = sessionOn(62, { analysis: makeAnalysis(security) });
    const { github, run, pullRequest } = await stage({ sessions: [session] });
    const event = pullRequest('opened', { ...repo, number: 62, body: link(session.session_id) });

    const result = await run(event, { 'fail-on-labels': 'security', 'override-label': 'devin-accepted' });

    expect(result.exitCode).toBe(1);
    expect(result.outputs.gate).toBe('fail');
    const body = commentBody(github, 'acme', 'shop', 62);
    expect(body).toContain('**What now?**');
    expect(body).toContain('add the label “devin-accepted” to this pull request');
  });
});

describe('the comment', () => {
  it('opens with the verdict and the totals, and counts an issue under every rule it trips', async () => {
    const first = sessionOn(71, {
      acus_consumed: 4.5,
      category: 'feature_development',
      analysis: makeAnalysis({
        issues: [
          { impact: 'High', label: 'Security', issue: 'A token was printed to the log' },
          { impact: 'Medium', label: 'Testing', issue: 'No test for the new path' },
        ],
      }),
    });
    const second = sessionOn(71, {
      acus_consumed: 6.25,
      analysis: makeAnalysis({ issues: [{ impact: 'Low', label: 'Style', issue: 'Lint noise' }] }),
    });
    const { github, run, pullRequest } = await stage({ sessions: [first, second] });
    const event = pullRequest('opened', {
      ...repo,
      number: 71,
      body: `${link(first.session_id)}\n${link(second.session_id)}`,
    });

    const result = await run(event, { 'fail-on-labels': 'security', 'fail-on-impact': 'high' });

    expect(result.exitCode).toBe(1);
    // The marker and the action's other hidden lines come first.
    const lines = commentBody(github, 'acme', 'shop', 71)
      .split('\n')
      .filter((line) => !line.startsWith('<!--'));
    expect(lines[0]).toBe('### Devin session insights');
    expect(lines[2]).toBe(
      '❌ **Gate failed**: 1 issue labelled Security (fail-on-labels); 1 issue of high impact or above (fail-on-impact) · 2 sessions · 10.75 ACUs · 3 issues (1 high) · 8 action items',
    );
    const body = lines.join('\n');
    expect(body).toContain('| ⛔ fail-on-labels, fail-on-impact |');
    expect(body).toContain('**What now?**');
    expect(body).toContain('**fail-on-labels** lists the issue labels that fail the gate');
    expect(body).toContain('**fail-on-impact** sets the lowest impact');
    expect(body).toContain('| feature development |');
  });

  it('shows a failure already known while another analysis is pending', async () => {
    const failing = sessionOn(72, {
      analysis: makeAnalysis({ issues: [{ impact: 'High', label: 'Security', issue: 'Leak' }] }),
    });
    const pending = sessionOn(72, { analysis: null });
    const { github, run, pullRequest } = await stage({
      sessions: [failing, pending],
      generation: { [pending.session_id]: { readsUntilReady: 1 } },
    });
    const event = pullRequest('opened', {
      ...repo,
      number: 72,
      body: `${link(failing.session_id)}\n${link(pending.session_id)}`,
    });

    const result = await run(event, { 'fail-on-labels': 'security' });

    expect(result.exitCode).toBe(1);
    const [comment] = github.commentsOn('acme', 'shop', 72);
    const firstBody = comment?.revisions[0] ?? '';
    expect(firstBody).toContain('❌ **Gate failing so far**: 1 issue labelled Security');
    expect(firstBody).toContain('**Gate:** ❌ failing so far, waiting for analysis');
    expect(comment?.body).toContain('❌ **Gate failed**');
  });

  it('on a merged pull request says how to get a missing analysis instead of promising the next run', async () => {
    const session = sessionOn(73, { analysis: null });
    const { github, run, pullRequest } = await stage({
      sessions: [session],
      generation: { [session.session_id]: { readsUntilReady: 'never' } },
    });
    const event = pullRequest('closed', {
      ...repo,
      number: 73,
      merged: true,
      body: link(session.session_id),
    });

    const result = await run(event, { 'wait-timeout': '0.3' });

    expect(result.exitCode, result.stdout).toBe(0);
    const body = commentBody(github, 'acme', 'shop', 73);
    expect(body).toContain('re-run this job, or run the workflow by workflow_dispatch with pr-number: 73');
    expect(body).not.toContain('next run');
  });

  it('with if-no-session: warn warns in the log and the summary, writes no comment and never mentions warn-only', async () => {
    const { github, run, pullRequest } = await stage();
    const event = pullRequest('opened', { ...repo, number: 74, createdAt: iso(BASE_TIME) });

    const result = await run(event, { 'if-no-session': 'warn' });

    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs.gate).toBe('warn');
    expect(result.stdout).toMatch(
      /::warning::Devin session insights: no Devin session references this pull request/,
    );
    expect(result.stdout).not.toContain('warn-only');
    expect(result.summary).toContain('⚠️ **Warning**: no Devin session references this pull request');
    expect(result.summary).not.toContain('warn-only');
    expect(github.commentsOn('acme', 'shop', 74)).toHaveLength(0);
  });
});
