import { UiError } from '../errors.ts';
import { ckmeansBreaks } from './ckmeansBreaks.ts';
import { classOf } from './classOf.ts';
import { equalIntervalBreaks } from './equalIntervalBreaks.ts';
import { manualBreaks } from './manualBreaks.ts';
import { quantileBreaks } from './quantileBreaks.ts';
import { stdDevBreaks } from './stdDevBreaks.ts';
import { validSorted } from './validValues.ts';

export type ClassMethod = 'quantile' | 'ckmeans' | 'equal' | 'stddev' | 'manual';

/** French labels of the methods, in the order the picker shows them. */
export const CLASS_METHODS: { id: ClassMethod; label: string }[] = [
  { id: 'quantile', label: 'Quantiles (effectifs égaux)' },
  { id: 'ckmeans', label: 'Seuils naturels (Jenks / CKMeans)' },
  { id: 'equal', label: 'Intervalles égaux' },
  { id: 'stddev', label: 'Écarts-types (autour de la moyenne)' },
  { id: 'manual', label: 'Seuils manuels' },
];

export interface ClassifyOptions {
  method: ClassMethod;
  /** Wanted number of classes (2..9); ignored by `manual`. Default 5. */
  classes?: number;
  /** Inner thresholds for `manual`. */
  manual?: readonly number[];
}

export interface Classification {
  method: ClassMethod;
  /** Inner thresholds, increasing; the number of classes is `thresholds.length + 1`. */
  thresholds: number[];
  /** Smallest and largest valid value (NaN when there is none). */
  min: number;
  max: number;
  /** Territories per class. */
  counts: number[];
  /** Territories with a missing value. */
  missing: number;
}

/**
 * Class breaks of a column by the chosen method, and the count of territories in each class.
 * Missing values (NaN) are counted apart and never classified.
 *
 * Complexity: O(n log n) (O(k n log n) for ckmeans).
 * @throws {UiError} `CLASS_COUNT` when `classes` is outside 2..9; `MANUAL_BREAKS` for bad manual thresholds.
 * @example classify(Float64Array.of(1, 2, NaN, 4), { method: 'equal', classes: 3 }).counts // [1, 1, 1]
 */
export function classify(values: ArrayLike<number>, options: ClassifyOptions): Classification {
  const { method, classes = 5, manual } = options;
  if (method !== 'manual' && (!Number.isInteger(classes) || classes < 2 || classes > 9)) {
    throw new UiError('CLASS_COUNT', `Nombre de classes : choisissez entre 2 et 9 (reçu ${classes}).`, {
      field: 'classes',
      value: classes,
    });
  }
  const { sorted, missing } = validSorted(values);
  const thresholds =
    method === 'quantile'
      ? quantileBreaks(sorted, classes)
      : method === 'ckmeans'
        ? ckmeansBreaks(sorted, classes)
        : method === 'equal'
          ? equalIntervalBreaks(sorted, classes)
          : method === 'stddev'
            ? stdDevBreaks(sorted, classes)
            : manualBreaks(manual ?? []);
  const counts = new Array<number>(thresholds.length + 1).fill(0);
  for (const v of sorted) counts[classOf(v, thresholds)]!++;
  const n = sorted.length;
  return {
    method,
    thresholds,
    min: n ? sorted[0]! : Number.NaN,
    max: n ? sorted[n - 1]! : Number.NaN,
    counts,
    missing,
  };
}
