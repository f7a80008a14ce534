/** Columns of the ranked table. */
export type SortKey = 'rank' | 'name' | 'score' | 'need' | 'potential' | 'population';

/**
 * Row order for the ranked table: by the chosen column, missing values (set-aside territories)
 * always last whatever the direction, ties broken by name (French collation) so the order is stable.
 * @example sortRows({ rank: [2, NaN, 1], ... }, 'rank', 'asc') // [2, 0, 1]
 */
export function sortRows(
  columns: Record<Exclude<SortKey, 'name'>, ArrayLike<number>> & { name: readonly string[] },
  key: SortKey,
  direction: 'asc' | 'desc',
): number[] {
  const n = columns.name.length;
  const order = Array.from({ length: n }, (_, i) => i);
  const collator = new Intl.Collator('fr');
  const sign = direction === 'asc' ? 1 : -1;
  return order.sort((a, b) => {
    if (key === 'name') return sign * collator.compare(columns.name[a]!, columns.name[b]!);
    const va = columns[key][a]!;
    const vb = columns[key][b]!;
    const ma = !Number.isFinite(va);
    const mb = !Number.isFinite(vb);
    if (ma !== mb) return ma ? 1 : -1;
    if (!ma && va !== vb) return sign * (va - vb);
    return collator.compare(columns.name[a]!, columns.name[b]!);
  });
}
