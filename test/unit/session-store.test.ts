import { describe, expect, it } from 'vitest';
import { RepositoryScope } from '../../src/period/scope.ts';
import { SessionStore } from '../../src/period/session-store.ts';
import { pullUrl, weekSession } from '../repository-fixtures.ts';

/** The store's sessions (those of these slots, else all), without their slots. */
const sessionsOf = (store: SessionStore, slots?: number[]) =>
  [...store.entries(slots)].map(([, session]) => session);

describe('SessionStore', () => {
  const scope = new RepositoryScope('github.com', [
    { owner: 'acme', repo: 'app' },
    { owner: 'acme', repo: 'web' },
  ]);
  const issues = [
    { impact: 'High', label: 'Testing', text: 'No tests' },
    { impact: 'Low', label: 'Scope', text: 'Too wide' },
  ];
  const actionItems = [{ type: 'knowledge', text: 'Document the build' }];

  it('keeps each session once, with the copy updated last, whichever order the copies come in', () => {
    const store = new SessionStore(scope);
    store.add(weekSession('a', [{ url: pullUrl(1), state: 'open' }], { day: 2, acus: 4 }));
    store.add(weekSession('a', [{ url: pullUrl(1), state: 'open' }], { day: 1, acus: 1 }));
    store.add(weekSession('b', [{ url: pullUrl(2) }], { day: 0, acus: 2 }));
    store.add({ ...weekSession('a', [{ url: pullUrl(1), state: 'merged' }], { day: 3 }), acus: undefined });

    expect(store.size).toBe(2);
    expect(store.has('a')).toBe(true);
    const [a, b] = sessionsOf(store);
    expect(a).toMatchObject({
      id: 'a',
      acus: undefined,
      pullRequests: [{ url: pullUrl(1), state: 'merged' }],
    });
    expect(b).toMatchObject({ id: 'b', acus: 2 });
    expect(sessionsOf(store, [1]).map((session) => session.id)).toEqual(['b']);
  });

  it('keeps what the report reads of each session, its findings shared by every session that has the same', () => {
    const store = new SessionStore(scope);
    const session = weekSession('a', [{ url: pullUrl(1), state: 'open' }], {
      day: 1,
      acus: 2.5,
      size: 'm',
      issues,
      actionItems,
    });
    store.add(session);
    store.add(weekSession('b', [{ url: pullUrl(1), state: 'open' }], { issues, actionItems, size: 'm' }));
    store.add(weekSession('c', [{ url: pullUrl(2) }], {}, false));

    const [a, b, c] = sessionsOf(store);
    expect(a).toEqual({
      id: 'a',
      url: '',
      orgId: '',
      status: session.status,
      statusDetail: session.statusDetail,
      createdAt: session.createdAt,
      updatedAt: session.updatedAt,
      acus: 2.5,
      size: 'm',
      pullRequests: [{ url: pullUrl(1), state: 'open' }],
      analysis: {
        issues: issues.map((issue) => ({ ...issue, text: '' })),
        actionItems,
        timeline: [],
      },
    });
    expect(b?.analysis).toBe(a?.analysis);
    expect(c?.analysis).toBeNull();
    // Each pull request each session names, with what the session recorded of it and when it was updated.
    const named: unknown[] = [];
    store.eachNamed((slot, place, state, updatedAt) => named.push([slot, place, state, updatedAt]));
    expect(named).toEqual([
      [0, { index: 0, number: 1 }, 'open', a?.updatedAt],
      [1, { index: 0, number: 1 }, 'open', b?.updatedAt],
      [2, { index: 0, number: 2 }, undefined, c?.updatedAt],
    ]);
  });

  it('gives each session its own pull requests of the repositories, whatever the others recorded of them', () => {
    const store = new SessionStore(scope);
    const lists = [
      [{ url: pullUrl(1), state: 'open' }],
      [{ url: pullUrl(1), state: 'merged' }],
      [{ url: pullUrl(1), state: 'open' }],
      [{ url: pullUrl(1) }, { url: pullUrl(2, 'acme/web'), state: 'closed' }],
      [],
      [{ url: pullUrl(2), state: 'closed' }],
    ];
    for (const [index, pullRequests] of lists.entries()) store.add(weekSession(`s${index}`, pullRequests));
    // Another repository's pull requests are not kept; the repositories' ones are kept in their plain form.
    store.add(
      weekSession('other', [
        { url: pullUrl(3, 'acme/other'), state: 'open' },
        { url: 'https://api.github.com/repos/ACME/app/pulls/3', state: 'draft' },
      ]),
    );
    expect(sessionsOf(store).map((session) => session.pullRequests)).toEqual([
      ...lists,
      [{ url: pullUrl(3), state: 'draft' }],
    ]);
    const named: number[][] = [];
    store.eachNamed((slot, { index, number }) => named.push([slot, index, number]));
    expect(named).toEqual([
      [0, 0, 1],
      [1, 0, 1],
      [2, 0, 1],
      [3, 0, 1],
      [3, 1, 2],
      [5, 0, 2],
      [6, 0, 3],
    ]);
  });

  it('holds many sessions', () => {
    const store = new SessionStore(scope);
    for (let index = 0; index < 5_000; index++)
      store.add(weekSession(`s${index}`, [{ url: pullUrl(index % 7) }], { acus: index / 4 }));
    expect(store.size).toBe(5_000);
    expect(sessionsOf(store).at(-1)).toMatchObject({ id: 's4999', acus: 1249.75 });
  });
});
