import { describe, expect, it } from 'vitest';
import { createRandom, type RobustnessModel, TerritoryStatus } from '../../src/index.ts';
import { rankTally } from '../../src/robustness/rankTally.ts';

/** Just what rankTally reads of a model: territory codes, names and the nominal ranks. */
function fakeModel(n: number): RobustnessModel {
  const codes = Array.from({ length: n }, (_, i) => `T${String(i).padStart(6, '0')}`);
  return {
    matrix: { n, codes, names: codes },
    nominal: {
      output: {
        status: new Uint8Array(n).fill(TerritoryStatus.ranked),
        rank: Int32Array.from({ length: n }, (_, i) => i + 1),
      },
    },
  } as unknown as RobustnessModel;
}

/** Type 1 quantile of sorted values (Hyndman & Fan): the smallest whose cumulative share reaches p. */
const type1 = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length - 1e-9) - 1)]!;

describe('rankTally', () => {
  it('rankTally(model) on 5,000 territories (kept ranks, counting quantiles) matches sorting each territory’s ranks', async () => {
    const n = 5000;
    const R = 301;
    const topK = 25;
    const random = createRandom(21);
    const model = fakeModel(n);
    const tally = rankTally(model, R, topK);
    const ranks = Array.from({ length: n }, () => [] as number[]);
    const perm = Int32Array.from({ length: n }, (_, i) => i + 1);
    for (let r = 0; r < R; r++) {
      // A random permutation of 1..n, territory i set aside (rank 0) with some probability; each
      // territory's ranks spread around its own centre so that quantiles land in varied buckets.
      for (let i = n - 1; i > 0; i--) {
        const j = Math.floor(random.float() * (i + 1));
        [perm[i], perm[j]] = [perm[j]!, perm[i]!];
      }
      const rank = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const centred = random.float() < 0.7;
        const v = centred ? Math.min(n, 1 + ((i * 7 + Math.floor(random.float() * 300)) % n)) : perm[i]!;
        rank[i] = random.float() < 0.03 * (i % 3) ? 0 : v;
      }
      tally.add(r, rank);
      for (let i = 0; i < n; i++) if (rank[i]! > 0) ranks[i]!.push(rank[i]!);
    }
    const result = await tally.summarise({});
    expect(result).toHaveLength(n);
    for (const t of result) {
      const i = Number(t.code.slice(1));
      const mine = ranks[i]!.sort((a, b) => a - b);
      expect({ p05: t.p05, median: t.medianRank, p95: t.p95, share: t.rankedShare }).toEqual({
        p05: type1(mine, 0.05),
        median: type1(mine, 0.5),
        p95: type1(mine, 0.95),
        share: mine.length / R,
      });
      expect(t.pTopK).toBe(mine.filter((v) => v <= topK).length / R);
      expect(t.pFirst).toBe(mine.filter((v) => v === 1).length / R);
    }
  });
});
