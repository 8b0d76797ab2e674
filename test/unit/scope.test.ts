import { describe, expect, it } from 'vitest';
import { RepositoryScope } from '../../src/period/scope.ts';
import { pullUrl, weekSession } from '../repository-fixtures.ts';

describe('RepositoryScope', () => {
  const repositories = [
    { owner: 'acme', repo: 'app' },
    { owner: 'Acme', repo: 'Web' },
  ];

  it('names each repository pull request its sessions name, by number, however its URL is spelt', () => {
    const scope = new RepositoryScope('github.com', repositories);
    const sessions = [
      weekSession('a', [{ url: pullUrl(7), state: 'open' }], { day: 1 }),
      weekSession('b', [{ url: pullUrl(7), state: 'merged' }, { url: pullUrl(3, 'acme/web') }], { day: 2 }),
      weekSession('c', [
        { url: 'https://www.github.com/ACME/WEB/pulls/3/' },
        { url: pullUrl(1, 'acme/other') },
      ]),
      weekSession('d', [{ url: pullUrl(7) }]),
    ];
    expect(scope.namesAny([pullUrl(7)])).toBe(true);
    expect(scope.namesAny([pullUrl(1, 'acme/other')])).toBe(false);

    const [app, web] = scope.named(
      sessions.map((session, slot) => [slot, session] as [number, typeof session]),
    );
    expect([...(app ?? [])]).toEqual([
      [7, { slots: [0, 1, 3], recordedState: 'merged', recordedAt: sessions[1]?.updatedAt }],
    ]);
    expect([...(web ?? [])].map(([number, pull]) => [number, pull.slots])).toEqual([[3, [1, 2]]]);
    // The same scope spelt as GitHub spells it reads the URLs it knows the same way.
    const spelt = scope.spelt([
      { owner: 'Acme', repo: 'App' },
      { owner: 'acme', repo: 'web' },
    ]);
    expect(
      spelt.slotsOf(
        [[pullUrl(7)], [pullUrl(3, 'acme/web'), pullUrl(7)], [pullUrl(7), pullUrl(8)]].map((urls, slot) => [
          slot,
          { pullRequests: urls.map((url) => ({ url })), updatedAt: 0 },
        ]),
      ),
    ).toEqual([[0, 1, 2], [1]]);
  });

  it('reads a pull request number too large to keep with its repository every time alike', () => {
    const scope = new RepositoryScope('github.com', repositories);
    const huge = pullUrl(2 ** 60);
    const sessions = [weekSession('a', [{ url: huge }]), weekSession('b', [{ url: huge }])];
    const [app] = scope.named(sessions.map((session, slot) => [slot, session] as [number, typeof session]));
    expect([...(app ?? [])].map(([number, pull]) => [number, pull.slots])).toEqual([[2 ** 60, [0, 1]]]);
  });
});
