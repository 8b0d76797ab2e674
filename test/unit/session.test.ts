import { describe, expect, it } from 'vitest';
import { fitJsonList } from '../../src/action/output-budget.ts';
import { v3SessionSchema } from '../../src/devin/schemas.ts';
import { acusText, hasSettled, impactLevel, impactRank, sumAcus } from '../../src/model/session.ts';
import { shortenText } from '../../src/model/text.ts';
import { sessionWith } from '../report-fixtures.ts';

describe('hasSettled', () => {
  it.each([
    ['exit', undefined],
    ['error', undefined],
    ['suspended', 'out_of_credits'],
    ['running', 'finished'],
    ['running', 'waiting_for_user'],
    ['Running', ' Finished '],
  ])('takes %s (%s) for settled', (status, statusDetail) => {
    expect(hasSettled({ status, statusDetail })).toBe(true);
  });

  it.each([
    ['running', 'working'],
    ['running', 'waiting_for_approval'],
    ['running', undefined],
    ['new', undefined],
    ['claimed', undefined],
    ['resuming', undefined],
    ['hibernating_on_the_moon', 'finished'],
  ])('takes %s (%s) for still under way', (status, statusDetail) => {
    expect(hasSettled({ status, statusDetail })).toBe(false);
  });
});

describe('impactLevel', () => {
  it.each([
    ['Critical', 'critical'],
    [' BLOCKER ', 'critical'],
    ['Severe', 'high'],
    ['major', 'high'],
    ['HIGH', 'high'],
    ['Moderate', 'medium'],
    ['me dium', 'medium'],
    ['Minor', 'low'],
    ['low', 'low'],
    ['trivial', 'low'],
  ])('places %s at %s', (impact, level) => {
    expect(impactLevel(impact)).toBe(level);
  });

  it('places nothing else, and ranks what it cannot place with the highest', () => {
    for (const impact of ['Sev 2', '', 'critical-ish', 'constructor', 'P1']) {
      expect(impactLevel(impact)).toBeUndefined();
      expect(impactRank(impact)).toBe(impactRank('critical'));
    }
    expect(impactRank('critical')).toBeGreaterThan(impactRank('high'));
  });
});

describe('acusText', () => {
  it.each([
    [2.005, undefined, '2.01'],
    [50.004, 50, '50.004'],
    [50.000001, 50, '50.000001'],
    [49.999, 50, '50'],
    [12.3456, 50, '12.35'],
    [5e21, undefined, '5000000000000000000000'],
    [1e-7, 0, '0.0000001'],
  ])('shows %d against %s as %s', (acus, limit, text) => {
    expect(acusText(acus, limit)).toBe(text);
  });
});

describe('sumAcus', () => {
  it('adds the figures as the decimals the API gave, so that 0.1 and 0.2 are not over 0.3', () => {
    const sessions = [0.1, 0.2].map((acus, index) => sessionWith({ id: `s${index}`, acus }));
    expect(sumAcus(sessions).acus).toBe(0.3);
    expect(sumAcus([...sessions, sessionWith({ id: 'x', acus: undefined })])).toEqual({
      acus: 0.3,
      unknown: ['x'],
    });
  });
});

describe('acus_consumed', () => {
  const read = (value: unknown) =>
    v3SessionSchema().parse({ session_id: 'devin-abc', acus_consumed: value }).acus_consumed;

  it('reads numbers and numeric strings, and anything else as unknown, never 0', () => {
    expect(read(61.5)).toBe(61.5);
    expect(read(' 61.5 ')).toBe(61.5);
    for (const value of [null, undefined, '', 'n/a', Number.NaN, {}]) expect(read(value)).toBeUndefined();
  });
});

describe('fitJsonList', () => {
  const items = Array.from({ length: 50 }, (_, index) => ({ index, text: `é${'x'.repeat(99)}` }));
  const shorten = (item: (typeof items)[number]) => ({ ...item, text: shortenText(item.text, 10) });

  it('keeps the whole list when it fits', () => {
    expect(fitJsonList(items, 1_000_000, shorten)).toMatchObject({ kept: 50, shortened: false });
  });

  it('shortens the entries, then keeps the longest prefix within the budget, as valid JSON', () => {
    for (const budget of [2, 100, 1_000, 1_800]) {
      const fitted = fitJsonList(items, budget, shorten);
      expect(Buffer.byteLength(fitted.json)).toBeLessThanOrEqual(budget);
      const parsed = JSON.parse(fitted.json);
      expect(parsed).toHaveLength(fitted.kept);
      expect(fitted.shortened).toBe(true);
      expect(parsed).toEqual(items.slice(0, fitted.kept).map(shorten));
      expect(fitted.kept).toBeLessThan(items.length);
      const next = items.slice(0, fitted.kept + 1).map(shorten);
      expect(Buffer.byteLength(JSON.stringify(next))).toBeGreaterThan(budget);
    }
  });

  it('keeps the longest prefix as it is when there is no way to shorten an entry', () => {
    const ids = Array.from({ length: 50 }, (_, index) => `session-${index}`);
    const fitted = fitJsonList(ids, 100);
    expect(fitted.shortened).toBe(false);
    expect(JSON.parse(fitted.json)).toEqual(ids.slice(0, fitted.kept));
    expect(Buffer.byteLength(JSON.stringify(ids.slice(0, fitted.kept + 1)))).toBeGreaterThan(100);
  });
});
