import type { FlatPolygons } from '../geometry/flattenPolygons.ts';
import { segmentKm } from '../geometry/greatCircle.ts';
import { groupByWords } from '../geometry/groupByWords.ts';
import { rowsFromPairs } from './rowsFromPairs.ts';

/**
 * Building blocks of contiguityWeights: who owns each vertex, pairs of polygons meeting at a
 * point or along an edge, and border lengths aligned with the neighbour rows.
 */

export interface Groups {
  starts: Int32Array;
  count: number;
}

export interface Pairs {
  a: Int32Array;
  b: Int32Array;
  values?: Float64Array;
}

export function vertexOwners(flat: FlatPolygons): Int32Array {
  const owner = new Int32Array(flat.coords.length / 2);
  for (let r = 0; r + 1 < flat.ringOffsets.length; r++) {
    owner.fill(flat.ringFeature[r]!, flat.ringOffsets[r]!, flat.ringOffsets[r + 1]!);
  }
  return owner;
}

/** Groups of a dense id (counting sort), with the owners in group order. */
export function groupsOfIds(
  ids: Int32Array,
  idCount: number,
  owner: Int32Array,
): Groups & { owner: Int32Array } {
  const starts = new Int32Array(idCount + 1);
  for (let v = 0; v < ids.length; v++) starts[ids[v]! + 1]!++;
  for (let g = 0; g < idCount; g++) starts[g + 1]! += starts[g]!;
  const fill = starts.slice(0, idCount);
  const grouped = new Int32Array(ids.length);
  for (let v = 0; v < ids.length; v++) grouped[fill[ids[v]!]!++] = owner[v]!;
  return { owner: grouped, starts, count: idCount };
}

/**
 * Every pair of distinct owners within a group (one direction), with the group's value; `owner`
 * is in group order. Two polygons share many vertices: without values, a small direct-mapped
 * cache of recent pairs drops most repeats before they reach rowsFromPairs.
 */
export function pairsFromGroups(groups: Groups, owner: Int32Array, groupValue?: Float64Array): Pairs {
  let a: Int32Array = new Int32Array(Math.max(1024, owner.length >> 3));
  let b: Int32Array = new Int32Array(a.length);
  let values: Float64Array | undefined = groupValue ? new Float64Array(a.length) : undefined;
  const recentA = groupValue ? null : new Int32Array(1 << 16).fill(-1);
  const recentB = new Int32Array(recentA ? 1 << 16 : 0);
  let w = 0;
  for (let g = 0; g < groups.count; g++) {
    const from = groups.starts[g]!;
    const to = groups.starts[g + 1]!;
    if (to - from < 2) continue;
    for (let i = from; i < to; i++) {
      const fi = owner[i]!;
      for (let j = i + 1; j < to; j++) {
        const fj = owner[j]!;
        if (fi === fj) continue;
        if (recentA) {
          const lo = Math.min(fi, fj);
          const hi = Math.max(fi, fj);
          const slot = (Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi, 0x85ebca77)) >>> 16;
          if (recentA[slot] === lo && recentB[slot] === hi) continue;
          recentA[slot] = lo;
          recentB[slot] = hi;
        }
        if (w === a.length) {
          a = grow(a);
          b = grow(b);
          if (values) values = growF(values);
        }
        a[w] = fi;
        b[w] = fj;
        if (values) values[w] = groupValue![g]!;
        w++;
      }
    }
  }
  const pairs: Pairs = { a: a.subarray(0, w), b: b.subarray(0, w) };
  if (values) pairs.values = values.subarray(0, w);
  return pairs;
}

function grow(array: Int32Array): Int32Array {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

function growF(array: Float64Array): Float64Array {
  const bigger = new Float64Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/** Pairs of polygons sharing an edge (same two point ids), with the edge length in km. */
export function sharedEdgePairs(flat: FlatPolygons, pointIds: Int32Array, owner: Int32Array): Pairs {
  const vertexCount = pointIds.length;
  const lo = new Int32Array(vertexCount);
  const hi = new Int32Array(vertexCount);
  const from = new Int32Array(vertexCount);
  const to = new Int32Array(vertexCount);
  const edgeOwner = new Int32Array(vertexCount);
  let edgeCount = 0;
  for (let r = 0; r + 1 < flat.ringOffsets.length; r++) {
    const first = flat.ringOffsets[r]!;
    const last = flat.ringOffsets[r + 1]! - 1;
    for (let v = first; v <= last; v++) {
      const u = v === last ? first : v + 1;
      const p = pointIds[v]!;
      const q = pointIds[u]!;
      if (p === q) continue; // both ends snapped together
      lo[edgeCount] = Math.min(p, q);
      hi[edgeCount] = Math.max(p, q);
      from[edgeCount] = v;
      to[edgeCount] = u;
      edgeOwner[edgeCount++] = owner[v]!;
    }
  }
  const words = new Uint32Array(4 * edgeCount);
  for (let e = 0; e < edgeCount; e++) {
    words[4 * e] = lo[e]!;
    words[4 * e + 1] = hi[e]!;
  }
  const groups = groupByWords(words, edgeOwner.subarray(0, edgeCount), true);
  const groupLength = new Float64Array(groups.count);
  const { coords } = flat;
  for (let g = 0; g < groups.count; g++) {
    const first = groups.starts[g]!;
    if (groups.starts[g + 1]! - first < 2) continue;
    const e = groups.order[first]!;
    const v = from[e]!;
    const u = to[e]!;
    groupLength[g] = segmentKm(coords[2 * v]!, coords[2 * v + 1]!, coords[2 * u]!, coords[2 * u + 1]!);
  }
  return pairsFromGroups(groups, groups.owner, groupLength);
}

/** Border lengths aligned with the CSR rows (0 where the contact is only a point). */
export function alignBorders(
  n: number,
  rows: { offsets: Int32Array; neighbours: Int32Array },
  edges: Pairs,
): Float64Array {
  const merged = rowsFromPairs(n, edges.a, edges.b, true, edges.values);
  const lengths = new Float64Array(rows.neighbours.length);
  for (let i = 0; i < n; i++) {
    let m = merged.offsets[i]!;
    const mEnd = merged.offsets[i + 1]!;
    for (let k = rows.offsets[i]!; k < rows.offsets[i + 1]! && m < mEnd; k++) {
      while (m < mEnd && merged.neighbours[m]! < rows.neighbours[k]!) m++;
      if (m < mEnd && merged.neighbours[m] === rows.neighbours[k]) lengths[k] = merged.values![m]!;
    }
  }
  return lengths;
}
