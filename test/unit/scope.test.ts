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
    expect([...(app ?? [])]).toEqual([[7, { recordedState: 'merged', recordedAt: sessions[1]?.updatedAt }]]);
    expect([...(web ?? [])].map(([number]) => number)).toEqual([3]);
    // The sessions of the pull requests asked for, by number: a session on one twice is there once.
    const links = sessions.map((session, slot) => [slot, session] as [number, typeof session]);
    const [appSlots, webSlots] = scope.slotsNaming(links, [new Set([7, 8]), new Set([3])]);
    expect([...(appSlots ?? [])]).toEqual([[7, [0, 1, 3]]]);
    expect([...(webSlots ?? [])]).toEqual([[3, [1, 2]]]);
    expect(scope.slotsNaming(links, [new Set(), new Set([7])]).map((found) => found.size)).toEqual([0, 0]);
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
    const links = sessions.map((session, slot) => [slot, session] as [number, typeof session]);
    const [app] = scope.named(links);
    expect([...(app ?? [])].map(([number]) => number)).toEqual([2 ** 60]);
    const [slots] = scope.slotsNaming(links, [new Set([2 ** 60])]);
    expect([...(slots ?? [])]).toEqual([[2 ** 60, [0, 1]]]);
  });
});
