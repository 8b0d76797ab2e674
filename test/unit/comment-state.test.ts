import { describe, expect, it } from 'vitest';
import { COMMENT_MARKER } from '../../src/github/comment.ts';
import { readState, stateLine, stateOf } from '../../src/github/comment-state.ts';
import { analysisWith, sessionWith } from '../report-fixtures.ts';

describe('the comment state', () => {
  it('lists the sessions and those without analysis, and reads back from the line after the marker', () => {
    const analysed = sessionWith({ id: 'a1', analysis: analysisWith({}) });
    const waiting = sessionWith({ id: 'b2', analysis: null });
    const state = stateOf([
      { session: analysed, insight: 'ready' },
      { session: waiting, insight: 'timed-out' },
    ]);

    expect(state).toEqual({ sessions: ['a1', 'b2'], unanalysed: ['b2'] });
    expect(readState(`${COMMENT_MARKER}\n${stateLine(state)}\n### Devin session insights`)).toEqual(state);
  });

  it('keeps an id that tries to end the HTML comment inside it', () => {
    const hostile = sessionWith({ id: 'x--><img src=x onerror=alert(1)>', analysis: null });
    const line = stateLine(stateOf([{ session: hostile, insight: 'missing' }]));

    expect(line.indexOf('-->')).toBe(line.length - 3);
    expect(line).not.toContain('<img');
    expect(readState(`${COMMENT_MARKER}\n${line}\n`)?.unanalysed).toEqual([hostile.id]);
  });

  it('reads nothing from a comment without a state, or with the state anywhere but after the marker', () => {
    const line = stateLine({ sessions: ['a'], unanalysed: ['a'] });

    expect(readState(`${COMMENT_MARKER}\n### Devin session insights`)).toBeUndefined();
    expect(readState(`${COMMENT_MARKER}\ntext\n${line}`)).toBeUndefined();
    expect(readState(`someone else\n${line}`)).toBeUndefined();
    expect(readState(`${COMMENT_MARKER}\n<!-- devin-session-insights-state {not json} -->`)).toBeUndefined();
    expect(
      readState(
        `${COMMENT_MARKER}\n<!-- devin-session-insights-state {"sessions":[1,"a"],"unanalysed":"a"} -->`,
      ),
    ).toEqual({ sessions: ['a'], unanalysed: [] });
  });
});
