import type { ScoreResult } from '@ptce/engine';
import type { LevelMedians } from './whySentence.ts';

/** Median of the finite values (mean of the two middle ones for an even count); null when none. */
export function median(values: readonly (number | null)[]): number | null {
  const s = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (s.length === 0) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Medians of need, potential and each dimension over the ranked territories of the result. */
export function levelMedians(result: ScoreResult): LevelMedians {
  const ranked = result.territories.filter((t) => t.rank !== null);
  const dimensions: Record<string, number | null> = {};
  for (const d of result.dimensions) dimensions[d.id] = median(ranked.map((t) => t.dimensions[d.id] ?? null));
  return {
    need: median(ranked.map((t) => t.need)),
    potential: median(ranked.map((t) => t.potential)),
    dimensions,
  };
}
