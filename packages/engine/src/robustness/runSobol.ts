import { TerritoryStatus } from '../composite/types.ts';
import { EngineError } from '../errors.ts';
import { createRandom } from '../random/xoshiro128.ts';
import { checkCount } from './checkCount.ts';
import { evaluateRuns, type RunResult } from './evaluateRuns.ts';
import { saltelliSample } from './saltelliSample.ts';
import { sobolIndices } from './sobolIndices.ts';
import type { RobustnessModel, SensitivityResult, SobolIndex, SobolOptions, SobolOutput } from './types.ts';

/** Most (runs × territories) ranks kept for per-territory indices (200 MB of Int32). */
const MAX_KEPT_RANKS = 50_000_000;

const finite = (x: number) => (Number.isFinite(x) ? x : null);

/**
 * Sensitivity analysis of the ranking (OECD/JRC Handbook 2008, §7; Saisana, Saltelli & Tarantola
 * 2005): first-order and total Sobol indices of a scalar output — by default the mean absolute
 * shift of the ranks from the nominal ranking — for each uncertain input of the model (the weights
 * as one group, or one factor per weight; normalisation; aggregation; imputation; the indicator
 * left out), from a Saltelli design of N × (k + 2) model runs ({@link saltelliSample}) and
 * Jansen's estimators with percentile bootstrap intervals ({@link sobolIndices}).
 *
 * Reading: S_i is the share of the output's variance that input i explains alone; S_Ti includes its
 * interactions; S_Ti − S_i large means the input matters through its combination with others.
 * A territory set aside in a run counts, for the `rank` output, as ranked just behind the last
 * ranked territory; the `score` output refuses such runs (`SOBOL_OUTPUT_MISSING`).
 *
 * Complexity: N × (k + 2) runs (see {@link estimateRuns} to show it before running), then
 * O(bootstrap × k × N).
 *
 * @throws {EngineError} `NO_UNCERTAIN_INPUT`, `UNKNOWN_TERRITORY`, `INVALID_ROBUSTNESS_OPTIONS`,
 *   `SOBOL_OUTPUT_MISSING`, `TOO_LARGE` (per-territory indices on too many runs × territories), `ABORTED`.
 * @example
 * const s = await runSobol(model, { baseSamples: 1000, seed: 3 });
 * s.indices // [{ id: 'weights', first: 0.08, total: 0.21, ... }, { id: 'normalisation', first: 0.31, ... }, ...]
 */
export async function runSobol(
  model: RobustnessModel,
  options: SobolOptions = {},
): Promise<SensitivityResult> {
  const N = options.baseSamples ?? 1000;
  const seed = options.seed ?? 1;
  const bootstrap = options.bootstrap ?? 1000;
  const confidence = options.confidence ?? 0.95;
  const output: SobolOutput = options.output ?? { kind: 'meanRankShift' };
  checkCount('baseSamples', N, 2, 10_000_000);
  checkCount('bootstrap', bootstrap, 0, 100_000);
  if (!(confidence > 0 && confidence < 1)) {
    throw new EngineError(
      'INVALID_ROBUSTNESS_OPTIONS',
      `confidence : donnez un niveau dans ]0, 1[ (reçu ${confidence}).`,
      {
        path: 'confidence',
        value: confidence,
      },
    );
  }
  const k = model.factors.length;
  if (k === 0) {
    throw new EngineError(
      'NO_UNCERTAIN_INPUT',
      'Analyse de sensibilité : aucune entrée n’est incertaine. Ajoutez du bruit sur les poids, des méthodes alternatives ou le retrait d’un indicateur.',
      {},
    );
  }
  const { n, codes, names } = model.matrix;
  const target = output.kind === 'meanRankShift' ? -1 : codes.indexOf(output.territory);
  if (output.kind !== 'meanRankShift' && target < 0) {
    throw new EngineError(
      'UNKNOWN_TERRITORY',
      `output.territory : le territoire ${output.territory} n’est pas au niveau « ${model.level} » de ce millésime.`,
      { path: 'output.territory', code: output.territory },
    );
  }
  const runs = N * (k + 2);
  if (options.perTerritory && runs * n > MAX_KEPT_RANKS) {
    throw new EngineError(
      'TOO_LARGE',
      `Indices par territoire : ${runs} exécutions × ${n} territoires dépassent la limite de ${MAX_KEPT_RANKS} rangs gardés ; réduisez baseSamples ou choisissez un niveau plus agrégé.`,
      { runs, territories: n, limit: MAX_KEPT_RANKS },
    );
  }

  const random = createRandom(seed);
  const points = saltelliSample(
    model.layout.dimensions,
    N,
    random,
    model.factors.map((f) => f.coordinates),
  );
  const nominal = model.nominal.output;
  const y = new Float64Array(runs);
  const kept = options.perTerritory ? new Int32Array(runs * n) : null;
  let missing = 0;
  const sink = (row: number, run: RunResult) => {
    if (kept)
      for (let i = 0; i < n; i++) kept[row * n + i] = run.rank[i]! > 0 ? run.rank[i]! : run.ranked + 1;
    if (output.kind === 'meanRankShift') y[row] = meanRankShift(run.rank, nominal.rank, nominal.status);
    else if (output.kind === 'rank') y[row] = run.rank[target]! > 0 ? run.rank[target]! : run.ranked + 1;
    else y[row] = run.score[target]!;
    if (!Number.isFinite(y[row]!)) missing++;
  };
  const fullScorings = await evaluateRuns(model, points, runs, sink, options);
  if (missing > 0) {
    throw new EngineError(
      'SOBOL_OUTPUT_MISSING',
      `Analyse de sensibilité : la sortie n’a pas de valeur dans ${missing} exécution(s) sur ${runs} (territoire écarté ou aucun territoire classé). Choisissez la sortie « rank » ou « meanRankShift ».`,
      { missing, runs },
    );
  }
  const est = sobolIndices(y, k, N, { bootstrap, confidence, random });
  const indices: SobolIndex[] = model.factors.map((f, i) => ({
    id: f.id,
    label: f.label,
    labelEn: f.labelEn,
    first: finite(est.first[i]!),
    firstLow: finite(est.firstLow[i]!),
    firstHigh: finite(est.firstHigh[i]!),
    total: finite(est.total[i]!),
    totalLow: finite(est.totalLow[i]!),
    totalHigh: finite(est.totalHigh[i]!),
  }));
  let sumFirst = 0;
  for (const s of est.first) sumFirst += s;
  const result: SensitivityResult = {
    analysis: 'sobol',
    vintageId: model.vintageId,
    level: model.level,
    seed,
    output,
    baseSamples: N,
    runs,
    bootstrap,
    confidence,
    variance: est.variance > 0 ? est.variance : null,
    mean: finite(est.mean),
    indices,
    sumFirst: finite(sumFirst),
    options: model.options,
    fullScorings,
  };
  if (kept) result.territories = perTerritory(model, kept, k, N, codes, names);
  return result;
}

/** Mean |rank − nominal rank| over the territories ranked in both (NaN when none). */
function meanRankShift(rank: Int32Array, nominalRank: Int32Array, nominalStatus: Uint8Array): number {
  let sum = 0;
  let c = 0;
  for (let i = 0; i < rank.length; i++) {
    if (rank[i]! > 0 && nominalStatus[i] === TerritoryStatus.ranked) {
      sum += Math.abs(rank[i]! - nominalRank[i]!);
      c++;
    }
  }
  return c > 0 ? sum / c : Number.NaN;
}

function perTerritory(
  model: RobustnessModel,
  kept: Int32Array,
  k: number,
  N: number,
  codes: string[],
  names: string[],
): NonNullable<SensitivityResult['territories']> {
  const n = codes.length;
  const runs = N * (k + 2);
  const y = new Float64Array(runs);
  return codes.map((code, i) => {
    for (let r = 0; r < runs; r++) y[r] = kept[r * n + i]!;
    const est = sobolIndices(y, k, N);
    const first: Record<string, number | null> = {};
    const total: Record<string, number | null> = {};
    model.factors.forEach((f, q) => {
      first[f.id] = finite(est.first[q]!);
      total[f.id] = finite(est.total[q]!);
    });
    return { code, name: names[i]!, first, total };
  });
}
