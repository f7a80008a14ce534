import type { ScoreResult } from '../composite/types.ts';
import { EngineError } from '../errors.ts';

/**
 * What a map or a spatial statistic can read off a scoring: `score`, `need`, `potential`,
 * `dimension:<id>` (a dimension score) or `indicator:<id>` (the indicator's raw value).
 */
export type TerritoryValueRef = string;

/**
 * The values of `ref` for the territories of a result, in the order of `codes` (NaN where the
 * territory has no value or is absent from the result).
 *
 * Complexity: O(territories + codes).
 *
 * @throws {EngineError} `UNKNOWN_VALUE` for a reference the result cannot give.
 * @example territoryValues(result, 'dimension:precarity', ['67001', '67002']) // Float64Array [41.2, NaN]
 */
export function territoryValues(
  result: ScoreResult,
  ref: TerritoryValueRef,
  codes: readonly string[],
): {
  values: Float64Array;
  label: string;
} {
  const [kind, id] = ref.includes(':')
    ? [ref.slice(0, ref.indexOf(':')), ref.slice(ref.indexOf(':') + 1)]
    : [ref, ''];
  let pick: (t: ScoreResult['territories'][number]) => number | null;
  let label: string;
  if (kind === 'score' || kind === 'need' || kind === 'potential') {
    pick = (t) => t[kind];
    label = { score: 'Score PTCE', need: 'Besoin', potential: 'Potentiel' }[kind];
  } else if (kind === 'dimension' && result.dimensions.some((d) => d.id === id)) {
    pick = (t) => t.dimensions[id] ?? null;
    label = result.dimensions.find((d) => d.id === id)?.label ?? id;
  } else if (kind === 'indicator' && result.indicators.some((i) => i.id === id)) {
    const column = result.indicators.findIndex((i) => i.id === id);
    pick = (t) => t.indicators[column]?.raw ?? null;
    label = result.indicators[column].label;
    if (result.territories.some((t) => t.indicators.length === 0 && t.rank !== null)) {
      throw new EngineError(
        'UNKNOWN_VALUE',
        `Les valeurs d’indicateur demandent l’explication complète : relancez le calcul avec explain.detail = "full".`,
        { value: ref },
      );
    }
  } else {
    throw new EngineError(
      'UNKNOWN_VALUE',
      `Valeur « ${ref} » inconnue : score, need, potential, dimension:<id> (${result.dimensions.map((d) => d.id).join(', ')}) ou indicator:<id>.`,
      { value: ref },
    );
  }
  const byCode = new Map(result.territories.map((t) => [t.code, t]));
  const values = new Float64Array(codes.length);
  codes.forEach((code, i) => {
    const t = byCode.get(code);
    const v = t ? pick(t) : null;
    values[i] = v === null || v === undefined ? Number.NaN : v;
  });
  return { values, label };
}
