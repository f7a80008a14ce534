import type { Position } from 'geojson';
import { ByteWriter } from '../lib/byteWriter.ts';
import type { AreaGeometry } from './geometry.ts';

/** A dissolved shape as vertex ids of its mesh: polygons -> rings (exterior first, not closed). */
export type MeshShape = number[][][];

/**
 * Open-addressing hash from a non-negative integer key (exact in a double, < 2^53) to an int.
 * Typed arrays instead of a Map: the French communes have about 3.5 million vertices and as
 * many edges, which a Map holds in several hundred MB.
 */
class IntHash {
  private keys: Float64Array;
  private values: Int32Array;
  private mask: number;

  constructor(expected: number) {
    let size = 1024;
    while (size < expected * 2) size *= 2;
    this.keys = new Float64Array(size).fill(-1);
    this.values = new Int32Array(size);
    this.mask = size - 1;
  }

  private slot(key: number): number {
    // Mix the high and low halves of the key; linear probing.
    let h =
      (Math.imul((key % 4294967296) | 0, 0x9e3779b1) ^ Math.imul((key / 4294967296) | 0, 0x85ebca6b)) &
      this.mask;
    while (this.keys[h] !== -1 && this.keys[h] !== key) h = (h + 1) & this.mask;
    return h;
  }

  get(key: number): number {
    const h = this.slot(key);
    return this.keys[h] === key ? this.values[h] : -1;
  }

  set(key: number, value: number): void {
    const h = this.slot(key);
    this.keys[h] = key;
    this.values[h] = value;
  }
}

/** Quantisation step for vertex identity: 1e-5 degree (about 1 m), the precision of the published files. */
const Q = 1e5;
const LAT_SPAN = 180 * Q + 1;

/**
 * Commune polygons as a mesh of shared vertices and directed edges, each edge knowing its twin
 * (the same border walked the other way by the neighbouring polygon). Dissolving a group of
 * polygons then costs one pass over the edges: an edge whose twin belongs to the same group is
 * interior and dropped, the others are stitched into rings. This is topojson's `merge` without
 * building a topology, in typed arrays, so a level of 35,000 communes dissolves in a fraction of
 * a second. Borders must share their vertices exactly (to 1e-5°), as in IGN's
 * topology-preserving generalisation; an unmatched border is kept as a boundary.
 */
export class PolygonMesh {
  readonly vertexCount: number;
  private readonly xs: Float64Array;
  private readonly ys: Float64Array;
  private readonly from: Int32Array;
  private readonly to: Int32Array;
  /** Index of the polygon feature each edge belongs to. */
  private readonly owner: Int32Array;
  private readonly twin: Int32Array;
  readonly edgeCount: number;

  constructor(geometries: (AreaGeometry | null)[]) {
    let positions = 0;
    for (const g of geometries) if (g) for (const ring of rings(g)) positions += ring.length;
    const vertexIds = new IntHash(positions);
    const xs = new Float64Array(positions);
    const ys = new Float64Array(positions);
    const from = new Int32Array(positions);
    const to = new Int32Array(positions);
    const owner = new Int32Array(positions);
    let vertices = 0;
    let edges = 0;
    const vertexOf = (p: Position) => {
      const key = Math.round((p[0] + 180) * Q) * LAT_SPAN + Math.round((p[1] + 90) * Q);
      let id = vertexIds.get(key);
      if (id < 0) {
        id = vertices++;
        vertexIds.set(key, id);
        // Output coordinates are rounded to the identity precision: 5 decimals, as published.
        xs[id] = Math.round(p[0] * Q) / Q;
        ys[id] = Math.round(p[1] * Q) / Q;
      }
      return id;
    };
    geometries.forEach((g, index) => {
      if (!g) return;
      for (const ring of rings(g)) {
        let previous = vertexOf(ring[0]);
        for (let k = 1; k < ring.length; k++) {
          const current = vertexOf(ring[k]);
          if (current === previous) continue;
          from[edges] = previous;
          to[edges] = current;
          owner[edges] = index;
          edges++;
          previous = current;
        }
      }
    });
    const twin = new Int32Array(edges).fill(-1);
    const edgeIds = new IntHash(edges);
    for (let e = 0; e < edges; e++) {
      const reverse = edgeIds.get(to[e] * vertices + from[e]);
      if (reverse >= 0 && twin[reverse] < 0) {
        twin[e] = reverse;
        twin[reverse] = e;
      } else {
        edgeIds.set(from[e] * vertices + to[e], e);
      }
    }
    this.vertexCount = vertices;
    this.edgeCount = edges;
    this.xs = xs;
    this.ys = ys;
    this.from = from;
    this.to = to;
    this.owner = owner;
    this.twin = twin;
  }

  /**
   * Dissolves polygons by group: `groupOf[i]` is the group of polygon i (-1 = left out).
   * Returns one geometry per group (null for an empty group), exterior rings counter-clockwise
   * and holes clockwise (RFC 7946).
   */
  dissolve(groupOf: Int32Array, groupCount: number): (MeshShape | null)[] {
    const { from, to, owner, twin, edgeCount } = this;
    const boundary = new Uint8Array(edgeCount);
    const outCount = new Int32Array(this.vertexCount + 1);
    for (let e = 0; e < edgeCount; e++) {
      const g = groupOf[owner[e]];
      if (g < 0) continue;
      const t = twin[e];
      if (t >= 0 && groupOf[owner[t]] === g) continue;
      boundary[e] = 1;
      outCount[from[e] + 1]++;
    }
    for (let v = 0; v < this.vertexCount; v++) outCount[v + 1] += outCount[v];
    const outgoing = new Int32Array(outCount[this.vertexCount]);
    const fill = outCount.slice(0, this.vertexCount);
    for (let e = 0; e < edgeCount; e++) if (boundary[e]) outgoing[fill[from[e]]++] = e;

    const ringsByGroup: number[][][] = Array.from({ length: groupCount }, () => []);
    const visited = new Uint8Array(edgeCount);
    for (let start = 0; start < edgeCount; start++) {
      if (!boundary[start] || visited[start]) continue;
      const g = groupOf[owner[start]];
      const ring: number[] = [];
      let current = start;
      for (;;) {
        visited[current] = 1;
        ring.push(from[current]);
        const v = to[current];
        if (v === from[start]) break;
        let next = -1;
        for (let k = outCount[v]; k < outCount[v + 1]; k++) {
          const candidate = outgoing[k];
          if (!visited[candidate] && groupOf[owner[candidate]] === g) {
            next = candidate;
            break;
          }
        }
        if (next < 0) break; // An open chain (inconsistent borders): closed as it is.
        current = next;
      }
      if (ring.length >= 3) ringsByGroup[g].push(ring);
    }
    return ringsByGroup.map((list) => (list.length === 0 ? null : this.assemble(list)));
  }

  /** Nests rings into polygons: a ring inside an odd number of others is a hole of the smallest. */
  private assemble(list: number[][]): MeshShape {
    const { xs, ys } = this;
    const items = list
      .map((ring) => {
        let area = 0;
        let minX = Infinity;
        let minY = Infinity;
        let maxX = -Infinity;
        let maxY = -Infinity;
        for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
          area += xs[ring[j]] * ys[ring[i]] - xs[ring[i]] * ys[ring[j]];
          minX = Math.min(minX, xs[ring[i]]);
          maxX = Math.max(maxX, xs[ring[i]]);
          minY = Math.min(minY, ys[ring[i]]);
          maxY = Math.max(maxY, ys[ring[i]]);
        }
        return {
          ring,
          signed: area / 2,
          abs: Math.abs(area / 2),
          box: [minX, minY, maxX, maxY],
          depth: 0,
          parent: -1,
        };
      })
      .sort((a, b) => b.abs - a.abs);
    const contains = (outer: number[], x: number, y: number) => {
      let inside = false;
      for (let i = 0, j = outer.length - 1; i < outer.length; j = i++) {
        const xi = xs[outer[i]];
        const yi = ys[outer[i]];
        const xj = xs[outer[j]];
        const yj = ys[outer[j]];
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
      return inside;
    };
    items.forEach((item, k) => {
      // A point of the ring off the others' vertices: the midpoint of its first edge.
      const x = (xs[item.ring[0]] + xs[item.ring[1]]) / 2;
      const y = (ys[item.ring[0]] + ys[item.ring[1]]) / 2;
      for (let p = k - 1; p >= 0; p--) {
        const b = items[p].box;
        if (x < b[0] || x > b[2] || y < b[1] || y > b[3]) continue;
        if (contains(items[p].ring, x, y)) {
          item.parent = p;
          item.depth = items[p].depth + 1;
          break;
        }
      }
    });
    const polygons: number[][][] = [];
    const polygonOf = new Map<number, number>();
    // Exterior rings counter-clockwise, holes clockwise (RFC 7946).
    const oriented = (ring: number[], ccw: boolean, signed: number) =>
      signed > 0 === ccw ? ring : [...ring].reverse();
    items.forEach((item, k) => {
      if (item.depth % 2 === 0) {
        polygonOf.set(k, polygons.length);
        polygons.push([oriented(item.ring, true, item.signed)]);
      } else {
        const outer = polygonOf.get(item.parent);
        if (outer !== undefined) polygons[outer].push(oriented(item.ring, false, item.signed));
      }
    });
    return polygons;
  }

  /** [west, south, east, north] of the shapes' exterior rings. */
  bounds(shapes: MeshShape[]): [number, number, number, number] {
    const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const shape of shapes) {
      for (const polygon of shape) {
        for (const v of polygon[0]) {
          box[0] = Math.min(box[0], this.xs[v]);
          box[1] = Math.min(box[1], this.ys[v]);
          box[2] = Math.max(box[2], this.xs[v]);
          box[3] = Math.max(box[3], this.ys[v]);
        }
      }
    }
    return box;
  }

  /** The shape as a GeoJSON geometry (closed rings). */
  geometry(shape: MeshShape): AreaGeometry {
    const ring = (ids: number[]) => {
      const positions: Position[] = ids.map((v) => [this.xs[v], this.ys[v]]);
      positions.push(positions[0]);
      return positions;
    };
    return shape.length === 1
      ? { type: 'Polygon', coordinates: shape[0].map(ring) }
      : { type: 'MultiPolygon', coordinates: shape.map((p) => p.map(ring)) };
  }

  /** Each vertex as the text `[x,y]`, in one byte pool (built on first use, shared by every level). */
  private vertexPool: Uint8Array | undefined;
  private vertexOffsets: Int32Array | undefined;

  private vertexBytes(): { pool: Uint8Array; offsets: Int32Array } {
    if (!this.vertexPool || !this.vertexOffsets) {
      const writer = new ByteWriter();
      const offsets = new Int32Array(this.vertexCount + 1);
      for (let v = 0; v < this.vertexCount; v++) {
        offsets[v] = writer.length;
        writer.text(`[${this.xs[v]},${this.ys[v]}]`);
      }
      offsets[this.vertexCount] = writer.length;
      this.vertexPool = Uint8Array.from(writer.result());
      this.vertexOffsets = offsets;
    }
    return { pool: this.vertexPool, offsets: this.vertexOffsets };
  }

  /**
   * Writes the shape as GeoJSON geometry text. Each vertex is printed once and copied by every
   * level that draws it: printing doubles is what costs most when writing 35,000 communes 9 times.
   */
  writeGeometry(shape: MeshShape, out: ByteWriter): void {
    const { pool, offsets } = this.vertexBytes();
    const COMMA = 44;
    const vertex = (v: number) => {
      out.bytes(pool, offsets[v], offsets[v + 1]);
    };
    const polygon = (rings: number[][]) => {
      out.byte(91);
      rings.forEach((ids, r) => {
        if (r > 0) out.byte(COMMA);
        out.byte(91);
        for (let i = 0; i < ids.length; i++) {
          vertex(ids[i]);
          out.byte(COMMA);
        }
        vertex(ids[0]);
        out.byte(93);
      });
      out.byte(93);
    };
    if (shape.length === 1) {
      out.text('{"type":"Polygon","coordinates":');
      polygon(shape[0]);
    } else {
      out.text('{"type":"MultiPolygon","coordinates":[');
      shape.forEach((p, k) => {
        if (k > 0) out.byte(COMMA);
        polygon(p);
      });
      out.byte(93);
    }
    out.byte(125);
  }

  /** The shape as GeoJSON geometry text (for tests and small outputs). */
  geometryJson(shape: MeshShape): string {
    const out = new ByteWriter();
    this.writeGeometry(shape, out);
    return out.result().toString('utf8');
  }

  /** A FeatureCollection of shapes with their properties, one feature per line, as bytes. */
  featureCollection(features: { shape: MeshShape; properties: Record<string, unknown> }[]): Buffer {
    const out = new ByteWriter();
    out.text('{"type":"FeatureCollection","features":[\n');
    features.forEach((f, k) => {
      if (k > 0) out.text(',\n');
      out.text('{"type":"Feature","geometry":');
      this.writeGeometry(f.shape, out);
      out.text(`,"properties":${JSON.stringify(f.properties)}}`);
    });
    out.text('\n]}');
    return out.result();
  }
}

function rings(g: AreaGeometry): Position[][] {
  return g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
}
