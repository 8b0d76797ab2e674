import { describe, expect, it } from 'vitest';
import { SessionStore } from '../../src/period/session-store.ts';
import { pullUrl, weekSession } from '../repository-fixtures.ts';

/** The store's sessions (those of these slots, else all), without their slots. */
const sessionsOf = (store: SessionStore, slots?: number[]) =>
  [...store.entries(slots)].map(([, session]) => session);

describe('SessionStore', () => {
  const issues = [
    { impact: 'High', label: 'Testing', text: 'No tests' },
    { impact: 'Low', label: 'Scope', text: 'Too wide' },
  ];
  const actionItems = [{ type: 'knowledge', text: 'Document the build' }];

  it('keeps each session once, with the copy updated last, whichever order the copies come in', () => {
    const store = new SessionStore();
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
    const store = new SessionStore();
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
    expect(b?.pullRequests).toBe(a?.pullRequests);
    expect(c?.analysis).toBeNull();
    // Each session's pull requests, the very list its session holds, and when it was updated.
    const links = [...store.links()];
    expect(links.map(([slot, link]) => [slot, link.pullRequests, link.updatedAt])).toEqual(
      [a, b, c].map((kept, slot) => [slot, kept?.pullRequests, kept?.updatedAt]),
    );
    expect(links[1]?.[1].pullRequests).toBe(b?.pullRequests);
  });

  it('gives each session its own pull requests, whatever the others recorded of them', () => {
    const store = new SessionStore();
    const lists = [
      [{ url: pullUrl(1), state: 'open' }],
      [{ url: pullUrl(1), state: 'merged' }],
      [{ url: pullUrl(1), state: 'open' }],
      [{ url: pullUrl(1) }, { url: pullUrl(2), state: 'closed' }],
      [],
      [{ url: pullUrl(2), state: 'closed' }],
    ];
    for (const [index, pullRequests] of lists.entries()) store.add(weekSession(`s${index}`, pullRequests));
    expect(sessionsOf(store).map((session) => session.pullRequests)).toEqual(lists);
    expect([...store.links()].map(([, links]) => links.pullRequests)).toEqual(lists);
  });

  it('holds many sessions', () => {
    const store = new SessionStore();
    for (let index = 0; index < 5_000; index++)
      store.add(weekSession(`s${index}`, [{ url: pullUrl(index % 7) }], { acus: index / 4 }));
    expect(store.size).toBe(5_000);
    expect(sessionsOf(store).at(-1)).toMatchObject({ id: 's4999', acus: 1249.75 });
  });
});
