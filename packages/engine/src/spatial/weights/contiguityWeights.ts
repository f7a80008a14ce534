import type { Feature } from 'geojson';
import { EngineError } from '../../errors.ts';
import { flattenPolygons } from '../geometry/flattenPolygons.ts';
import { groupByWords, vertexWords } from '../geometry/groupByWords.ts';
import { snapVertices } from '../geometry/snapVertices.ts';
import { buildWeights } from './buildWeights.ts';
import {
  alignBorders,
  groupsOfIds,
  pairsFromGroups,
  sharedEdgePairs,
  vertexOwners,
} from './contiguityPairs.ts';
import { rowsFromPairs } from './rowsFromPairs.ts';
import type { SpatialWeights } from './types.ts';

export interface ContiguityOptions {
  /** `queen`: a shared vertex is enough; `rook`: a shared edge (two consecutive vertices) is needed. */
  kind: 'queen' | 'rook';
  /**
   * Vertices closer than this many metres count as the same point. 0 (default) = exact equality
   * of coordinates, as GeoDa with `precisionThreshold: 0`. A few metres repair borders of polygons
   * simplified or rounded independently (slower: a few seconds more for all French communes).
   */
  toleranceM: number;
  /** Also measure the length of each shared border (km), needed for zone compactness. */
  borderLengths: boolean;
}

const defaults: ContiguityOptions = { kind: 'queen', toleranceM: 0, borderLengths: false };

/**
 * Queen or rook contiguity weights from polygons (GeoJSON Polygon / MultiPolygon features in
 * WGS84, in the order of the territories). Two territories are queen neighbours when their
 * boundaries share a vertex, rook neighbours when they share an edge (Anselin 1988, "Spatial
 * Econometrics", §3.1; GeoDa's definition, Anselin & Rey 2014, "Modern Spatial Econometrics in
 * Practice", ch. 3).
 *
 * Near-linear, no pairwise polygon test: vertices are grouped by sorting on a hash of their
 * coordinates (snapped within `toleranceM` when asked); polygons meeting at a point become
 * neighbours. Edges are grouped the same way for rook contiguity and border lengths. Like
 * GeoDa, a vertex lying in the middle of another polygon's edge (a T-junction without a shared
 * vertex) is not a contact; topologically simplified files such as IGN Admin Express have none,
 * and `toleranceM` repairs small gaps.
 *
 * Border lengths are measured edge by edge with segmentKm (error ≪ 0.01 % for edges of a few
 * km), as polygonMeasures measures perimeters. Features with a null geometry get no neighbour.
 *
 * Complexity: O(vertices) expected time and memory.
 * @throws EngineError `SPATIAL_BAD_GEOMETRY` (see flattenPolygons), `SPATIAL_BAD_OPTION` for a
 * negative or non-numeric tolerance.
 * @example
 * // two unit squares side by side, a third touching the second by a corner
 * const sq = (x, y) => ({ type: 'Feature', properties: {}, geometry: { type: 'Polygon',
 *   coordinates: [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]] } });
 * contiguityWeights([sq(0, 0), sq(1, 0), sq(2, 1)]).neighbours; // Int32Array [1, 0, 2, 1] (queen)
 * contiguityWeights([sq(0, 0), sq(1, 0), sq(2, 1)], { kind: 'rook' }).islands; // Int32Array [2]
 */
export function contiguityWeights(
  features: readonly Feature[],
  options: Partial<ContiguityOptions> = {},
): SpatialWeights {
  const opts = { ...defaults, ...options };
  if (!(opts.toleranceM >= 0)) {
    throw new EngineError(
      'SPATIAL_BAD_OPTION',
      `La tolérance d'accrochage doit être un nombre de mètres positif ou nul (reçu : ${opts.toleranceM}).`,
      { option: 'toleranceM', value: opts.toleranceM },
    );
  }
  const flat = flattenPolygons(features);
  const owner = vertexOwners(flat);
  const needPoints = opts.toleranceM > 0 || opts.kind === 'rook' || opts.borderLengths;
  const parameters = { toleranceM: opts.toleranceM, withoutGeometry: flat.withoutGeometry };

  if (!needPoints) {
    // Fast path: exact queen contiguity straight from the groups of identical vertices.
    const groups = groupByWords(vertexWords(flat.coords), owner, false);
    const pairs = pairsFromGroups(groups, groups.owner);
    const rows = rowsFromPairs(flat.n, pairs.a, pairs.b, true);
    return buildWeights(flat.n, rows.offsets, rows.neighbours, 'queen', true, parameters);
  }

  const { pointIds, pointCount } = snapVertices(flat.coords, opts.toleranceM);
  const edges = opts.kind === 'rook' || opts.borderLengths ? sharedEdgePairs(flat, pointIds, owner) : null;
  let rows: { offsets: Int32Array; neighbours: Int32Array };
  if (opts.kind === 'queen') {
    const groups = groupsOfIds(pointIds, pointCount, owner);
    const pairs = pairsFromGroups(groups, groups.owner);
    rows = rowsFromPairs(flat.n, pairs.a, pairs.b, true);
  } else {
    rows = rowsFromPairs(flat.n, edges!.a, edges!.b, true);
  }
  const borders = opts.borderLengths ? alignBorders(flat.n, rows, edges!) : undefined;
  return buildWeights(flat.n, rows.offsets, rows.neighbours, opts.kind, true, parameters, borders);
}
