import type { Feature, Geometry, Position } from 'geojson';
import { EngineError } from '../../errors.ts';

/**
 * Polygon rings of a list of features packed into typed arrays, so the contiguity, measure and
 * centroid code walks flat memory instead of nested GeoJSON arrays.
 *
 * Vertex v of the whole collection is `(coords[2v], coords[2v + 1])` (longitude, latitude).
 * Ring r spans vertices `ringOffsets[r] .. ringOffsets[r + 1])`, without the closing vertex that
 * GeoJSON repeats. Feature f owns rings `featureRings[f] .. featureRings[f + 1])`.
 */
export interface FlatPolygons {
  n: number;
  coords: Float64Array;
  ringOffsets: Int32Array;
  ringFeature: Int32Array;
  /** 1 for an interior ring (hole), 0 for an outer ring. */
  ringIsHole: Uint8Array;
  featureRings: Int32Array;
  /** Features whose geometry is null (territories without polygon: they get no neighbour). */
  withoutGeometry: number;
}

type PolygonCoordinates = Position[][];

function polygonsOf(geometry: Geometry | null, index: number): PolygonCoordinates[] {
  if (geometry === null) return [];
  if (geometry.type === 'Polygon') return [geometry.coordinates];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates;
  throw new EngineError(
    'SPATIAL_BAD_GEOMETRY',
    `L'entité n°${index} a une géométrie ${geometry.type} : seules Polygon et MultiPolygon sont acceptées.`,
    { feature: index, type: geometry.type },
  );
}

/**
 * Packs the rings of Polygon / MultiPolygon features (WGS84 longitude, latitude).
 *
 * Complexity: O(vertices).
 * @throws EngineError `SPATIAL_BAD_GEOMETRY` for another geometry type or a ring with fewer than
 * 3 distinct vertices or a non-finite coordinate (details give the feature index).
 */
export function flattenPolygons(features: readonly Feature[]): FlatPolygons {
  const n = features.length;
  let vertexCount = 0;
  let ringCount = 0;
  const geometries: PolygonCoordinates[][] = [];
  let withoutGeometry = 0;
  for (let f = 0; f < n; f++) {
    const polygons = polygonsOf(features[f]!.geometry, f);
    if (polygons.length === 0) withoutGeometry++;
    geometries.push(polygons);
    for (const polygon of polygons) {
      for (const ring of polygon) {
        ringCount++;
        vertexCount += ring.length;
      }
    }
  }
  const coords = new Float64Array(vertexCount * 2);
  const ringOffsets = new Int32Array(ringCount + 1);
  const ringFeature = new Int32Array(ringCount);
  const ringIsHole = new Uint8Array(ringCount);
  const featureRings = new Int32Array(n + 1);
  let v = 0;
  let r = 0;
  for (let f = 0; f < n; f++) {
    for (const polygon of geometries[f]!) {
      for (let k = 0; k < polygon.length; k++) {
        const ring = polygon[k]!;
        let last = ring.length;
        const first = ring[0];
        const end = ring[last - 1];
        if (first && end && last > 1 && first[0] === end[0] && first[1] === end[1]) last--;
        if (last < 3) {
          throw new EngineError(
            'SPATIAL_BAD_GEOMETRY',
            `L'entité n°${f} contient un anneau de moins de 3 sommets : la géométrie est invalide.`,
            { feature: f, ring: k },
          );
        }
        ringOffsets[r] = v;
        ringFeature[r] = f;
        ringIsHole[r] = k > 0 ? 1 : 0;
        for (let i = 0; i < last; i++) {
          const x = ring[i]![0]!;
          const y = ring[i]![1]!;
          if (!Number.isFinite(x) || !Number.isFinite(y)) {
            throw new EngineError(
              'SPATIAL_BAD_GEOMETRY',
              `L'entité n°${f} a une coordonnée non numérique (anneau ${k}, sommet ${i}).`,
              { feature: f, ring: k, vertex: i },
            );
          }
          coords[2 * v] = x;
          coords[2 * v + 1] = y;
          v++;
        }
        r++;
      }
    }
    featureRings[f + 1] = r;
  }
  ringOffsets[r] = v;
  return {
    n,
    coords: coords.subarray(0, 2 * v),
    ringOffsets: ringOffsets.subarray(0, r + 1),
    ringFeature,
    ringIsHole,
    featureRings,
    withoutGeometry,
  };
}
