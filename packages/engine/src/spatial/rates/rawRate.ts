import { EngineError } from '../../errors.ts';

/** Events and population at risk per territory (NaN = missing). */
export interface RateInput {
  /** Numerator counts O_i (births, poor households, ESS establishments ...). */
  events: Float64Array;
  /** Denominator P_i (population at risk), same order. */
  base: Float64Array;
}

/**
 * Crude rate O_i / P_i. NaN when either count is missing, when P_i ≤ 0 (no population at risk:
 * no rate, rather than GeoDa's 0), or when a count is negative.
 *
 * Complexity: O(n).
 * @throws EngineError `SPATIAL_LENGTH_MISMATCH` when events and base differ in length.
 * @example
 * rawRate({ events: Float64Array.of(3, 0, 1), base: Float64Array.of(100, 50, 0) }); // [0.03, 0, NaN]
 */
export function rawRate(input: RateInput): Float64Array {
  const { events, base } = input;
  if (events.length !== base.length) {
    throw new EngineError(
      'SPATIAL_LENGTH_MISMATCH',
      `Le numérateur (${events.length} valeurs) et le dénominateur (${base.length}) n'ont pas la même longueur.`,
      { events: events.length, base: base.length },
    );
  }
  const rate = new Float64Array(events.length);
  for (let i = 0; i < events.length; i++) {
    const o = events[i]!;
    const p = base[i]!;
    rate[i] = p > 0 && o >= 0 ? o / p : Number.NaN;
  }
  return rate;
}
