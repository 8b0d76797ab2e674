import { describe, expect, it } from 'vitest';
import { pullRequestOrigin, skipReason, withheldSecretsReason } from '../../src/action/event.ts';
import { linkedSessionIds } from '../../src/devin/links.ts';
import { normalizePullRequestUrl, repositoryUrlPrefix } from '../../src/model/pull-request.ts';

describe('normalizePullRequestUrl', () => {
  const canonical = 'github.com/octo-org/hello-world/42';
  it.each([
    'https://github.com/octo-org/hello-world/pull/42',
    'https://GitHub.com/Octo-Org/Hello-World/pull/42',
    'HTTPS://github.com/octo-org/hello-world/pulls/42',
    'https://github.com/octo-org/hello-world/pull/42/',
    'https://github.com/octo-org/hello-world/pull/42/files',
    'https://github.com/octo-org/hello-world/pull/42/commits/abc123',
    'https://github.com/octo-org/hello-world/pull/42?tab=checks',
    'https://github.com/octo-org/hello-world/pull/42#issuecomment-1',
    'http://www.github.com/octo-org/hello-world/pull/42',
    ' https://github.com/octo-org/hello-world/pull/042 ',
    'https://api.github.com/repos/octo-org/hello-world/pulls/42',
  ])('%s', (url) => {
    expect(normalizePullRequestUrl(url)).toBe(canonical);
  });

  it('keeps the host, so GitHub Enterprise Server pull requests match only their own server', () => {
    expect(normalizePullRequestUrl('https://GHES.example.com/team/app/pull/7')).toBe(
      'ghes.example.com/team/app/7',
    );
    expect(normalizePullRequestUrl('https://ghes.example.com/api/v3/repos/team/app/pulls/7')).toBe(
      'ghes.example.com/team/app/7',
    );
    expect(normalizePullRequestUrl('https://ghes.example.com/team/app/pull/7')).not.toBe(
      normalizePullRequestUrl('https://github.com/team/app/pull/7'),
    );
  });

  it.each([
    '',
    'not a url',
    'https://github.com/octo-org/hello-world/issues/42',
    'https://github.com/octo-org/hello-world/pull/x',
    'mailto:a@b.c',
    'https://github.com/octo-org/pull/42',
  ])('rejects %s', (url) => {
    expect(normalizePullRequestUrl(url)).toBeUndefined();
  });

  it('reads a URL in the plain form as the URL parser reads it, however close to the form it comes', () => {
    const hosts = [
      'github.com',
      'GitHub.COM',
      'www.github.com',
      'api.github.com',
      'xn--bcher-kva.example',
      'xn--zz.example',
      'a-.b',
      '1.2.3',
      'ghes.example.com:8443',
      'ghes.example.com:443',
      'a..b',
      'github.com.',
    ];
    const names = ['octo', 'Octo-Org', 'a_b.c', '.', '..', '...', 'repos', '%2e', 'a b'];
    const tails = [
      'pull/42',
      'pulls/042',
      'PULL/1',
      'issues/3',
      `pull/${'9'.repeat(20)}`,
      'pull/',
      'pull/1/',
    ];
    for (const scheme of ['https', 'http', 'HTTPS'])
      for (const host of hosts)
        for (const owner of names)
          for (const repo of ['hello-world', ...names])
            for (const tail of tails) {
              const url = `${scheme}://${host}/${owner}/${repo}/${tail}`;
              // Text with a space before it is left to the URL parser (which trims it) whatever its form.
              expect(normalizePullRequestUrl(url), url).toBe(normalizePullRequestUrl(` ${url}`));
            }
    expect(normalizePullRequestUrl('https://github.com/a/../pull/1')).toBeUndefined();
  });

  it('tells different pull requests apart', () => {
    expect(normalizePullRequestUrl('https://github.com/a/b/pull/1')).not.toBe(
      normalizePullRequestUrl('https://github.com/a/b/pull/10'),
    );
    expect(normalizePullRequestUrl('https://github.com/a/b/pull/1')).not.toBe(
      normalizePullRequestUrl('https://github.com/a/c/pull/1'),
    );
  });
});

describe('linkedSessionIds', () => {
  it('finds the links Devin writes, old and new, without duplicates or prefixes', () => {
    const body = [
      'Adds retries.',
      '',
      'Link to Devin run: https://app.devin.ai/sessions/0123abcd',
      'Link to Devin Session: https://app.devin.ai/sessions/devin-4567ef',
      'Also see https://app.devin.ai/sessions/0123abcd',
      'Requested by: @someone',
    ].join('\n');
    expect(linkedSessionIds(body)).toEqual(['0123abcd', '4567ef']);
  });

  it('accepts labelled links on other hosts and ignores unrelated URLs', () => {
    expect(linkedSessionIds('Link to Devin run: https://devin.internal.example/sessions/abc')).toEqual([
      'abc',
    ]);
    expect(
      linkedSessionIds('see https://example.com/sessions/abc and https://github.com/a/b/pull/1'),
    ).toEqual([]);
    expect(linkedSessionIds('')).toEqual([]);
  });
});

describe('pullRequestOrigin', () => {
  const repo = { owner: 'octo-org', repo: 'hello-world' };
  const pull = {
    number: 5,
    html_url: 'https://github.com/octo-org/hello-world/pull/5',
    body: null,
    created_at: '2026-01-01T00:00:00Z',
    merged: false,
  };

  it('reads the pull request from pull_request and pull_request_target events', () => {
    for (const eventName of ['pull_request', 'pull_request_target']) {
      const source = pullRequestOrigin(
        { eventName, payload: { action: 'opened', pull_request: pull }, repo },
        undefined,
      );
      expect(source).toMatchObject({
        kind: 'event',
        pullRequest: { number: 5, body: '', createdAt: 1767225600, merged: false },
      });
    }
  });

  it('reads the pull request of review and review comment events', () => {
    for (const eventName of ['pull_request_review', 'pull_request_review_comment']) {
      const source = pullRequestOrigin(
        { eventName, payload: { action: 'submitted', pull_request: pull }, repo },
        9,
      );
      expect(source).toMatchObject({ kind: 'event', pullRequest: { number: 5 } });
    }
  });

  it('reads the pull request number of a merge_group from its queue branch, whatever the base', () => {
    const group = (headRef: string) => ({
      eventName: 'merge_group',
      payload: { action: 'checks_requested', merge_group: { head_ref: headRef } },
      repo,
    });
    const sha = '929f8209d40f77f4abc622a499c93a83babdbe64';
    expect(pullRequestOrigin(group(`refs/heads/gh-readonly-queue/main/pr-104-${sha}`), 9)).toEqual({
      kind: 'merge-queue',
      number: 104,
    });
    expect(pullRequestOrigin(group(`gh-readonly-queue/release/2.x/pr-7-${sha}`), undefined)).toEqual({
      kind: 'merge-queue',
      number: 7,
    });
    expect(() => pullRequestOrigin(group('refs/heads/main'), 9)).toThrow(
      /head ref 'refs\/heads\/main' is not a merge queue branch/,
    );
  });

  it('reads pr-number on other events', () => {
    expect(pullRequestOrigin({ eventName: 'workflow_dispatch', payload: {}, repo }, 9)).toEqual({
      kind: 'api',
      number: 9,
    });
    expect(pullRequestOrigin({ eventName: 'push', payload: {}, repo }, 9)).toEqual({
      kind: 'api',
      number: 9,
    });
  });

  it('runs repository mode on schedule and workflow_dispatch without pr-number', () => {
    for (const eventName of ['schedule', 'workflow_dispatch']) {
      expect(pullRequestOrigin({ eventName, payload: {}, repo }, undefined)).toEqual({ kind: 'repository' });
    }
  });

  it('needs pr-number for any other event', () => {
    expect(() => pullRequestOrigin({ eventName: 'push', payload: {}, repo }, undefined)).toThrow(
      /'push' event carries no pull request: set the 'pr-number' input/,
    );
  });
});

describe('skipReason', () => {
  const repo = { owner: 'octo-org', repo: 'hello-world' };
  const pull = { number: 5, html_url: 'https://github.com/octo-org/hello-world/pull/5', merged: false };

  it('skips a pull request closed without merging, even with a key', () => {
    for (const eventName of ['pull_request', 'pull_request_target']) {
      const context = { eventName, payload: { action: 'closed', pull_request: pull }, repo };
      expect(skipReason(context, 'cog_key')).toMatch(/#5 was closed without being merged/);
    }
  });

  it('reports on a merged pull request', () => {
    const merged = { ...pull, merged: true };
    const context = { eventName: 'pull_request', payload: { action: 'closed', pull_request: merged }, repo };
    expect(skipReason(context, 'cog_key')).toBeUndefined();
  });

  it('skips a merge group that asks for no check', () => {
    const context = { eventName: 'merge_group', payload: { action: 'destroyed' }, repo };
    expect(skipReason(context, 'cog_key')).toMatch(/asks for no check/);
  });
});

describe('withheldSecretsReason', () => {
  const context = (eventName: string, head: unknown, sender = 'octocat') => ({
    eventName,
    repo: { owner: 'acme', repo: 'shop' },
    payload: {
      sender: { login: sender },
      pull_request: { number: 3, head: { repo: head }, base: { repo: { full_name: 'acme/shop' } } },
    },
  });

  it('explains pull_request_target for a fork pull request', () => {
    expect(withheldSecretsReason(context('pull_request', { full_name: 'forker/shop' }))).toMatch(
      /fork.*pull_request_target/,
    );
  });

  it('treats a deleted head repository as a fork', () => {
    expect(withheldSecretsReason(context('pull_request', null))).toMatch(/fork/);
  });

  it('names Dependabot secrets for any run Dependabot started', () => {
    for (const eventName of ['pull_request', 'pull_request_target', 'push']) {
      expect(
        withheldSecretsReason(context(eventName, { full_name: 'acme/shop' }, 'dependabot[bot]')),
      ).toMatch(/Dependabot secret/);
    }
  });

  it('treats a review of a fork pull request like the pull request', () => {
    expect(
      withheldSecretsReason(context('pull_request_review_comment', { full_name: 'forker/shop' })),
    ).toMatch(/fork/);
  });

  it('blames nobody for a same-repository pull request or pull_request_target', () => {
    expect(withheldSecretsReason(context('pull_request', { full_name: 'ACME/shop' }))).toBeUndefined();
    expect(
      withheldSecretsReason(context('pull_request_target', { full_name: 'forker/shop' })),
    ).toBeUndefined();
  });
});

describe('repositoryUrlPrefix', () => {
  it("starts the normalised URLs of this repository's pull requests on its own server, and no other's", () => {
    const prefix = repositoryUrlPrefix({ host: 'WWW.GitHub.com', owner: 'Octo-Org', repo: 'Hello-World' });
    expect(
      normalizePullRequestUrl('https://github.com/octo-org/hello-world/pull/42')?.startsWith(prefix),
    ).toBe(true);
    for (const other of [
      'https://ghes.example.com/octo-org/hello-world/pull/42',
      'https://github.com/octo-org/hello-world-2/pull/42',
      'https://github.com/other/octo-org/hello-world/pull/42',
    ]) {
      expect(normalizePullRequestUrl(other)?.startsWith(prefix) ?? false).toBe(false);
    }
  });
});
