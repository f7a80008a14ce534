import type { Feature } from 'geojson';
import { score } from '../composite/score.ts';
import type { ScoreConfig } from '../composite/types.ts';
import { EngineError } from '../errors.ts';
import { GI_STAR_LABELS_FR, LISA_LABELS_FR } from '../spatial/autocorrelation/clusterLabels.ts';
import { getisOrdGiStar } from '../spatial/autocorrelation/getisOrdGiStar.ts';
import { type GlobalMoranResult, globalMoran } from '../spatial/autocorrelation/globalMoran.ts';
import { localMoran } from '../spatial/autocorrelation/localMoran.ts';
import type { Correction } from '../spatial/autocorrelation/multipleTesting.ts';
import { contiguityWeights } from '../spatial/weights/contiguityWeights.ts';
import { rowStandardize } from '../spatial/weights/rowStandardize.ts';
import type { SpatialWeights } from '../spatial/weights/types.ts';
import type { Vintage } from '../vintage/types.ts';
import { territoryValues } from './territoryValues.ts';

export interface SpatialAnalysisOptions {
  /** The scoring whose values are analysed (its `level` is the level analysed). Default `{}`: communes. */
  config: ScoreConfig;
  /** `score` (default), `need`, `potential`, `dimension:<id>`, `indicator:<id>`. */
  value: string;
  /** Contiguity: `queen` (default) or `rook`. */
  contiguity: 'queen' | 'rook';
  /** Permutations of the conditional randomisation (GeoDa's default: 999). */
  permutations: number;
  /** Significance level. Default 0.05. */
  alpha: number;
  /** Multiple-testing correction. Default `none` (as GeoDa's default map). */
  correction: Correction;
  seed: number;
}

export const defaultSpatialAnalysisOptions: SpatialAnalysisOptions = {
  config: {},
  value: 'score',
  contiguity: 'queen',
  permutations: 999,
  alpha: 0.05,
  correction: 'none',
  seed: 1234567890,
};

export interface SpatialAnalysis {
  level: string;
  value: string;
  label: string;
  /** Territory codes, in the order of the features given. */
  codes: string[];
  values: (number | null)[];
  weights: { kind: string; transform: string; islands: string[]; components: number };
  moran: GlobalMoranResult;
  lisa: {
    clusters: number[];
    labels: string[];
    pValues: (number | null)[];
    lag: (number | null)[];
    cutoff: number;
  };
  giStar: {
    clusters: number[];
    labels: string[];
    z: (number | null)[];
    pValues: (number | null)[];
    cutoff: number;
  };
  options: Omit<SpatialAnalysisOptions, 'config'>;
  /** The scoring's hash (its configuration and vintage). */
  scoreHash: string;
  synthetic: boolean;
}

const finite = (a: Float64Array) => Array.from(a, (v) => (Number.isFinite(v) ? v : null));

/**
 * Spatial autocorrelation of a scoring's values over the polygons of its level: global Moran's I
 * (normality, randomisation and permutation inference), local Moran (LISA) clusters and Getis-Ord
 * Gi* hot spots, on row-standardised contiguity weights (Anselin 1995; Ord & Getis 1995; the
 * statistics are those of `globalMoran`, `localMoran` and `getisOrdGiStar`, checked against GeoDa).
 * `features` are the level's polygons (`geo/<level>.geojson` of the vintage, property `code`); at
 * the commune level, those outside the vintage's scope are left out. `codes` gives the order.
 *
 * Complexity: O(n × permutations × mean neighbours) after an O(vertices) contiguity build.
 *
 * @throws {EngineError} every code of `score`, `UNKNOWN_VALUE`, `TOO_FEW_TERRITORIES`.
 * @example analyseSpatial(vintage, features, { value: 'dimension:precarity' }).lisa.labels[0] // 'Haut-Haut'
 */
export function analyseSpatial(
  vintage: Vintage,
  features: readonly Feature[],
  options: Partial<SpatialAnalysisOptions> = {},
): SpatialAnalysis {
  const o = { ...defaultSpatialAnalysisOptions, ...options };
  const result = score(vintage, {
    ...o.config,
    explain: { detail: o.value.startsWith('indicator:') ? 'full' : 'summary' },
  });
  // At the commune level, only the communes of the scope are scored: the others (added to
  // complete cross-border EPCI) would show as missing values.
  const { communes } = vintage;
  const kept =
    result.level.id === 'commune'
      ? features.filter((f) => communes.inScope[communes.index.get(String(f.properties?.code)) ?? -1] === 1)
      : features;
  const codes = kept.map((f) => String(f.properties?.code ?? ''));
  const { values, label } = territoryValues(result, o.value, codes);
  const valid = values.filter((v) => Number.isFinite(v)).length;
  if (valid < 3) {
    throw new EngineError(
      'TOO_FEW_TERRITORIES',
      `Trop peu de territoires avec une valeur (${valid}) pour une statistique spatiale.`,
      {
        value: o.value,
      },
    );
  }
  const weights: SpatialWeights = rowStandardize(
    contiguityWeights(kept as Feature[], { kind: o.contiguity }),
  );
  const local = { permutations: o.permutations, alpha: o.alpha, correction: o.correction, seed: o.seed };
  const lisa = localMoran(values, weights, local);
  const gi = getisOrdGiStar(values, weights, local);
  const { config: _config, ...rest } = o;
  return {
    level: result.level.id,
    value: o.value,
    label,
    codes,
    values: finite(values),
    weights: {
      kind: weights.kind,
      transform: weights.transform,
      islands: Array.from(weights.islands, (i) => codes[i]),
      components: weights.components.count,
    },
    moran: globalMoran(values, weights, { permutations: o.permutations, seed: o.seed }),
    lisa: {
      clusters: Array.from(lisa.clusters),
      labels: Array.from(lisa.clusters, (c) => LISA_LABELS_FR[c] ?? ''),
      pValues: finite(lisa.pValues),
      lag: finite(lisa.lag),
      cutoff: lisa.cutoff,
    },
    giStar: {
      clusters: Array.from(gi.clusters),
      labels: Array.from(gi.clusters, (c) => GI_STAR_LABELS_FR[c] ?? ''),
      z: finite(gi.z),
      pValues: finite(gi.pValues),
      cutoff: gi.cutoff,
    },
    options: rest,
    scoreHash: result.hash,
    synthetic: result.synthetic,
  };
}
