/**
 * CSR rows from a list of pairs (a[k] -> b[k], and b[k] -> a[k] too when `mirror`), duplicates
 * merged (their `values` added up when given), rows sorted by neighbour index. Self-pairs must not
 * be given. Internal helper of the weights builders.
 *
 * Complexity: O(n + pairs + Σ row² for the per-row sort, rows being short).
 */
export function rowsFromPairs(
  n: number,
  a: Int32Array,
  b: Int32Array,
  mirror: boolean,
  values?: Float64Array,
): { offsets: Int32Array; neighbours: Int32Array; values: Float64Array | undefined } {
  const pairCount = a.length;
  const start = new Int32Array(n + 1);
  for (let k = 0; k < pairCount; k++) start[a[k]! + 1]!++;
  if (mirror) for (let k = 0; k < pairCount; k++) start[b[k]! + 1]!++;
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, n);
  const cols = new Int32Array(start[n]!);
  const vals = values ? new Float64Array(start[n]!) : undefined;
  for (let k = 0; k < pairCount; k++) {
    const slot = fill[a[k]!]!++;
    cols[slot] = b[k]!;
    if (vals) vals[slot] = values![k]!;
    if (mirror) {
      const back = fill[b[k]!]!++;
      cols[back] = a[k]!;
      if (vals) vals[back] = values![k]!;
    }
  }
  // Merge duplicates row by row, writing the compacted rows in place.
  const position = new Int32Array(n).fill(-1);
  const offsets = new Int32Array(n + 1);
  let w = 0;
  for (let i = 0; i < n; i++) {
    const rowStart = w;
    for (let k = start[i]!; k < start[i + 1]!; k++) {
      const j = cols[k]!;
      const p = position[j]!;
      if (p >= rowStart) {
        if (vals) vals[p]! += vals[k]!;
        continue;
      }
      position[j] = w;
      cols[w] = j;
      if (vals) vals[w] = vals[k]!;
      w++;
    }
    sortRow(cols, vals, rowStart, w);
    offsets[i + 1] = w;
  }
  return { offsets, neighbours: cols.slice(0, w), values: vals?.slice(0, w) };
}

/** Insertion sort of cols[from..to) carrying vals along (rows hold a handful of neighbours). */
function sortRow(cols: Int32Array, vals: Float64Array | undefined, from: number, to: number): void {
  for (let i = from + 1; i < to; i++) {
    const c = cols[i]!;
    const v = vals ? vals[i]! : 0;
    let j = i - 1;
    while (j >= from && cols[j]! > c) {
      cols[j + 1] = cols[j]!;
      if (vals) vals[j + 1] = vals[j]!;
      j--;
    }
    cols[j + 1] = c;
    if (vals) vals[j + 1] = v;
  }
}
