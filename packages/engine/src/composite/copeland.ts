import { EngineError } from '../errors.ts';

/** Above this many territories the O(k² m) pairwise comparison is refused (35,000 communes: minutes). */
export const COPELAND_MAX_TERRITORIES = 5000;

/**
 * Copeland scores: the non-compensatory ranking of the OECD/JRC Handbook §6.2 (multi-criteria
 * approach, Munda & Nardo 2009). For every pair of territories (a, b), a "beats" b when the sum
 * of the weights of the indicators on which a is strictly better exceeds that on which b is;
 * indicators missing for either are ignored for that pair. A territory's score is its wins minus
 * its losses (ties count 0), so a large lead on one indicator cannot compensate losses on others.
 *
 * Values must be oriented (higher = better), e.g. the normalised values. Rows outside `rows` get NaN.
 *
 * Complexity: O(count² × m) time, O(count × m) extra memory.
 *
 * @throws {EngineError} `COPELAND_TOO_LARGE` above {@link COPELAND_MAX_TERRITORIES} territories.
 * @example
 * // 3 territories, 2 equally weighted indicators: A = (3, 3), B = (2, 1), C = (1, 2)
 * // A beats B and C; B vs C: one indicator each → tie. Scores: A 2, B −1, C −1.
 */
export function copeland(
  values: Float64Array,
  n: number,
  m: number,
  weights: Float64Array,
  rows: Int32Array,
  count: number,
  out: Float64Array,
): Float64Array {
  if (count > COPELAND_MAX_TERRITORIES) {
    throw new EngineError(
      'COPELAND_TOO_LARGE',
      `Le classement de Copeland compare toutes les paires : ${count} territoires dépassent la limite de ${COPELAND_MAX_TERRITORIES}. Choisissez un niveau plus agrégé (EPCI, bassin de vie) ou une autre agrégation.`,
      { territories: count, limit: COPELAND_MAX_TERRITORIES },
    );
  }
  const cols: number[] = [];
  for (let j = 0; j < m; j++) if (weights[j]! > 0) cols.push(j);
  const c = cols.length;
  // Row-major copy so that the pair loop reads contiguous memory.
  const rowMajor = new Float64Array(count * c);
  const w = Float64Array.from(cols, (j) => weights[j]!);
  for (let q = 0; q < count; q++) {
    for (let k = 0; k < c; k++) rowMajor[q * c + k] = values[cols[k]! * n + rows[q]!]!;
  }
  const score = new Float64Array(count);
  for (let a = 0; a < count; a++) {
    const oa = a * c;
    for (let b = a + 1; b < count; b++) {
      const ob = b * c;
      let wa = 0;
      let wb = 0;
      for (let k = 0; k < c; k++) {
        const va = rowMajor[oa + k]!;
        const vb = rowMajor[ob + k]!;
        if (va > vb) wa += w[k]!;
        else if (vb > va) wb += w[k]!;
      }
      if (wa > wb) {
        score[a]! += 1;
        score[b]! -= 1;
      } else if (wb > wa) {
        score[b]! += 1;
        score[a]! -= 1;
      }
    }
  }
  out.fill(Number.NaN);
  for (let q = 0; q < count; q++) out[rows[q]!] = score[q]!;
  return out;
}
