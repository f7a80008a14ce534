import {
  type Correction,
  candidateZones,
  contiguityWeights,
  globalMoran,
  LISA_LABELS_FR,
  localMoran,
  polygonMeasures,
  rowStandardize,
  type SpatialWeights,
  type ZoneConstraints,
} from '@ptce/engine';
import type { Feature, FeatureCollection } from 'geojson';

/** What the LISA map needs: one cluster code per territory (engine `CLUSTER`), aligned with `codes`. */
export interface LisaView {
  clusters: Uint8Array;
  /** French label of each cluster code. */
  labels: string[];
  pValues: Float64Array;
  /** Global Moran's I and its permutation p-value. */
  moran: { I: number; p: number };
  cutoff: number;
  /** Territories per cluster code 0..6. */
  counts: number[];
  /** Territories without any neighbour (islands). */
  islands: number;
}

export interface LisaOptions {
  alpha: number;
  correction: Correction;
  permutations: number;
}

export interface ZoneView {
  rank: number;
  /** Member commune codes. */
  members: string[];
  names: string[];
  score: number;
  population: number;
  compactness: number;
  stop: string;
}

/** Contiguity of a level's territories, in the order of `codes` (the scoring matrix's order). */
export interface Contiguity {
  features: Feature[];
  weights: SpatialWeights;
  /** Territories of `codes` that have no polygon. */
  missingPolygons: number;
}

/**
 * Queen contiguity (with shared border lengths, for zone compactness) of the territories `codes`,
 * from the level's GeoJSON: features are put in the order of `codes` first, since the engine's
 * spatial functions index territories by input order. A code without a polygon gets a null
 * geometry (no neighbour).
 */
export function contiguity(fc: FeatureCollection, codes: readonly string[]): Contiguity {
  const byCode = new Map(fc.features.map((f) => [String(f.properties?.code), f]));
  let missingPolygons = 0;
  const features = codes.map((code): Feature => {
    const f = byCode.get(code);
    if (f) return f;
    missingPolygons++;
    return { type: 'Feature', properties: { code }, geometry: null as never };
  });
  return {
    features,
    weights: contiguityWeights(features, { kind: 'queen', borderLengths: true }),
    missingPolygons,
  };
}

/**
 * Local Moran's I (Anselin 1995) of one layer over row-standardised queen contiguity, with the
 * engine's GeoDa-compatible inference (conditional permutations, fixed seed).
 */
export function lisa(values: Float64Array, c: Contiguity, options: LisaOptions): LisaView {
  const w = rowStandardize(c.weights);
  const local = localMoran(values, w, {
    permutations: options.permutations,
    alpha: options.alpha,
    correction: options.correction,
  });
  const global = globalMoran(values, w, { permutations: options.permutations });
  const counts = new Array<number>(7).fill(0);
  for (const k of local.clusters) counts[k]!++;
  return {
    clusters: local.clusters,
    labels: [...LISA_LABELS_FR],
    pValues: local.pValues,
    moran: { I: global.I, p: global.permutation?.p ?? Number.NaN },
    cutoff: local.cutoff,
    counts,
    islands: c.weights.islands.length,
  };
}

/**
 * Candidate PTCE zones of communes (engine `candidateZones`): contiguous groups that satisfy the
 * constraints and maximise the population-weighted mean of the communes' composite score.
 */
export function zones(
  c: Contiguity,
  inputs: {
    codes: readonly string[];
    names: readonly string[];
    scores: Float64Array;
    population: Float64Array;
    epci: readonly string[];
  },
  constraints: Partial<ZoneConstraints>,
  count: number,
): { candidates: ZoneView[]; message: string } {
  const result = candidateZones(
    {
      scores: inputs.scores,
      population: inputs.population,
      weights: c.weights,
      epci: inputs.epci,
      names: inputs.names,
      // Compactness needs every polygon.
      geometry: c.missingPolygons === 0 ? polygonMeasures(c.features) : undefined,
    },
    constraints,
    { count, seed: 1 },
  );
  return {
    message: result.message,
    candidates: result.candidates.map((z) => ({
      rank: z.rank,
      members: Array.from(z.members, (i) => inputs.codes[i]!),
      names: Array.from(z.members, (i) => inputs.names[i]!),
      score: z.score,
      population: z.population,
      compactness: z.compactness,
      stop: z.stop.message,
    })),
  };
}
