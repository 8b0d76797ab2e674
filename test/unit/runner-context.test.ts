import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readEventContext } from '../../src/action/runner-context.ts';
import { ExpectedFailure } from '../../src/model/expected-failure.ts';

describe('readEventContext', () => {
  let directory: string;
  let eventPath: string;
  beforeEach(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'runner-context-'));
    eventPath = path.join(directory, 'event.json');
    await writeFile(
      eventPath,
      JSON.stringify({
        action: 'opened',
        repository: { name: 'from-payload', owner: { login: 'payload-owner' } },
      }),
    );
  });
  afterEach(() => rm(directory, { recursive: true, force: true }));

  it('reads the event name, the payload and GITHUB_REPOSITORY', () => {
    const context = readEventContext({
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_REPOSITORY: 'octo-org/hello-world',
    });
    expect(context).toEqual({
      eventName: 'pull_request',
      payload: expect.objectContaining({ action: 'opened' }),
      repo: { owner: 'octo-org', repo: 'hello-world' },
    });
  });

  it("falls back to the payload's repository without GITHUB_REPOSITORY", () => {
    expect(readEventContext({ GITHUB_EVENT_PATH: eventPath }).repo).toEqual({
      owner: 'payload-owner',
      repo: 'from-payload',
    });
  });

  it('reads no payload when the event file is missing, and says what is missing for the repository', () => {
    const missing = { GITHUB_EVENT_NAME: 'schedule', GITHUB_EVENT_PATH: path.join(directory, 'none.json') };
    expect(readEventContext({ ...missing, GITHUB_REPOSITORY: 'o/r' }).payload).toEqual({});
    expect(() => readEventContext(missing)).toThrow(/GITHUB_REPOSITORY/);
    expect(() => readEventContext(missing)).toThrow(ExpectedFailure);
  });

  it('names the event file when it is not JSON, as a failure that logs no stack', async () => {
    await writeFile(eventPath, '{ "action": ');
    const read = () => readEventContext({ GITHUB_EVENT_PATH: eventPath, GITHUB_REPOSITORY: 'o/r' });
    expect(read).toThrow(ExpectedFailure);
    expect(read).toThrow(`GITHUB_EVENT_PATH ${eventPath}`);
  });
});
