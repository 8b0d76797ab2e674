/**
 * The outputs action.yml declares are the outputs the action writes: each one on every kind of run, and no
 * other. An output added on one side only fails here.
 */
import { describe, expect, it } from 'vitest';
import { readActionMetadata } from '../../scripts/readme-tables.ts';
import { link, sessionOn, stage } from './stage.ts';

const declared = Object.keys(readActionMetadata().outputs).sort();
const repo = { owner: 'acme', repo: 'shop' };

describe('the outputs', () => {
  it('are every output action.yml declares, and only those, on a reported run', async () => {
    const session = sessionOn(31);
    const { run, pullRequest } = await stage({ sessions: [session] });
    const event = pullRequest('opened', { ...repo, number: 31, body: link(session.session_id) });

    const result = await run(event);

    expect(result.exitCode, result.stdout).toBe(0);
    expect(Object.keys(result.outputs).sort()).toEqual(declared);
  });

  it('are every output action.yml declares, and only those, on a skipped run', async () => {
    const { run, pullRequest } = await stage();
    const event = pullRequest('closed', { ...repo, number: 32, merged: false });

    const result = await run(event);

    expect(result.exitCode, result.stdout).toBe(0);
    expect(result.outputs.gate).toBe('skipped');
    expect(Object.keys(result.outputs).sort()).toEqual(declared);
  });
});
