import { TerritoryStatus } from '../composite/types.ts';
import { runTicker } from './runTicker.ts';
import type { RankInterval, RobustnessModel, RunControl, TallyPart } from './types.ts';

/** Territories transposed together: a block of ranks stays in cache while it is read. */
const BLOCK = 64;

/**
 * Position of the type 1 quantile (Hyndman & Fan 1996: the inverse of the empirical CDF) among c
 * sorted values: the smallest value whose cumulative share reaches p. Ranks stay whole numbers.
 */
function type1(c: number, p: number): number {
  return Math.max(0, Math.ceil(p * c - 1e-9) - 1);
}

/** Territories up to which ranks are tallied in an n × (n + 1) histogram (8 or 16 MB) instead of kept. */
const HISTOGRAM_MAX = 2048;

/** Collects the ranks of every replicate, then summarises them per territory. */
export interface RankTally {
  add(row: number, rank: Int32Array): void;
  /** What was added, for the tally of the whole analysis (a part run elsewhere). */
  part(): TallyPart;
  /** Adds what a part collected (its replicates must not have been added here). */
  merge(part: TallyPart): void;
  summarise(control: RunControl): Promise<RankInterval[]>;
}

/**
 * Per-territory rank statistics over the replicates: the median and 5th/95th percentiles of the
 * rank where ranked, P(rank ≤ topK), P(first) and the share of replicates where it is ranked.
 * Up to 2,048 territories, each replicate's ranks go into a histogram per territory (O(n) per
 * replicate, O(n²) to read the quantiles, no ranks kept); above, the ranks are kept (2 bytes each
 * below 65,535 territories) and two-level counting per territory finds the quantiles
 * (O(R × n), see `quantilesByCounting`).
 * Territories come ranked by nominal rank, then the others by code.
 *
 * `rows`: the replicates this tally will receive when it collects a part only (ascending; all by
 * default): above 2,048 territories it then keeps the ranks of those alone.
 */
export function rankTally(
  model: RobustnessModel,
  replicates: number,
  topK: number,
  histogramMax = HISTOGRAM_MAX,
  rows: Int32Array | null = null,
): RankTally {
  const n = model.matrix.n;
  if (n <= histogramMax) {
    // 2 bytes a count when no count can pass 65,535: half the memory the run loop scatters into.
    const histogram = replicates <= 65535 ? new Uint16Array(n * (n + 1)) : new Int32Array(n * (n + 1));
    return {
      add(_row, rank) {
        for (let i = 0; i < n; i++) histogram[i * (n + 1) + rank[i]!]!++;
      },
      part: () => ({ kind: 'histogram', counts: histogram }),
      merge(part) {
        if (part.kind !== 'histogram' || part.counts.length !== histogram.length) throw mismatch();
        for (let k = 0; k < histogram.length; k++) histogram[k]! += part.counts[k]!;
      },
      summarise: async () => fromHistogram(model, histogram, replicates, topK),
    };
  }
  const kept = rows ? rows.length : replicates;
  const ranks = n < 65535 ? new Uint16Array(kept * n) : new Int32Array(kept * n);
  // Where a replicate's ranks go among those kept (only when a part is collected).
  let slot: Int32Array | null = null;
  if (rows) {
    slot = new Int32Array(replicates).fill(-1);
    rows.forEach((row, k) => {
      slot![row] = k;
    });
  }
  return {
    add: (row, rank) => ranks.set(rank, (slot ? slot[row]! : row) * n),
    part: () => ({
      kind: 'ranks',
      rows: rows ?? Int32Array.from({ length: replicates }, (_, r) => r),
      ranks,
    }),
    merge(part) {
      if (part.kind !== 'ranks' || part.ranks.length !== part.rows.length * n || slot) throw mismatch();
      for (let k = 0; k < part.rows.length; k++) {
        ranks.set(part.ranks.subarray(k * n, (k + 1) * n), part.rows[k]! * n);
      }
    },
    summarise: (control) => fromRanks(model, ranks, replicates, topK, control),
  };
}

function mismatch(): Error {
  return new Error('rankTally.merge: the part was collected for another model or analysis');
}

function interval(
  model: RobustnessModel,
  i: number,
  stats: [number, number, number] | null,
  top: number,
  first: number,
  c: number,
  replicates: number,
): RankInterval {
  const nominal = model.nominal.output;
  const ranked = nominal.status[i] === TerritoryStatus.ranked;
  return {
    code: model.matrix.codes[i]!,
    name: model.matrix.names[i]!,
    nominalRank: ranked ? nominal.rank[i]! : null,
    medianRank: stats ? stats[1] : null,
    p05: stats ? stats[0] : null,
    p95: stats ? stats[2] : null,
    pTopK: top / replicates,
    pFirst: first / replicates,
    rankedShare: c / replicates,
  };
}

function byNominalRank(out: RankInterval[]): RankInterval[] {
  return out.sort(
    (a, b) =>
      (a.nominalRank ?? Number.POSITIVE_INFINITY) - (b.nominalRank ?? Number.POSITIVE_INFINITY) ||
      (a.code < b.code ? -1 : 1),
  );
}

function fromHistogram(
  model: RobustnessModel,
  histogram: Uint16Array | Int32Array,
  replicates: number,
  topK: number,
): RankInterval[] {
  const n = model.matrix.n;
  const out: RankInterval[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const h = histogram.subarray(i * (n + 1), (i + 1) * (n + 1));
    const c = replicates - h[0]!;
    let top = 0;
    for (let v = 1; v <= Math.min(topK, n); v++) top += h[v]!;
    let stats: [number, number, number] | null = null;
    if (c > 0) {
      const targets = [type1(c, 0.05), type1(c, 0.5), type1(c, 0.95)];
      stats = [0, 0, 0];
      let cumulative = 0;
      let q = 0;
      for (let v = 1; v <= n && q < 3; v++) {
        cumulative += h[v]!;
        while (q < 3 && cumulative > targets[q]!) stats[q++] = v;
      }
    }
    out[i] = interval(model, i, stats, top, h[1] ?? 0, c, replicates);
  }
  return byNominalRank(out);
}

/**
 * Values at sorted positions `targets` (ascending) among the non-zero `values`,
 * by counting: a histogram of coarse buckets of 2^shift ranks finds each target's bucket and how
 * many values come before it, then one histogram per target of the ranks inside its bucket finds
 * the value. Exact (the same values as sorting), O(values + n / 2^shift + 2^shift).
 */
function quantilesByCounting(
  values: Int32Array,
  targets: Int32Array,
  shift: number,
  coarse: Int32Array,
  fine: Int32Array,
  out: [number, number, number],
): void {
  const T = targets.length;
  const width = 1 << shift;
  const mask = width - 1;
  const bucket = [0, 0, 0];
  const before = [0, 0, 0];
  let cumulative = 0;
  let q = 0;
  for (let u = 0; u < coarse.length && q < T; u++) {
    const next = cumulative + coarse[u]!;
    while (q < T && targets[q]! < next) {
      bucket[q] = u;
      before[q] = cumulative;
      q++;
    }
    cumulative = next;
  }
  fine.fill(0, 0, T * width);
  const [b0, b1, b2] = bucket as [number, number, number];
  for (let r = 0; r < values.length; r++) {
    const v = values[r]!;
    if (v === 0) continue;
    const u = v >> shift;
    if (u === b0) fine[v & mask]!++;
    if (u === b1) fine[width + (v & mask)]!++;
    if (u === b2) fine[2 * width + (v & mask)]!++;
  }
  for (let k = 0; k < T; k++) {
    let c = before[k]!;
    for (let u = 0; u < width; u++) {
      c += fine[k * width + u]!;
      if (c > targets[k]!) {
        out[k] = (bucket[k]! << shift) + u;
        break;
      }
    }
  }
}

async function fromRanks(
  model: RobustnessModel,
  ranks: Uint16Array | Int32Array,
  replicates: number,
  topK: number,
  control: RunControl,
): Promise<RankInterval[]> {
  const { n } = model.matrix;
  const block = new Int32Array(BLOCK * replicates);
  // Coarse buckets of 2^shift ranks, at most 1,024 of them.
  let shift = 0;
  while (n >> shift >= 1024) shift++;
  const coarse = new Int32Array((n >> shift) + 1);
  const fine = new Int32Array(3 << shift);
  const targets = new Int32Array(3);
  const out: RankInterval[] = new Array(n);
  const ticker = runTicker(control, 'summarising', n);
  for (let i0 = 0; i0 < n; i0 += BLOCK) {
    const width = Math.min(BLOCK, n - i0);
    for (let r = 0; r < replicates; r++) {
      const row = r * n + i0;
      for (let b = 0; b < width; b++) block[b * replicates + r] = ranks[row + b]!;
    }
    for (let b = 0; b < width; b++) {
      const i = i0 + b;
      const values = block.subarray(b * replicates, (b + 1) * replicates);
      coarse.fill(0);
      let c = 0;
      let top = 0;
      let first = 0;
      for (let r = 0; r < replicates; r++) {
        const v = values[r]!;
        if (v === 0) continue;
        c++;
        coarse[v >> shift]!++;
        if (v <= topK) top++;
        if (v === 1) first++;
      }
      let stats: [number, number, number] | null = null;
      if (c > 0) {
        targets[0] = type1(c, 0.05);
        targets[1] = type1(c, 0.5);
        targets[2] = type1(c, 0.95);
        stats = [0, 0, 0];
        quantilesByCounting(values, targets, shift, coarse, fine, stats);
      }
      out[i] = interval(model, i, stats, top, first, c, replicates);
    }
    if (ticker.due()) await ticker.pause(i0 + width);
  }
  ticker.finish();
  return byNominalRank(out);
}
