import { CellFlag } from './flags.ts';
import { type ScoringOutput, type ScoringPlan, TerritoryStatus } from './types.ts';

/**
 * Fills the ranked territories' missing cells of one column of `out.values` (flagged `imputed`):
 * - `groupMean` / `groupMedian`: the mean or median of the observed values of the territory's group
 *   (`plan.imputationGroups`), over every territory of the matrix, ranked or not — they are real data;
 * - `neighbours`: the mean of the observed values of the territory's neighbours (`plan.neighbours`,
 *   CSR); cells imputed in this pass are never used as donors.
 * A cell with no donor stays missing. Only `values` and `flags` change; the matrix is untouched.
 *
 * Complexity: O(n + neighbours) for `neighbours`; O(n log n) for `groupMedian`.
 *
 * @example imputeColumn(out, j * n, plan, 'groupMedian')
 */
export function imputeColumn(
  out: ScoringOutput,
  base: number,
  plan: ScoringPlan,
  method: 'groupMean' | 'groupMedian' | 'neighbours',
): void {
  const n = out.n;
  const values = out.values;
  const status = out.status;
  if (method === 'neighbours') {
    const w = plan.neighbours!;
    for (let i = 0; i < n; i++) {
      if (status[i] !== TerritoryStatus.ranked || !Number.isNaN(values[base + i]!)) continue;
      let sum = 0;
      let count = 0;
      for (let e = w.offsets[i]!; e < w.offsets[i + 1]!; e++) {
        const nb = w.neighbours[e]!;
        if (out.flags[base + nb]! & CellFlag.imputed) continue;
        const v = values[base + nb]!;
        if (!Number.isNaN(v)) {
          sum += v;
          count++;
        }
      }
      if (count > 0) {
        values[base + i] = sum / count;
        out.flags[base + i]! |= CellFlag.imputed;
      }
    }
    return;
  }
  const groups = plan.imputationGroups!;
  let missing = 0;
  for (let i = 0; i < n; i++)
    if (status[i] === TerritoryStatus.ranked && Number.isNaN(values[base + i]!)) missing++;
  if (missing === 0) return;
  const byGroup = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const g = groups[i]!;
    const v = values[base + i]!;
    if (g < 0 || Number.isNaN(v)) continue;
    let list = byGroup.get(g);
    if (!list) byGroup.set(g, (list = []));
    list.push(v);
  }
  const donor = new Map<number, number>();
  for (const [g, list] of byGroup) {
    if (method === 'groupMean') donor.set(g, list.reduce((x, y) => x + y, 0) / list.length);
    else {
      list.sort((x, y) => x - y);
      const h = list.length >> 1;
      donor.set(g, list.length % 2 ? list[h]! : (list[h - 1]! + list[h]!) / 2);
    }
  }
  for (let i = 0; i < n; i++) {
    if (status[i] !== TerritoryStatus.ranked || !Number.isNaN(values[base + i]!)) continue;
    const v = donor.get(groups[i]!);
    if (v !== undefined) {
      values[base + i] = v;
      out.flags[base + i]! |= CellFlag.imputed;
    }
  }
}
