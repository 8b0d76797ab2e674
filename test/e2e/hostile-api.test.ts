/**
 * Text from the Devin API reaches the log: session ids, statuses, labels, error bodies. The runner reads a
 * workflow command at the start of any line of stdout, so none of that text may start a line: no annotation,
 * no mask, no stop-commands that did not come from the action itself.
 */
import { describe, expect, it } from 'vitest';
import { BASE_TIME, makeAnalysis } from '../fakes/devin-data.ts';
import { DEVIN_KEY, iso, sessionOn, stage } from './stage.ts';

const repo = { owner: 'acme', repo: 'shop' };

/** The commands the action itself writes: its annotations, and the mask of its own key. */
const OWN_COMMANDS = [/^::(warning|error|notice|debug)::/, new RegExp(`^::add-mask::${DEVIN_KEY}$`)];

/** Lines of stdout that the runner would read as a workflow command the action did not write. */
function foreignCommands(stdout: string): string[] {
  return stdout
    .split('\n')
    .map((line) => line.trimStart())
    .filter((line) => line.startsWith('::') || line.startsWith('##['))
    .filter((line) => !OWN_COMMANDS.some((own) => own.test(line)));
}

function expectNoInjection(stdout: string): void {
  expect(foreignCommands(stdout), stdout).toEqual([]);
  expect(stdout).not.toContain('::add-mask::leak');
  expect(stdout).not.toContain('::stop-commands::');
  expect(stdout).not.toContain('::warning title=');
  expect(stdout).not.toContain('##[');
}

describe('text from the Devin API in the log', () => {
  it('cannot start a workflow command from a session id, a generate status, a label or an error body', async () => {
    const hostileId = 'a1b2c3\n::warning title=Injected session::pwned';
    const awaited = sessionOn(91, {
      session_id: hostileId,
      analysis: null,
      status: 'exit',
      status_detail: null,
    });
    const labelled = sessionOn(91, {
      analysis: makeAnalysis({
        issues: [
          { impact: 'Low', label: 'Scope\n::add-mask::leak\n##[error]x', issue: 'Touched other files' },
        ],
      }),
    });
    const { devin, run, pullRequest } = await stage({
      sessions: [awaited, labelled],
      generation: { [hostileId]: { status: 'started\n::stop-commands::pwned', readsUntilReady: 1 } },
      // The generate status is off the documented enum on purpose.
      checkResponses: false,
    });
    devin.injectFault({
      kind: 'enterprise-list',
      status: 503,
      body: JSON.stringify({ detail: 'down\n::add-mask::leak\n  ::warning title=Injected body::x' }),
      headers: { 'retry-after': '0' },
    });
    const event = pullRequest('opened', { ...repo, number: 91, createdAt: iso(BASE_TIME) });

    const result = await run(event, { 'fail-on-labels': 'nothing such' });

    expect(result.exitCode, result.stdout).toBe(0);
    expect(devin.countRequests('generate')).toBe(1);
    // The texts are there, each on the line that quotes it.
    expect(result.stdout).toMatch(
      /^The Devin API answered 503 .*down :\u200B:add-mask:\u200B:leak .*Retrying/m,
    );
    expect(result.stdout).toMatch(
      /^Insight generation for session a1b2c3 :\u200B:warning .*: started :\u200B:stop-commands/m,
    );
    expect(result.stdout).toMatch(
      /^fail-on-labels: .*Scope :\u200B:add-mask:\u200B:leak #\u200B#\[error\]x/m,
    );
    expectNoInjection(result.stdout);
  });

  it('cannot start one from the body of a failed generate request', async () => {
    const session = sessionOn(92, { analysis: null });
    const { devin, run, pullRequest } = await stage({ sessions: [session] });
    devin.injectFault({
      kind: 'generate',
      status: 400,
      body: JSON.stringify({ detail: 'Session not found\r\n::add-mask::leak\n::warning title=Injected::x' }),
    });
    const event = pullRequest('opened', { ...repo, number: 92, createdAt: iso(BASE_TIME) });

    const result = await run(event);

    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.stdout).toMatch(
      /^::warning::Could not ask Devin to analyse session .*400.*Session not found :\u200B:add-mask:\u200B:leak/m,
    );
    expectNoInjection(result.stdout);
  });

  it('cannot start one from the body of an answer that fails the step', async () => {
    const { devin, run, pullRequest } = await stage();
    devin.injectFault({
      kind: 'enterprise-list',
      status: 422,
      body: JSON.stringify({
        detail: [{ loc: ['query', '\n::add-mask::leak'], msg: 'bad\n::stop-commands::x' }],
      }),
    });
    const event = pullRequest('opened', { ...repo, number: 93, createdAt: iso(BASE_TIME) });

    const result = await run(event);

    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/^::error::.*422.*query\. :\u200B:add-mask:\u200B:leak: bad/m);
    expectNoInjection(result.stdout);
  });
});
