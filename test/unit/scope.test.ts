import { describe, expect, it } from 'vitest';
import type { Session } from '../../src/model/session.ts';
import { RepositoryScope } from '../../src/period/scope.ts';
import { SessionStore } from '../../src/period/session-store.ts';
import { pullUrl, weekSession } from '../repository-fixtures.ts';

function storeOf(scope: RepositoryScope, sessions: readonly Session[]): SessionStore {
  const store = new SessionStore(scope);
  for (const session of sessions) store.add(session);
  return store;
}

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
    expect(scope.placeOf('https://api.github.com/repos/ACME/web/pulls/3')).toEqual({ index: 1, number: 3 });
    expect(scope.urlOf({ index: 1, number: 3 })).toBe('https://github.com/Acme/Web/pull/3');
    const store = storeOf(scope, sessions);

    const [app, web] = scope.named(store);
    expect([...(app ?? [])]).toEqual([[7, { recordedState: 'merged', recordedAt: sessions[1]?.updatedAt }]]);
    expect([...(web ?? [])].map(([number]) => number)).toEqual([3]);
    // The sessions of the pull requests asked for, by number: a session on one twice is there once.
    const [appSlots, webSlots] = scope.slotsNaming(store, [new Set([7, 8]), new Set([3])]);
    expect([...(appSlots ?? [])]).toEqual([[7, [0, 1, 3]]]);
    expect([...(webSlots ?? [])]).toEqual([[3, [1, 2]]]);
    expect(scope.slotsNaming(store, [new Set(), new Set([7])]).map((found) => found.size)).toEqual([0, 0]);
    // The same scope spelt as GitHub spells it reads the same places.
    const spelt = scope.spelt([
      { owner: 'Acme', repo: 'App' },
      { owner: 'acme', repo: 'web' },
    ]);
    const twice = [[pullUrl(7)], [pullUrl(3, 'acme/web'), pullUrl(7)], [pullUrl(7), pullUrl(8), pullUrl(7)]];
    expect(
      spelt.slotsOf(
        storeOf(
          scope,
          twice.map((urls, slot) =>
            weekSession(
              `s${slot}`,
              urls.map((url) => ({ url })),
            ),
          ),
        ),
      ),
    ).toEqual([[0, 1, 2], [1]]);
    expect(spelt.urlOf({ index: 0, number: 7 })).toBe('https://github.com/Acme/App/pull/7');
  });

  it('reads a pull request number too large to keep exactly every time alike', () => {
    const scope = new RepositoryScope('github.com', repositories);
    const huge = pullUrl(2 ** 60);
    const store = storeOf(scope, [weekSession('a', [{ url: huge }]), weekSession('b', [{ url: huge }])]);
    const [app] = scope.named(store);
    expect([...(app ?? [])].map(([number]) => number)).toEqual([2 ** 60]);
    const [slots] = scope.slotsNaming(store, [new Set([2 ** 60])]);
    expect([...(slots ?? [])]).toEqual([[2 ** 60, [0, 1]]]);
  });
});
