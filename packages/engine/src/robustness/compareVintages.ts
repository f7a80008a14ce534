import { rankScores } from '../composite/rankScores.ts';
import { TerritoryStatus } from '../composite/types.ts';
import { EngineError } from '../errors.ts';
import { aggregateBase, createAggregationWork } from './aggregateBase.ts';
import { aggregationBase } from './aggregationBase.ts';
import { spearman } from './spearman.ts';
import type { RankChange, RankDriver, RobustnessModel, StabilityResult } from './types.ts';

export interface StabilityOptions {
  /** Drivers listed per territory. Default 3. */
  drivers?: number;
}

const orNull = (x: number) => (Number.isFinite(x) ? x : null);

/**
 * Stability of the ranking across two vintages scored with the same framework at the same level:
 * the rank change of every territory (matched by code; codes in one vintage only are listed as
 * added or removed) and the indicators that drive it.
 *
 * Drivers, one indicator at a time: the "before" scoring is re-aggregated with indicator j's
 * normalised values taken from the "after" scoring (all else as before); the score and rank
 * changes of that hybrid are indicator j's effect on each territory — a rank can move with no
 * change of the territory's own score when others' values move. Drivers are listed by rank
 * effect, then score effect (largest first). Effects are exact for the
 * indicator alone; they do not add up to the whole change when the aggregation is not linear or
 * when other territories move too — the total is reported separately.
 *
 * Complexity: O(m × (n × m + n)) re-aggregations and rankings, plus O(n log n).
 * @throws {EngineError} `VINTAGES_INCOMPARABLE` (other level, other indicators or dimensions).
 * @example
 * const s = compareVintages(model2020, model2021);
 * s.territories[0] // { code: '…', rankBefore: 4, rankAfter: 2, change: 2, drivers: [{ id: 'prec_unemployment', rankEffect: 2, … }] }
 */
export function compareVintages(
  before: RobustnessModel,
  after: RobustnessModel,
  options: StabilityOptions = {},
): StabilityResult {
  const keep = options.drivers ?? 3;
  const fb = before.config.framework;
  const fa = after.config.framework;
  const ids = (xs: { id: string }[]) => xs.map((x) => x.id).join(',');
  if (
    before.level !== after.level ||
    ids(fb.indicators) !== ids(fa.indicators) ||
    ids(fb.dimensions) !== ids(fa.dimensions)
  ) {
    throw new EngineError(
      'VINTAGES_INCOMPARABLE',
      `Comparaison de millésimes : ${before.vintageId} et ${after.vintageId} doivent être notés au même niveau avec les mêmes indicateurs et dimensions (niveaux « ${before.level} » et « ${after.level} »).`,
      { before: before.vintageId, after: after.vintageId, levels: [before.level, after.level] },
    );
  }
  const mb = before.matrix;
  const ma = after.matrix;
  const { n, m } = mb;
  const ob = before.nominal.output;
  const oa = after.nominal.output;
  const plan = before.nominal.plan;
  const afterIndex = new Map(ma.codes.map((c, i) => [c, i]));
  const beforeCodes = new Set(mb.codes);
  const twin = Int32Array.from(mb.codes, (c) => afterIndex.get(c) ?? -1);
  const ranked = (o: typeof ob, i: number) => i >= 0 && o.status[i] === TerritoryStatus.ranked;

  // One hybrid per active indicator: its "after" values in the "before" scoring.
  const hybrid = new Float64Array(n * m);
  const work = createAggregationWork(n, m, plan.dimensionIds.length);
  const order = new Int32Array(n);
  const rank = new Int32Array(n);
  const scoreEffect = new Float64Array(n * m).fill(Number.NaN);
  const rankEffect = new Float64Array(n * m).fill(Number.NaN);
  const { method, range } = plan.methods.normalisation;
  for (let j = 0; j < m; j++) {
    if (plan.indicatorDimension[j]! < 0) continue;
    hybrid.set(ob.normalised);
    for (let i = 0; i < n; i++) if (twin[i]! >= 0) hybrid[j * n + i] = oa.normalised[j * ma.n + twin[i]!]!;
    const base = aggregationBase(
      { n, m, normalised: hybrid, status: ob.status },
      plan.indicatorDimension,
      plan.dimensionIds.length,
      method,
      range,
    );
    const score = aggregateBase(base, plan.dimensionPillar, plan, plan.methods.aggregation, work);
    rankScores(score, base.status, order, rank);
    for (let i = 0; i < n; i++) {
      if (!ranked(ob, i) || rank[i] === 0) continue;
      scoreEffect[j * n + i] = score[i]! - ob.score[i]!;
      rankEffect[j * n + i] = ob.rank[i]! - rank[i]!;
    }
  }

  const changes: number[] = [];
  const ra: number[] = [];
  const rb: number[] = [];
  const territories: RankChange[] = mb.codes.map((code, i) => {
    const a = twin[i]!;
    const both = ranked(ob, i) && ranked(oa, a);
    if (both) {
      changes.push(ob.rank[i]! - oa.rank[a]!);
      rb.push(ob.rank[i]!);
      ra.push(oa.rank[a]!);
    }
    const drivers: RankDriver[] = [];
    for (let j = 0; j < m; j++) {
      const e = scoreEffect[j * n + i]!;
      const moved = rankEffect[j * n + i]!;
      // An indicator drives a change when it moves the score, or the rank (others' values moved).
      if (!both || Number.isNaN(e) || (e === 0 && moved === 0)) continue;
      drivers.push({
        id: fb.indicators[j]!.id,
        label: fb.indicators[j]!.label,
        rawBefore: orNull(mb.values[j * n + i]!),
        rawAfter: orNull(ma.values[j * ma.n + a]!),
        scoreEffect: e,
        rankEffect: moved,
      });
    }
    drivers.sort(
      (x, y) =>
        Math.abs(y.rankEffect) - Math.abs(x.rankEffect) ||
        Math.abs(y.scoreEffect) - Math.abs(x.scoreEffect) ||
        (x.id < y.id ? -1 : 1),
    );
    return {
      code,
      name: mb.names[i]!,
      rankBefore: ranked(ob, i) ? ob.rank[i]! : null,
      rankAfter: ranked(oa, a) ? oa.rank[a]! : null,
      change: both ? ob.rank[i]! - oa.rank[a]! : null,
      scoreBefore: ranked(ob, i) ? orNull(ob.score[i]!) : null,
      scoreAfter: ranked(oa, a) ? orNull(oa.score[a]!) : null,
      drivers: drivers.slice(0, keep),
    };
  });
  territories.sort(
    (x, y) => Math.abs(y.change ?? -1) - Math.abs(x.change ?? -1) || (x.code < y.code ? -1 : 1),
  );

  const indicators = fb.indicators.map((ind, j) => {
    let sum = 0;
    let c = 0;
    for (let i = 0; i < n; i++) {
      const e = rankEffect[j * n + i]!;
      if (Number.isNaN(e) || !ranked(oa, twin[i]!)) continue;
      sum += Math.abs(e);
      c++;
    }
    return { id: ind.id, label: ind.label, meanAbsoluteRankEffect: c > 0 ? sum / c : null };
  });
  const abs = changes.map(Math.abs);
  return {
    before: before.vintageId,
    after: after.vintageId,
    level: before.level,
    territories,
    added: ma.codes.filter((c) => !beforeCodes.has(c)),
    removed: mb.codes.filter((_, i) => twin[i]! < 0),
    rankCorrelation: orNull(spearman(rb, ra)),
    meanAbsoluteChange: abs.length > 0 ? abs.reduce((s, x) => s + x, 0) / abs.length : null,
    maxAbsoluteChange: abs.length > 0 ? abs.reduce((s, x) => Math.max(s, x), 0) : null,
    indicators,
  };
}
