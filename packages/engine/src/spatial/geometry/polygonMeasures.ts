import type { Feature } from 'geojson';
import { flattenPolygons } from './flattenPolygons.ts';
import { EARTH_RADIUS_KM, segmentKm } from './greatCircle.ts';

/** Area, perimeter and centroid of each territory; NaN for a territory without geometry. */
export interface PolygonMeasures {
  /** km² (holes removed). */
  area: Float64Array;
  /** km, all rings (an enclave's border counts). */
  perimeter: Float64Array;
  /** Area-weighted centroid, WGS84 degrees. */
  lon: Float64Array;
  lat: Float64Array;
}

const RAD = Math.PI / 180;

/**
 * Area, perimeter and centroid of Polygon / MultiPolygon features (WGS84, spherical Earth
 * R = 6371.0088 km). Area and centroid use the shoelace formula (Bourke 1988, "Calculating the
 * area and centroid of a polygon") on the sinusoidal projection x = R·(λ − λ0)·cos φ, y = R·φ,
 * which is equal-area, with λ0 at the feature so that shear stays negligible; holes are
 * subtracted whatever the ring orientation. Perimeters add up segmentKm over the edges — the same
 * measure as the shared borders of contiguityWeights, so zone perimeters subtract exactly.
 * Against turf's spherical area and haversine length: within 0.1 % on the Bas-Rhin communes.
 *
 * Complexity: O(vertices).
 * @throws EngineError `SPATIAL_BAD_GEOMETRY` (see flattenPolygons).
 * @example
 * // a 0.1° square at the equator: about 11.12 km × 11.12 km
 * polygonMeasures([square]).area[0]; // ≈ 123.6
 */
export function polygonMeasures(features: readonly Feature[]): PolygonMeasures {
  const flat = flattenPolygons(features);
  const { n, coords, ringOffsets, featureRings, ringIsHole } = flat;
  const area = new Float64Array(n).fill(Number.NaN);
  const perimeter = new Float64Array(n).fill(Number.NaN);
  const lon = new Float64Array(n).fill(Number.NaN);
  const lat = new Float64Array(n).fill(Number.NaN);
  const R = EARTH_RADIUS_KM;
  for (let f = 0; f < n; f++) {
    const r0 = featureRings[f]!;
    const r1 = featureRings[f + 1]!;
    if (r0 === r1) continue;
    const lon0 = coords[2 * ringOffsets[r0]!]!;
    const x = (v: number) => R * (coords[2 * v]! - lon0) * RAD * Math.cos(coords[2 * v + 1]! * RAD);
    const y = (v: number) => R * coords[2 * v + 1]! * RAD;
    let a = 0;
    let cx = 0;
    let cy = 0;
    let p = 0;
    for (let r = r0; r < r1; r++) {
      const first = ringOffsets[r]!;
      const last = ringOffsets[r + 1]! - 1;
      let ringArea = 0;
      let ringCx = 0;
      let ringCy = 0;
      for (let v = first; v <= last; v++) {
        const u = v === last ? first : v + 1;
        const x1 = x(v);
        const y1 = y(v);
        const x2 = x(u);
        const y2 = y(u);
        const cross = x1 * y2 - x2 * y1;
        ringArea += cross;
        ringCx += (x1 + x2) * cross;
        ringCy += (y1 + y2) * cross;
        p += segmentKm(coords[2 * v]!, coords[2 * v + 1]!, coords[2 * u]!, coords[2 * u + 1]!);
      }
      // outer rings count positive and holes negative, whatever their orientation
      const sign = (ringArea >= 0 ? 1 : -1) * (ringIsHole[r] ? -1 : 1);
      a += (sign * ringArea) / 2;
      cx += (sign * ringCx) / 6;
      cy += (sign * ringCy) / 6;
    }
    area[f] = a;
    perimeter[f] = p;
    const latC = cy / a / R;
    lat[f] = latC / RAD;
    lon[f] = lon0 + cx / a / (R * Math.cos(latC)) / RAD;
  }
  return { area, perimeter, lon, lat };
}
