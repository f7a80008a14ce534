export interface CronbachAlpha {
  /** NaN when fewer than 2 items or 2 complete observations, or the total does not vary. */
  alpha: number;
  items: number;
  /** Observations complete on every item (listwise deletion). */
  observations: number;
}

/**
 * Cronbach's alpha (Cronbach 1951; OECD/JRC Handbook 2008, §4.2) of k items observed on the same
 * units: α = k/(k − 1) × (1 − Σ s_j² / s_T²), with s_j² the variance of item j and s_T² that of the
 * units' totals, both with divisor n − 1, over the units complete on every item. Above 0.7 the
 * items are usually read as measuring one construct.
 *
 * Complexity: O(k × n).
 * @example cronbachAlpha([[1, 2, 3, 4], [2, 3, 3, 5]]) // { alpha: 0.96, items: 2, observations: 4 }
 */
export function cronbachAlpha(items: ArrayLike<number>[]): CronbachAlpha {
  const k = items.length;
  const n = k > 0 ? items[0]!.length : 0;
  const rows: number[] = [];
  for (let i = 0; i < n; i++) if (items.every((col) => !Number.isNaN(col[i]!))) rows.push(i);
  const c = rows.length;
  if (k < 2 || c < 2) return { alpha: Number.NaN, items: k, observations: c };
  const variance = (get: (i: number) => number) => {
    let mean = 0;
    for (const i of rows) mean += get(i);
    mean /= c;
    let ss = 0;
    for (const i of rows) ss += (get(i) - mean) ** 2;
    return ss / (c - 1);
  };
  let itemVariance = 0;
  for (const col of items) itemVariance += variance((i) => col[i]!);
  const totalVariance = variance((i) => {
    let t = 0;
    for (const col of items) t += col[i]!;
    return t;
  });
  const alpha = totalVariance > 0 ? (k / (k - 1)) * (1 - itemVariance / totalVariance) : Number.NaN;
  return { alpha, items: k, observations: c };
}
