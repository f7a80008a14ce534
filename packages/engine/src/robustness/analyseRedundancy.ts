import { TerritoryStatus } from '../composite/types.ts';
import { EngineError } from '../errors.ts';
import { cronbachAlpha } from './cronbachAlpha.ts';
import { pearson } from './pearson.ts';
import { spearman } from './spearman.ts';
import type { CorrelationMatrix, RedundancyFlag, RedundancyResult, RobustnessModel } from './types.ts';

export interface RedundancyOptions {
  /** |r| at or above which two indicators are flagged as redundant. Default 0.9. */
  threshold?: number;
}

const orNull = (x: number) => (Number.isFinite(x) ? x : null);

/** Correlations between every column of `rows` and every column of `cols` (same territories); symmetric when they are the same. */
function correlate(
  rows: Float64Array[],
  cols: Float64Array[],
  f: (x: Float64Array, y: Float64Array) => number,
): CorrelationMatrix {
  const out: CorrelationMatrix = rows.map(() => new Array<number | null>(cols.length).fill(null));
  for (let a = 0; a < rows.length; a++) {
    for (let b = 0; b < cols.length; b++) {
      out[a]![b] = rows === cols && b < a ? out[b]![a]! : orNull(f(rows[a]!, cols[b]!));
    }
  }
  return out;
}

/**
 * Redundancy and coherence of the composite as scored (OECD/JRC Handbook 2008, §4; COINr
 * `get_corr`, `get_corr_flags`, `get_cronbach`), over the ranked territories of the nominal
 * scoring, on the normalised values (direction applied: higher = better PTCE site):
 *
 * - Pearson and Spearman (ties averaged) correlation matrices between active indicators, and
 *   between indicators and levels (dimensions, need, potential, score) and between levels;
 *   pairwise deletion of missing values;
 * - flags: pairs of indicators with |Pearson r| ≥ `threshold` (one may be redundant: it double-counts
 *   what the other measures), and indicators negatively correlated with their own dimension (they
 *   pull against it: check the direction or the dimension);
 * - Cronbach's alpha per dimension (listwise deletion);
 * - effective weights: nominal, and the Pearson correlation with the score with its share r²/Σr²
 *   (Paruolo, Saisana & Saltelli 2013, linear version): an indicator whose share is far from its
 *   nominal weight weighs more, or less, than intended.
 *
 * Complexity: O(m² × n log n).
 * @throws {EngineError} `INVALID_ROBUSTNESS_OPTIONS` for a threshold outside ]0, 1].
 * @example
 * analyseRedundancy(model).flags // [{ kind: 'collinear', a: 'prec_poverty_rate', b: 'prec_median_income', pearson: 0.93, ... }]
 */
export function analyseRedundancy(model: RobustnessModel, options: RedundancyOptions = {}): RedundancyResult {
  const threshold = options.threshold ?? 0.9;
  if (!(threshold > 0 && threshold <= 1)) {
    throw new EngineError(
      'INVALID_ROBUSTNESS_OPTIONS',
      `threshold : donnez un seuil dans ]0, 1] (reçu ${threshold}).`,
      {
        path: 'threshold',
        value: threshold,
      },
    );
  }
  const { matrix, config } = model;
  const { plan, output } = model.nominal;
  const { n } = matrix;
  const rows: number[] = [];
  for (let i = 0; i < n; i++) if (output.status[i] === TerritoryStatus.ranked) rows.push(i);
  const gather = (src: Float64Array, base: number) => Float64Array.from(rows, (i) => src[base + i]!);
  const active = [...plan.indicatorDimension.keys()].filter((j) => plan.indicatorDimension[j]! >= 0);
  const indicators = active.map((j) => config.framework.indicators[j]!);
  const columns = active.map((j) => gather(output.normalised, j * n));
  const dims = config.framework.dimensions;
  const levelColumns = [
    ...dims.map((_, t) => gather(output.dimensionScores, t * n)),
    gather(output.need, 0),
    gather(output.potential, 0),
    gather(output.score, 0),
  ];
  const levels = [...dims.map((d) => d.id), 'need', 'potential', 'score'];

  const pearsonMatrix = correlate(columns, columns, pearson);
  const spearmanMatrix = correlate(columns, columns, spearman);
  const indicatorLevels = {
    pearson: correlate(columns, levelColumns, pearson),
    spearman: correlate(columns, levelColumns, spearman),
  };

  const flags: RedundancyFlag[] = [];
  for (let a = 0; a < active.length; a++) {
    for (let b = a + 1; b < active.length; b++) {
      const r = pearsonMatrix[a]![b];
      if (r !== null && r !== undefined && Math.abs(r) >= threshold) {
        flags.push({
          kind: 'collinear',
          a: indicators[a]!.id,
          b: indicators[b]!.id,
          pearson: r,
          spearman: spearmanMatrix[a]![b] ?? null,
          message: `« ${indicators[a]!.label} » et « ${indicators[b]!.label} » sont corrélés à ${r.toFixed(2)} (seuil ${threshold}) : l’un compte peut-être deux fois ce que mesure l’autre.`,
        });
      }
    }
  }
  active.forEach((j, a) => {
    const t = plan.indicatorDimension[j]!;
    const r = indicatorLevels.pearson[a]![t];
    if (r !== null && r !== undefined && r < 0) {
      flags.push({
        kind: 'negativeWithDimension',
        indicator: indicators[a]!.id,
        dimension: dims[t]!.id,
        pearson: r,
        message: `« ${indicators[a]!.label} » est corrélé négativement (${r.toFixed(2)}) à sa dimension « ${dims[t]!.label} » : il tire contre elle ; vérifiez son sens ou sa dimension.`,
      });
    }
  });

  const dimensions = dims.map((dim, t) => {
    const items = active.flatMap((j, a) => (plan.indicatorDimension[j] === t ? [columns[a]!] : []));
    const r = cronbachAlpha(items);
    const note =
      r.items < 2
        ? 'Moins de deux indicateurs actifs : alpha non défini.'
        : Number.isNaN(r.alpha)
          ? 'Trop peu de territoires complets, ou total constant : alpha non défini.'
          : null;
    return {
      id: dim.id,
      label: dim.label,
      alpha: orNull(r.alpha),
      items: r.items,
      territories: r.observations,
      note,
    };
  });

  const scoreColumn = levelColumns[levelColumns.length - 1]!;
  const withScore = columns.map((x) => pearson(x, scoreColumn));
  let r2 = 0;
  for (const r of withScore) if (Number.isFinite(r)) r2 += r * r;
  const effectiveWeights = active.map((j, a) => {
    const r = withScore[a]!;
    return {
      id: indicators[a]!.id,
      nominal: plan.effectiveWeight[j]!,
      correlation: orNull(r),
      importance: Number.isFinite(r) && r2 > 0 ? (r * r) / r2 : null,
    };
  });

  return {
    vintageId: model.vintageId,
    level: model.level,
    territories: rows.length,
    threshold,
    indicators: indicators.map((i) => i.id),
    pearson: pearsonMatrix,
    spearman: spearmanMatrix,
    levels,
    indicatorLevels,
    levelLevels: {
      pearson: correlate(levelColumns, levelColumns, pearson),
      spearman: correlate(levelColumns, levelColumns, spearman),
    },
    flags,
    dimensions,
    effectiveWeights,
  };
}
