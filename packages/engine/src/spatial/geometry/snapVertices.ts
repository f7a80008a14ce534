import { UnionFind } from '../unionFind.ts';
import { EARTH_RADIUS_KM } from './greatCircle.ts';
import { groupByWords, vertexWords } from './groupByWords.ts';
import { mix4 } from './mix4.ts';

/**
 * Gives every vertex of a packed coordinate array a point id, such that vertices with identical
 * coordinates share an id and, when `toleranceM` > 0, vertices closer than `toleranceM` metres
 * are merged too (single linkage: a chain of close vertices becomes one point).
 *
 * Exact duplicates are grouped by radix-partitioned hashing of the coordinates ({@link groupByWords}).
 * Close vertices are then found on a uniform grid of cells at least `toleranceM` wide, checking
 * the 3 × 3 cells around each point, and merged with union–find. Distances use a local
 * equirectangular approximation, accurate to well under 1 % at the scale of a few metres.
 *
 * Complexity: O(vertices) expected.
 */
export function snapVertices(
  coords: Float64Array,
  toleranceM: number,
): { pointIds: Int32Array; pointCount: number } {
  const exact = exactPoints(coords);
  if (!(toleranceM > 0) || exact.pointCount < 2) return exact;
  return mergeClosePoints(coords, exact, toleranceM);
}

function exactPoints(coords: Float64Array): { pointIds: Int32Array; pointCount: number } {
  const groups = groupByWords(vertexWords(coords), new Int32Array(coords.length / 2), true);
  const pointIds = new Int32Array(coords.length / 2);
  for (let g = 0; g < groups.count; g++) {
    for (let k = groups.starts[g]!; k < groups.starts[g + 1]!; k++) pointIds[groups.order[k]!] = g;
  }
  return { pointIds, pointCount: groups.count };
}

function mergeClosePoints(
  coords: Float64Array,
  exact: { pointIds: Int32Array; pointCount: number },
  toleranceM: number,
): { pointIds: Int32Array; pointCount: number } {
  const { pointIds, pointCount } = exact;
  // One representative coordinate per exact point.
  const px = new Float64Array(pointCount);
  const py = new Float64Array(pointCount);
  for (let v = pointIds.length - 1; v >= 0; v--) {
    const p = pointIds[v]!;
    px[p] = coords[2 * v]!;
    py[p] = coords[2 * v + 1]!;
  }
  let maxAbsLat = 0;
  for (let p = 0; p < pointCount; p++) maxAbsLat = Math.max(maxAbsLat, Math.abs(py[p]!));
  const metresPerDegree = (EARTH_RADIUS_KM * 1000 * Math.PI) / 180;
  const cellLat = toleranceM / metresPerDegree;
  // A degree of longitude is shortest at the highest latitude: cells wide enough there are wide enough everywhere.
  const cellLon = cellLat / Math.cos((Math.min(maxAbsLat, 89) * Math.PI) / 180);
  const tol2 = toleranceM * toleranceM;

  const sets = new UnionFind(pointCount);

  // Grid: cell -> linked list of the points inserted so far (open addressing on cell coordinates).
  let size = 1024;
  while (size < pointCount * 2) size *= 2;
  const mask = size - 1;
  const cellX = new Float64Array(size);
  const cellY = new Float64Array(size);
  const cellHead = new Int32Array(size).fill(-1);
  const next = new Int32Array(pointCount).fill(-1);
  const slotOf = (cx: number, cy: number, insert: boolean): number => {
    let s = mix4(cx | 0, Math.floor(cx / 4294967296) | 0, cy | 0, Math.floor(cy / 4294967296) | 0) & mask;
    for (;;) {
      if (cellHead[s] === -1) {
        if (!insert) return -1;
        cellX[s] = cx;
        cellY[s] = cy;
        return s;
      }
      if (cellX[s] === cx && cellY[s] === cy) return s;
      s = (s + 1) & mask;
    }
  };

  for (let p = 0; p < pointCount; p++) {
    const x = px[p]!;
    const y = py[p]!;
    const cx = Math.floor(x / cellLon);
    const cy = Math.floor(y / cellLat);
    const cosLat = Math.cos((y * Math.PI) / 180);
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        const s = slotOf(cx + dx, cy + dy, false);
        if (s === -1) continue;
        for (let q = cellHead[s]!; q !== -1; q = next[q]!) {
          const ex = (px[q]! - x) * cosLat * metresPerDegree;
          const ey = (py[q]! - y) * metresPerDegree;
          if (ex * ex + ey * ey <= tol2) sets.union(p, q);
        }
      }
    }
    const s = slotOf(cx, cy, true);
    next[p] = cellHead[s]!;
    cellHead[s] = p;
  }

  const { count: merged, labels: label } = sets.labels();
  const snapped = new Int32Array(pointIds.length);
  for (let v = 0; v < pointIds.length; v++) snapped[v] = label[pointIds[v]!]!;
  return { pointIds: snapped, pointCount: merged };
}
