import { EngineError } from '../../errors.ts';

/** Correction for testing every territory at once. */
export type Correction = 'none' | 'bonferroni' | 'fdr';

/**
 * The p-value cutoff below which a local statistic is called significant, for a nominal level
 * `alpha` and a multiple-testing correction over the territories that were tested (finite
 * p-values):
 * - `none`: alpha;
 * - `bonferroni`: alpha / m (Bonferroni; Anselin 1995, §4);
 * - `fdr`: Benjamini & Hochberg (1995) step-up false discovery rate: the largest i·alpha/m such
 *   that the i-th smallest p-value is below it, or alpha/m when there is none — the rule of
 *   PySAL/esda's `fdr()` (GeoDa's "FDR" stops at the first p-value above the line, a slightly
 *   stricter variant).
 *
 * A territory is significant when p ≤ cutoff. Complexity: O(m log m) for `fdr`, O(m) otherwise.
 * @throws EngineError `SPATIAL_BAD_OPTION` unless 0 < alpha < 1.
 * @example
 * significanceCutoff(Float64Array.of(0.001, 0.02, 0.03, 0.5), 0.05, 'fdr'); // 0.0375
 */
export function significanceCutoff(pValues: Float64Array, alpha: number, correction: Correction): number {
  if (!(alpha > 0 && alpha < 1)) {
    throw new EngineError(
      'SPATIAL_BAD_OPTION',
      `Le seuil de significativité doit être strictement entre 0 et 1 (reçu : ${alpha}).`,
      { option: 'alpha', value: alpha },
    );
  }
  const finite = Array.from(pValues).filter((p) => Number.isFinite(p));
  const m = finite.length;
  if (correction === 'none' || m === 0) return alpha;
  if (correction === 'bonferroni') return alpha / m;
  finite.sort((a, b) => a - b);
  let cutoff = alpha / m;
  for (let i = 1; i <= m; i++) {
    const line = (i * alpha) / m;
    if (finite[i - 1]! < line) cutoff = line;
  }
  return cutoff;
}
