import { ACTION_ITEM_TYPES } from '../markdown/format.ts';
import type { ActionItem } from '../model/session.ts';
import { compareCodeUnits, foldText } from '../model/text.ts';
import { memoized } from '../util/memoize.ts';
import type { ActionItemTypeCount } from './model.ts';

/** Repository setup and knowledge are what a platform team fixes once for everyone, so they come first. */
const ACTION_ITEM_TYPE_ORDER = Object.keys(ACTION_ITEM_TYPES);

/** Action items by type, with the most frequent texts of each. */
export class ActionItemTally {
  readonly #types = new Map<string, { total: number; texts: Map<string, { text: string; count: number }> }>();
  readonly #textKey = memoized(foldText);

  add(item: ActionItem): void {
    let group = this.#types.get(item.type);
    if (group === undefined) {
      group = { total: 0, texts: new Map() };
      this.#types.set(item.type, group);
    }
    group.total += 1;
    const key = this.#textKey(item.text);
    const text = group.texts.get(key);
    if (text === undefined) group.texts.set(key, { text: item.text.trim(), count: 1 });
    else text.count += 1;
  }

  /** Known types in ACTION_ITEM_TYPE_ORDER, then newer ones by name; `top` texts per type. */
  byType(top: number): ActionItemTypeCount[] {
    return [...this.#types]
      .map(([type, group]) => {
        const texts = [...group.texts.values()];
        return { type, total: group.total, distinct: texts.length, top: topByCount(texts, top) };
      })
      .sort((a, b) => typeRank(a.type) - typeRank(b.type) || compareCodeUnits(a.type, b.type));
  }
}

function typeRank(type: string): number {
  const rank = ACTION_ITEM_TYPE_ORDER.indexOf(type);
  return rank === -1 ? ACTION_ITEM_TYPE_ORDER.length : rank;
}

/** The `limit` entries of highest count, first seen first among equals, without sorting them all. */
function topByCount<T extends { count: number }>(entries: readonly T[], limit: number): T[] {
  const top: T[] = [];
  for (const entry of entries) {
    if (top.length === limit && (limit === 0 || (top[limit - 1]?.count ?? 0) >= entry.count)) continue;
    let index = top.length;
    while (index > 0 && (top[index - 1]?.count ?? 0) < entry.count) index -= 1;
    top.splice(index, 0, entry);
    if (top.length > limit) top.pop();
  }
  return top;
}
