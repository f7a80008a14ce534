/**
 * Spatial weights in compressed sparse row (CSR) form: the neighbours of territory `i` are
 * `neighbours[offsets[i] .. offsets[i + 1])`, sorted by index, with matching `weights`.
 * Row `i` never lists `i` itself. Territories are indexed in the order of the input features.
 */
export interface SpatialWeights {
  /** Number of territories. */
  n: number;
  /** Row starts, length n + 1; `offsets[n]` is the number of neighbour links. */
  offsets: Int32Array;
  /** Column indices, sorted within each row. */
  neighbours: Int32Array;
  /** Weight of each link: 1 for binary weights, 1 / row size after row-standardisation. */
  weights: Float64Array;
  /** How the links were found. */
  kind: WeightsKind;
  /** `binary` as built; `row` after {@link rowStandardize} (each non-empty row sums to 1). */
  transform: 'binary' | 'row';
  /** True when j is a neighbour of i exactly when i is a neighbour of j (contiguity, distance band). */
  symmetric: boolean;
  /** Territories without any neighbour ("îlots"), in increasing order. */
  islands: Int32Array;
  /** Connected components of the neighbour graph (links taken as undirected). */
  components: { count: number; labels: Int32Array };
  /**
   * Length in km of the border shared with each neighbour, aligned with `neighbours` (0 for a
   * contact by a single point). Only for contiguity weights built from polygons.
   */
  borderLengths?: Float64Array;
  /** Parameters the weights were built with, for reports (tolerance, k, distance ...). */
  parameters: Record<string, number | string | boolean>;
}

export type WeightsKind = 'queen' | 'rook' | 'knn' | 'distanceBand' | 'custom';

/** The part of {@link SpatialWeights} that imputation and graph walks need. */
export interface NeighbourGraph {
  offsets: Int32Array;
  neighbours: Int32Array;
}
