import type { Position } from 'geojson';
import { type AreaGeometry, type FlatRings, flattenRings } from './geometry.ts';

/**
 * The rings of one dissolve, in typed arrays shared by all its shapes (a level of 35,000
 * communes as nested JS arrays is millions of small objects for the garbage collector): ring r
 * is the vertex ids `ids[ringStart[r]]` to `ids[ringStart[r + 1] - 1]` (not closed), polygon p
 * is the rings `polygonStart[p]` to `polygonStart[p + 1] - 1`, exterior ring first.
 */
interface DissolvedRings {
  ids: Int32Array;
  ringStart: Int32Array;
  polygonStart: Int32Array;
}

/** What a mesh is made of, to send it to a worker thread. */
export interface MeshState {
  vertexCount: number;
  edgeCount: number;
  xs: Float64Array;
  ys: Float64Array;
  from: Int32Array;
  to: Int32Array;
  owner: Int32Array;
  twinOwner: Int32Array;
  /** Each vertex's text (see `vertexText`): printed once, for both threads. */
  vertexPool: Uint8Array;
  vertexOffsets: Int32Array;
}

/** A dissolved shape: the polygons `first` to `end - 1` of its dissolve. */
export interface MeshShape {
  readonly rings: DissolvedRings;
  readonly first: number;
  readonly end: number;
}

/**
 * Open-addressing hash from a pair of non-negative int32 (a vertex's quantised coordinates, or
 * an edge's two vertex ids) to an int. Typed arrays instead of a Map: the French communes have
 * about a million vertices and twice as many edges, which a Map holds in several hundred MB.
 */
class PairHash {
  /** Slot k holds its key plus one in [4k] and [4k + 1] (0: empty), its value in [4k + 2]. */
  private readonly slots: Int32Array;
  private readonly mask: number;

  /**
   * `shift`: keys that agree once shifted right by it hash to the same window of 16 slots, so
   * that near keys looked up one after the other (the vertices of a ring, the edges between
   * them) mostly hit memory already in the cache.
   */
  constructor(
    expected: number,
    private readonly shift: number,
  ) {
    let size = 1024;
    while (size < expected * 1.5) size *= 2;
    this.slots = new Int32Array(size * 4);
    this.mask = size - 1;
  }

  /** Index in `slots` of (a, b), or of the empty slot where it would go; a, b already plus one. */
  private slot(a: number, b: number): number {
    // Window from the high bits, slot in it from the low bits (murmur3's constants); linear probing.
    let window = Math.imul((a >>> this.shift) ^ Math.imul(b >>> this.shift, 0x85ebca6b), 0x9e3779b1);
    window ^= window >>> 13;
    let h = (window << 4) | (Math.imul(a ^ (b << 7), 0x9e3779b1) >>> 28);
    const { slots, mask } = this;
    for (;;) {
      h &= mask;
      const k = h * 4;
      if (slots[k] === 0 || (slots[k] === a && slots[k + 1] === b)) return k;
      h++;
    }
  }

  /** The value of (a, b), or -1. */
  get(a: number, b: number): number {
    const k = this.slot(a + 1, b + 1);
    return this.slots[k] === 0 ? -1 : this.slots[k + 2];
  }

  set(a: number, b: number, value: number): void {
    const k = this.slot(a + 1, b + 1);
    this.slots[k] = a + 1;
    this.slots[k + 1] = b + 1;
    this.slots[k + 2] = value;
  }

  /** The value of (a, b); when absent, stores `value` and returns it. */
  getOrSet(a: number, b: number, value: number): number {
    const k = this.slot(a + 1, b + 1);
    if (this.slots[k] !== 0) return this.slots[k + 2];
    this.slots[k] = a + 1;
    this.slots[k + 1] = b + 1;
    this.slots[k + 2] = value;
    return value;
  }
}

/** Quantisation step for vertex identity: 1e-5 degree (about 1 m), the precision of the published files. */
const Q = 1e5;

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const COLLECTION_START = ascii('{"type":"FeatureCollection","features":[\n');
const COLLECTION_END = ascii('\n]}');
const FEATURE_SEPARATOR = ascii(',\n');
const FEATURE_START = ascii('{"type":"Feature","geometry":');
const POLYGON_START = ascii('{"type":"Polygon","coordinates":');
const MULTIPOLYGON_START = ascii('{"type":"MultiPolygon","coordinates":[');
const COMMA = 44;
const OPEN = 91;
const CLOSE = 93;
const BRACE_CLOSE = 125;

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
  /** Owner of each edge's twin (the same border walked the other way), -1 when it has none. */
  private readonly twinOwner: Int32Array;
  readonly edgeCount: number;

  /** The mesh's arrays live in shared memory: sent to another thread, they are not copied. */
  private readonly shared: boolean;

  /**
   * Geometries as GeoJSON or already flat (see `flattenRings`); null ones are left out.
   * `shared`: arrays in shared memory, for a mesh built in one thread and used in others.
   */
  constructor(geometries: (AreaGeometry | FlatRings | null)[], { shared = false } = {}) {
    this.shared = shared;
    const flat = geometries.map((g) => (g === null ? null : 'coords' in g ? g : flattenRings(g)));
    let positions = 0;
    for (const g of flat) if (g) positions += g.coords.length / 2;
    // Windows of 2^9 × 2^9 quantisation steps (about 500 m): a ring's next vertex is often in the same.
    const vertexIds = new PairHash(positions, 9);
    const xs = float64Array(positions, shared);
    const ys = float64Array(positions, shared);
    const from = int32Array(positions, shared);
    const to = int32Array(positions, shared);
    const owner = int32Array(positions, shared);
    let vertices = 0;
    let edges = 0;
    for (let index = 0; index < flat.length; index++) {
      const g = flat[index];
      if (!g) continue;
      const { coords, ringStart } = g;
      for (let r = 0; r + 1 < ringStart.length; r++) {
        let previous = -1;
        for (let k = ringStart[r]; k < ringStart[r + 1]; k++) {
          const x = coords[2 * k];
          const y = coords[2 * k + 1];
          const current = vertexIds.getOrSet(Math.round((x + 180) * Q), Math.round((y + 90) * Q), vertices);
          if (current === vertices) {
            vertices++;
            // Output coordinates are rounded to the identity precision: 5 decimals, as published.
            xs[current] = Math.round(x * Q) / Q;
            ys[current] = Math.round(y * Q) / Q;
          }
          if (k > ringStart[r] && current !== previous) {
            from[edges] = previous;
            to[edges] = current;
            owner[edges] = index;
            edges++;
          }
          previous = current;
        }
      }
    }
    const twin = new Int32Array(edges).fill(-1);
    // Vertex ids are numbered along the rings: the edges of a border have near ids.
    const edgeIds = new PairHash(edges, 4);
    for (let e = 0; e < edges; e++) {
      const reverse = edgeIds.get(to[e], from[e]);
      if (reverse >= 0 && twin[reverse] < 0) {
        twin[e] = reverse;
        twin[reverse] = e;
      } else {
        edgeIds.set(from[e], to[e], e);
      }
    }
    this.vertexCount = vertices;
    this.edgeCount = edges;
    this.xs = xs;
    this.ys = ys;
    this.from = from;
    this.to = to;
    this.owner = owner;
    // The dissolve reads the twin's owner only: kept per edge, it is read in order, not at random.
    const twinOwner = int32Array(edges, shared);
    for (let e = 0; e < edges; e++) twinOwner[e] = twin[e] < 0 ? -1 : owner[twin[e]];
    this.twinOwner = twinOwner;
  }

  /** The mesh's arrays, to rebuild it in another thread (see `fromState`). */
  state(): MeshState {
    const { vertexCount, edgeCount, xs, ys, from, to, owner, twinOwner } = this;
    const { pool, offsets } = this.vertexText();
    return {
      vertexCount,
      edgeCount,
      xs,
      ys,
      from,
      to,
      owner,
      twinOwner,
      vertexPool: pool,
      vertexOffsets: offsets,
    };
  }

  /** The mesh whose `state()` this is (as received by a worker thread). */
  static fromState(state: MeshState): PolygonMesh {
    return Object.assign(Object.create(PolygonMesh.prototype) as PolygonMesh, state);
  }

  /**
   * Dissolves polygons by group: `groupOf[i]` is the group of polygon i (-1 = left out).
   * Returns one shape per group (null for an empty group), exterior rings counter-clockwise
   * and holes clockwise (RFC 7946).
   */
  dissolve(groupOf: Int32Array, groupCount: number): (MeshShape | null)[] {
    const { from, to, owner, twinOwner, edgeCount, vertexCount } = this;
    const edgeGroup = new Int32Array(edgeCount);
    const boundary = new Uint8Array(edgeCount);
    const outCount = new Int32Array(vertexCount + 1);
    let boundaryCount = 0;
    for (let e = 0; e < edgeCount; e++) {
      const g = groupOf[owner[e]];
      edgeGroup[e] = g;
      if (g < 0) continue;
      const t = twinOwner[e];
      if (t >= 0 && groupOf[t] === g) continue; // Interior: dropped.
      boundary[e] = 1;
      outCount[from[e] + 1]++;
      boundaryCount++;
    }
    for (let v = 0; v < vertexCount; v++) outCount[v + 1] += outCount[v];
    const outgoing = new Int32Array(boundaryCount);
    const fill = outCount.slice(0, vertexCount);
    for (let e = 0; e < edgeCount; e++) if (boundary[e]) outgoing[fill[from[e]]++] = e;

    // Walk the rings, in the order of their first edge: vertex ids end to end.
    const maxRings = Math.floor(boundaryCount / 3) + 1;
    const walked = new Int32Array(boundaryCount);
    const walkedStart = new Int32Array(maxRings + 1);
    const walkedGroup = new Int32Array(maxRings);
    const visited = new Uint8Array(edgeCount);
    let top = 0;
    let ringCount = 0;
    for (let start = 0; start < edgeCount; start++) {
      if (!boundary[start] || visited[start]) continue;
      const g = edgeGroup[start];
      const begin = top;
      const origin = from[start];
      let current = start;
      for (;;) {
        visited[current] = 1;
        walked[top++] = from[current];
        const v = to[current];
        if (v === origin) break;
        let next = -1;
        for (let k = outCount[v]; k < outCount[v + 1]; k++) {
          const candidate = outgoing[k];
          if (!visited[candidate] && edgeGroup[candidate] === g) {
            next = candidate;
            break;
          }
        }
        if (next < 0) break; // An open chain (inconsistent borders): closed as it is.
        current = next;
      }
      if (top - begin >= 3) {
        walkedStart[ringCount] = begin;
        walkedGroup[ringCount] = g;
        ringCount++;
      } else {
        top = begin;
      }
    }
    walkedStart[ringCount] = top;

    // The rings of each group, in walking order (a counting sort).
    const groupStart = new Int32Array(groupCount + 1);
    for (let r = 0; r < ringCount; r++) groupStart[walkedGroup[r] + 1]++;
    for (let g = 0; g < groupCount; g++) groupStart[g + 1] += groupStart[g];
    const byGroup = new Int32Array(ringCount);
    const next = groupStart.slice(0, groupCount);
    for (let r = 0; r < ringCount; r++) byGroup[next[walkedGroup[r]]++] = r;

    const rings: DissolvedRings = {
      ids: new Int32Array(top),
      ringStart: new Int32Array(ringCount + 1),
      polygonStart: new Int32Array(ringCount + 1),
    };
    const cursor = { id: 0, ring: 0, polygon: 0 };
    const shapes: (MeshShape | null)[] = new Array(groupCount);
    for (let g = 0; g < groupCount; g++) {
      if (groupStart[g] === groupStart[g + 1]) {
        shapes[g] = null;
        continue;
      }
      const first = cursor.polygon;
      this.assemble(byGroup.subarray(groupStart[g], groupStart[g + 1]), walked, walkedStart, rings, cursor);
      shapes[g] = { rings, first, end: cursor.polygon };
    }
    rings.ringStart[cursor.ring] = cursor.id;
    rings.polygonStart[cursor.polygon] = cursor.ring;
    return shapes;
  }

  /**
   * Nests a group's rings into polygons (a ring inside an odd number of others is a hole of the
   * smallest) and appends them to `out` at `cursor`, exterior rings counter-clockwise and holes
   * clockwise (RFC 7946).
   */
  private assemble(
    list: Int32Array,
    walked: Int32Array,
    walkedStart: Int32Array,
    out: DissolvedRings,
    cursor: { id: number; ring: number; polygon: number },
  ): void {
    const { xs, ys } = this;
    const signedArea = (r: number) => {
      let area = 0;
      const begin = walkedStart[r];
      const end = walkedStart[r + 1];
      for (let i = begin, j = end - 1; i < end; j = i++) {
        area += xs[walked[j]] * ys[walked[i]] - xs[walked[i]] * ys[walked[j]];
      }
      return area / 2;
    };
    const append = (r: number, ccw: boolean, signed: number) => {
      const begin = walkedStart[r];
      const end = walkedStart[r + 1];
      out.ringStart[cursor.ring++] = cursor.id;
      if (signed > 0 === ccw) for (let i = begin; i < end; i++) out.ids[cursor.id++] = walked[i];
      else for (let i = end - 1; i >= begin; i--) out.ids[cursor.id++] = walked[i];
    };
    if (list.length === 1) {
      // Most communes: one ring, one polygon.
      out.polygonStart[cursor.polygon++] = cursor.ring;
      append(list[0], true, signedArea(list[0]));
      return;
    }
    const items = Array.from(list, (r) => {
      let minX = Infinity;
      let minY = Infinity;
      let maxX = -Infinity;
      let maxY = -Infinity;
      for (let i = walkedStart[r]; i < walkedStart[r + 1]; i++) {
        minX = Math.min(minX, xs[walked[i]]);
        maxX = Math.max(maxX, xs[walked[i]]);
        minY = Math.min(minY, ys[walked[i]]);
        maxY = Math.max(maxY, ys[walked[i]]);
      }
      const signed = signedArea(r);
      return { r, signed, abs: Math.abs(signed), box: [minX, minY, maxX, maxY], depth: 0, parent: -1 };
    }).sort((a, b) => b.abs - a.abs);
    const contains = (r: number, x: number, y: number) => {
      let inside = false;
      const begin = walkedStart[r];
      const end = walkedStart[r + 1];
      for (let i = begin, j = end - 1; i < end; j = i++) {
        const xi = xs[walked[i]];
        const yi = ys[walked[i]];
        const xj = xs[walked[j]];
        const yj = ys[walked[j]];
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
      return inside;
    };
    items.forEach((item, k) => {
      // A point of the ring off the others' vertices: the midpoint of its first edge.
      const begin = walkedStart[item.r];
      const x = (xs[walked[begin]] + xs[walked[begin + 1]]) / 2;
      const y = (ys[walked[begin]] + ys[walked[begin + 1]]) / 2;
      for (let p = k - 1; p >= 0; p--) {
        const b = items[p].box;
        if (x < b[0] || x > b[2] || y < b[1] || y > b[3]) continue;
        if (contains(items[p].r, x, y)) {
          item.parent = p;
          item.depth = items[p].depth + 1;
          break;
        }
      }
    });
    const polygons: (typeof items)[] = [];
    const polygonOf = new Map<number, number>();
    items.forEach((item, k) => {
      if (item.depth % 2 === 0) {
        polygonOf.set(k, polygons.length);
        polygons.push([item]);
      } else {
        const outer = polygonOf.get(item.parent);
        if (outer !== undefined) polygons[outer].push(item);
      }
    });
    for (const polygon of polygons) {
      out.polygonStart[cursor.polygon++] = cursor.ring;
      for (const [k, item] of polygon.entries()) append(item.r, k === 0, item.signed);
    }
  }

  /** [west, south, east, north] of the shapes' exterior rings. */
  bounds(shapes: MeshShape[]): [number, number, number, number] {
    const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const { rings, first, end } of shapes) {
      for (let p = first; p < end; p++) {
        const exterior = rings.polygonStart[p];
        for (let i = rings.ringStart[exterior]; i < rings.ringStart[exterior + 1]; i++) {
          const v = rings.ids[i];
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
    const { ids, ringStart, polygonStart } = shape.rings;
    const ring = (r: number) => {
      const positions: Position[] = [];
      for (let i = ringStart[r]; i < ringStart[r + 1]; i++)
        positions.push([this.xs[ids[i]], this.ys[ids[i]]]);
      positions.push(positions[0]);
      return positions;
    };
    const polygon = (p: number) => {
      const list: Position[][] = [];
      for (let r = polygonStart[p]; r < polygonStart[p + 1]; r++) list.push(ring(r));
      return list;
    };
    if (shape.end - shape.first === 1) return { type: 'Polygon', coordinates: polygon(shape.first) };
    const coordinates: Position[][][] = [];
    for (let p = shape.first; p < shape.end; p++) coordinates.push(polygon(p));
    return { type: 'MultiPolygon', coordinates };
  }

  /** Each vertex as the text `[x,y]`, in one byte pool (built on first use, shared by every level). */
  private vertexPool: Uint8Array | undefined;
  private vertexOffsets: Int32Array | undefined;

  private vertexText(): { pool: Uint8Array; offsets: Int32Array } {
    if (!this.vertexPool || !this.vertexOffsets) {
      // At most 2 × 11 characters per number ("-180.00000"), 3 of punctuation.
      const pool = new Uint8Array(this.vertexCount * 25);
      const offsets = int32Array(this.vertexCount + 1, this.shared);
      let at = 0;
      for (let v = 0; v < this.vertexCount; v++) {
        offsets[v] = at;
        pool[at++] = OPEN;
        at = writeFixed5(Math.round(this.xs[v] * Q), pool, at);
        pool[at++] = COMMA;
        at = writeFixed5(Math.round(this.ys[v] * Q), pool, at);
        pool[at++] = CLOSE;
      }
      offsets[this.vertexCount] = at;
      if (this.shared) {
        this.vertexPool = new Uint8Array(new SharedArrayBuffer(at));
        this.vertexPool.set(pool.subarray(0, at));
      } else {
        this.vertexPool = pool.slice(0, at);
      }
      this.vertexOffsets = offsets;
    }
    return { pool: this.vertexPool, offsets: this.vertexOffsets };
  }

  /** Bytes of the shape's GeoJSON geometry text (see `writeGeometry`). */
  private geometryLength(shape: MeshShape, offsets: Int32Array): number {
    const { ids, ringStart, polygonStart } = shape.rings;
    const polygons = shape.end - shape.first;
    let length = polygons === 1 ? POLYGON_START.length + 1 : MULTIPOLYGON_START.length + 2 + (polygons - 1);
    for (let p = shape.first; p < shape.end; p++) {
      length += 2 + (polygonStart[p + 1] - polygonStart[p] - 1);
      for (let r = polygonStart[p]; r < polygonStart[p + 1]; r++) {
        // "[" v0 "," v1 "," ... "," v0 "]"
        const first = ids[ringStart[r]];
        length += 2 + offsets[first + 1] - offsets[first];
        for (let i = ringStart[r]; i < ringStart[r + 1]; i++) {
          length += offsets[ids[i] + 1] - offsets[ids[i]] + 1;
        }
      }
    }
    return length;
  }

  /**
   * Writes the shape as GeoJSON geometry text into `out` at `at` (which must have room, see
   * `geometryLength`), and returns the end. Each vertex is printed once and copied by every
   * level that draws it: printing doubles is what costs most when writing 35,000 communes 9 times.
   */
  private writeGeometry(shape: MeshShape, out: Uint8Array, at: number): number {
    const { pool, offsets } = this.vertexText();
    const { ids, ringStart, polygonStart } = shape.rings;
    const multi = shape.end - shape.first > 1;
    out.set(multi ? MULTIPOLYGON_START : POLYGON_START, at);
    at += multi ? MULTIPOLYGON_START.length : POLYGON_START.length;
    for (let p = shape.first; p < shape.end; p++) {
      if (p > shape.first) out[at++] = COMMA;
      out[at++] = OPEN;
      for (let r = polygonStart[p]; r < polygonStart[p + 1]; r++) {
        if (r > polygonStart[p]) out[at++] = COMMA;
        out[at++] = OPEN;
        for (let i = ringStart[r]; i < ringStart[r + 1]; i++) {
          const v = ids[i];
          for (let b = offsets[v]; b < offsets[v + 1]; b++) out[at++] = pool[b];
          out[at++] = COMMA;
        }
        const v = ids[ringStart[r]];
        for (let b = offsets[v]; b < offsets[v + 1]; b++) out[at++] = pool[b];
        out[at++] = CLOSE;
      }
      out[at++] = CLOSE;
    }
    if (multi) out[at++] = CLOSE;
    out[at++] = BRACE_CLOSE;
    return at;
  }

  /** The shape as GeoJSON geometry text (for tests and small outputs). */
  geometryJson(shape: MeshShape): string {
    const out = Buffer.allocUnsafe(this.geometryLength(shape, this.vertexText().offsets));
    const end = this.writeGeometry(shape, out, 0);
    return out.toString('utf8', 0, end);
  }

  /** A FeatureCollection of shapes with their properties, one feature per line, as bytes. */
  featureCollection(features: { shape: MeshShape; properties: Record<string, unknown> }[]): Buffer {
    const { offsets } = this.vertexText();
    const properties = features.map((f) => `,"properties":${JSON.stringify(f.properties)}}`);
    let length = COLLECTION_START.length + COLLECTION_END.length;
    features.forEach((f, k) => {
      if (k > 0) length += FEATURE_SEPARATOR.length;
      length += FEATURE_START.length + this.geometryLength(f.shape, offsets);
      length += Buffer.byteLength(properties[k]);
    });
    const out = Buffer.allocUnsafe(length);
    out.set(COLLECTION_START, 0);
    let at = COLLECTION_START.length;
    features.forEach((f, k) => {
      if (k > 0) {
        out.set(FEATURE_SEPARATOR, at);
        at += FEATURE_SEPARATOR.length;
      }
      out.set(FEATURE_START, at);
      at += FEATURE_START.length;
      at = this.writeGeometry(f.shape, out, at);
      at += out.write(properties[k], at);
    });
    out.set(COLLECTION_END, at);
    if (at + COLLECTION_END.length !== length)
      throw new Error(`featureCollection: ${at} bytes for ${length}`);
    return out;
  }
}

function float64Array(length: number, shared: boolean): Float64Array {
  return shared ? new Float64Array(new SharedArrayBuffer(length * 8)) : new Float64Array(length);
}

function int32Array(length: number, shared: boolean): Int32Array {
  return shared ? new Int32Array(new SharedArrayBuffer(length * 4)) : new Int32Array(length);
}

/**
 * Writes q / 1e5 as JavaScript prints that number (the shortest decimal that reads back as the
 * same double, here at most 5 decimals and no exponent), q an integer of magnitude < 2^31. Digit
 * by digit: printing a double is several times slower than printing its integer.
 */
export function writeFixed5(q: number, out: Uint8Array, at: number): number {
  let rest = q;
  if (rest < 0) {
    out[at++] = 45; // '-'
    rest = -rest;
  }
  let whole = Math.floor(rest / Q);
  let fraction = rest - whole * Q;
  let digits = 1;
  for (let w = whole; w >= 10; w = Math.floor(w / 10)) digits++;
  for (let d = digits - 1; d >= 0; d--) {
    out[at + d] = 48 + (whole % 10);
    whole = Math.floor(whole / 10);
  }
  at += digits;
  if (fraction === 0) return at;
  out[at++] = 46; // '.'
  let decimals = 5;
  while (fraction % 10 === 0) {
    fraction /= 10;
    decimals--;
  }
  for (let d = decimals - 1; d >= 0; d--) {
    out[at + d] = 48 + (fraction % 10);
    fraction = Math.floor(fraction / 10);
  }
  return at + decimals;
}
