import Flatbush from 'flatbush';
import { EngineError } from '../../errors.ts';
import { boundingBoxKm, haversineKm } from '../geometry/greatCircle.ts';

/** Territory reference points (usually polygon centroids), WGS84 degrees; NaN = no location. */
export interface Points {
  lon: Float64Array;
  lat: Float64Array;
}

/**
 * A flatbush R-tree (Agafonkin, packed Hilbert R-tree) over the located points, with an exact
 * great-circle radius query: candidates come from the bounding box of the spherical cap
 * ({@link boundingBoxKm}), then each is checked with the haversine distance. Internal helper of
 * the k-nearest-neighbour and distance-band builders.
 */
export class PointIndex {
  readonly n: number;
  private readonly lon: Float64Array;
  private readonly lat: Float64Array;
  private readonly index: Flatbush | null;
  /** index in the tree -> territory index */
  private readonly ids: Int32Array;

  constructor(points: Points) {
    if (points.lon.length !== points.lat.length) {
      throw new EngineError(
        'SPATIAL_LENGTH_MISMATCH',
        `Les longitudes (${points.lon.length}) et latitudes (${points.lat.length}) n'ont pas la même longueur.`,
        { lon: points.lon.length, lat: points.lat.length },
      );
    }
    this.n = points.lon.length;
    this.lon = points.lon;
    this.lat = points.lat;
    const located: number[] = [];
    for (let i = 0; i < this.n; i++) {
      if (Number.isFinite(points.lon[i]) && Number.isFinite(points.lat[i])) located.push(i);
    }
    this.ids = Int32Array.from(located);
    if (located.length === 0) {
      this.index = null;
      return;
    }
    this.index = new Flatbush(located.length);
    for (const i of located) this.index.add(points.lon[i]!, points.lat[i]!, points.lon[i]!, points.lat[i]!);
    this.index.finish();
  }

  /** Number of territories with a location. */
  get located(): number {
    return this.ids.length;
  }

  isLocated(i: number): boolean {
    return Number.isFinite(this.lon[i]) && Number.isFinite(this.lat[i]);
  }

  distanceKm(i: number, j: number): number {
    return haversineKm(this.lon[i]!, this.lat[i]!, this.lon[j]!, this.lat[j]!);
  }

  /** Territories other than i within `radiusKm` (great circle), unsorted. */
  within(i: number, radiusKm: number): number[] {
    if (!this.index) return [];
    const [minLon, minLat, maxLon, maxLat] = boundingBoxKm(this.lon[i]!, this.lat[i]!, radiusKm);
    const found: number[] = [];
    for (const t of this.index.search(minLon, minLat, maxLon, maxLat)) {
      const j = this.ids[t]!;
      if (j !== i && this.distanceKm(i, j) <= radiusKm) found.push(j);
    }
    return found;
  }

  /**
   * The `k` territories nearest to i by great-circle distance, nearest first, ties broken by the
   * lower index. Exact: the planar (degree) nearest neighbours only give an upper bound of the
   * k-th distance; the spherical cap of that radius is then searched exhaustively.
   */
  nearest(i: number, k: number): { ids: number[]; distances: number[] } {
    if (!this.index) return { ids: [], distances: [] };
    const planar = this.index.neighbors(this.lon[i]!, this.lat[i]!, k + 1);
    let bound = 0;
    for (const t of planar) {
      const j = this.ids[t]!;
      if (j !== i) bound = Math.max(bound, this.distanceKm(i, j));
    }
    const candidates = this.within(i, bound);
    const distances = candidates.map((j) => this.distanceKm(i, j));
    const order = candidates
      .map((_, m) => m)
      .sort((a, b) => distances[a]! - distances[b]! || candidates[a]! - candidates[b]!);
    const chosen = order.slice(0, k);
    return { ids: chosen.map((m) => candidates[m]!), distances: chosen.map((m) => distances[m]!) };
  }
}
