import { EngineError } from '../errors.ts';
import type { Vintage } from '../vintage/types.ts';
import type { CommuneGroup, TerritorySet } from './types.ts';

/**
 * Lists the territories scored at a level:
 * - `commune`: the communes in scope (inScope = 1), one member each;
 * - a zoning level of the vintage: its units with at least one member in scope; members are every
 *   commune of the vintage in the unit, in or out of scope, so that totals of units crossing the
 *   border are complete (the build adds outside members for that); `complete` comes from the
 *   vintage, `includesOutsideScope` says whether outside members are counted;
 * - `groups`: the user's groups of communes.
 *
 * Complexity: O(communes + units); the result is sorted by code (ties of scores are broken by it).
 *
 * @throws {EngineError} `UNKNOWN_LEVEL`, `UNKNOWN_COMMUNE`.
 * @example buildTerritories(vintage, 'epci').codes.length // 25 on the Bas-Rhin
 */
export function buildTerritories(vintage: Vintage, level: string, groups: CommuneGroup[] = []): TerritorySet {
  const c = vintage.communes;
  type Item = { code: string; name: string; members: number[]; complete: boolean };
  const items: Item[] = [];
  if (level === 'commune') {
    for (let i = 0; i < c.codes.length; i++) {
      if (c.inScope[i] === 1)
        items.push({ code: c.codes[i]!, name: c.names[i]!, members: [i], complete: true });
    }
  } else if (level === 'groups') {
    for (const [g, group] of groups.entries()) {
      const members = group.members.map((code, k) => {
        const i = c.index.get(code);
        if (i === undefined) {
          throw new EngineError('UNKNOWN_COMMUNE', `groups[${g}].members[${k}] : commune ${code} inconnue.`, {
            path: `groups[${g}].members[${k}]`,
            code,
          });
        }
        return i;
      });
      items.push({ code: group.id, name: group.name, members: [...new Set(members)], complete: true });
    }
  } else {
    const zoning = vintage.zonings.find((z) => z.id === level);
    const membership = c.zonings[level];
    if (!zoning || !membership) {
      throw new EngineError('UNKNOWN_LEVEL', `Le niveau « ${level} » n’existe pas dans ce millésime.`, {
        level,
      });
    }
    const byUnit = new Map<string, number[]>();
    for (let i = 0; i < membership.length; i++) {
      const code = membership[i];
      if (!code) continue;
      let list = byUnit.get(code);
      if (!list) byUnit.set(code, (list = []));
      list.push(i);
    }
    for (const unit of zoning.units) {
      const members = byUnit.get(unit.code);
      if (!members?.some((i) => c.inScope[i] === 1)) continue;
      items.push({ code: unit.code, name: unit.name, members, complete: unit.complete });
    }
  }
  items.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

  const n = items.length;
  const memberOffsets = new Int32Array(n + 1);
  for (let t = 0; t < n; t++) memberOffsets[t + 1] = memberOffsets[t]! + items[t]!.members.length;
  const memberIndex = new Int32Array(memberOffsets[n]!);
  const membersInScope = new Int32Array(n);
  const complete = new Uint8Array(n);
  const includesOutsideScope = new Uint8Array(n);
  items.forEach((item, t) => {
    memberIndex.set(item.members, memberOffsets[t]!);
    let inScope = 0;
    for (const i of item.members) inScope += c.inScope[i]!;
    membersInScope[t] = inScope;
    complete[t] = item.complete ? 1 : 0;
    includesOutsideScope[t] = inScope < item.members.length ? 1 : 0;
  });
  return {
    level,
    codes: items.map((i) => i.code),
    names: items.map((i) => i.name),
    complete,
    includesOutsideScope,
    memberOffsets,
    memberIndex,
    membersInScope,
  };
}
