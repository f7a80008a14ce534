/**
 * Per-cell caveat flags of an indicator matrix and of a scoring run, as bits of a `Uint8Array`,
 * so that the hot loops test them without allocating. {@link flagNames} turns a cell's bits into
 * the names an explanation shows.
 */
export const CellFlag = {
  /** No value (an empty cell in the source, a zero denominator, no member with data). */
  missing: 1,
  /** An empty source cell of a withheld statistic (secret statistique: Filosofi). */
  withheld: 2,
  /** An estimate: a non-additive statistic averaged over members, a partial coverage, an estimate in the vintage. */
  estimated: 4,
  /** Filled in by the imputation method of the run (the raw value stays missing). */
  imputed: 8,
  /** Computed from simulated data (the demonstration ESS layer). */
  synthetic: 16,
  /** Changed by the outlier treatment of the run (winsorised or log-transformed). */
  treated: 32,
} as const;

export type CellFlagName = keyof typeof CellFlag;

const ORDER: CellFlagName[] = ['missing', 'withheld', 'estimated', 'imputed', 'synthetic', 'treated'];

/** Every combination of the six bits, computed once and frozen: explanations share these arrays. */
const NAMES: readonly (readonly CellFlagName[])[] = Array.from({ length: 64 }, (_, bits) =>
  Object.freeze(ORDER.filter((name) => bits & CellFlag[name])),
);

/**
 * Names of the bits set in `bits`, in a fixed order. The returned array is shared and frozen.
 * @example flagNames(CellFlag.missing | CellFlag.withheld) // ['missing', 'withheld']
 */
export function flagNames(bits: number): readonly CellFlagName[] {
  return NAMES[bits & 63]!;
}
