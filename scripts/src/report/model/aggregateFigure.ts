import { isEngineError, resolveVariable, type VariableInfo, type Vintage } from '@ptce/engine';

/**
 * How a key figure is computed from the vintage's variables over a set of communes. Kept apart
 * from the framework's indicators on purpose: the key figures stay the same whatever scenario
 * the list was made with (an indicator the analysts removed is still a figure the cabinet reads).
 */
export type FigureFormula =
  /** Σ variable. */
  | { kind: 'sum'; variable: string }
  /** Σ numerator / Σ denominator × scale. */
  | { kind: 'ratio'; numerator: string; denominator: string; scale: number }
  /** (Σ current − Σ previous) / Σ previous × 100. */
  | { kind: 'change'; current: string; previous: string }
  /** Mean of a non-additive statistic weighted by its catalogue weight (NBMENFISC for Filosofi). */
  | { kind: 'weightedMean'; variable: string };

export interface AggregatedFigure {
  /** NaN when no member has the data or the denominator is 0. */
  value: number;
  /** Members left out because a variable they need is missing. */
  missingMembers: number;
  members: number;
  /** Share of the members' population (latest POP) whose data entered the value. */
  coverage: number;
  /** Estimate: a weighted mean over several communes, members left out, or an estimate in the vintage. */
  estimated: boolean;
  /** Variables used, as the vintage names them. */
  variables: VariableInfo[];
}

/**
 * Computes a figure over the communes `rows` with the engine's rules (createIndicatorEvaluator):
 * a member whose variables are not all present is left out — never counted as zero — and the
 * figure is then flagged as an estimate with the population share it covers; a weighted mean over
 * more than one commune is an estimate too (a mean of medians is not the median of the union).
 *
 * Complexity: O(rows × variables).
 *
 * @throws {EngineError} `UNKNOWN_VARIABLE` when the vintage lacks a variable (the caller shows
 *   the figure as absent).
 * @example aggregateFigure(vintage, [0, 1], { kind: 'ratio', numerator: 'CHOM1564', denominator: 'ACT1564', scale: 100 }).value
 */
export function aggregateFigure(
  vintage: Vintage,
  rows: readonly number[],
  formula: FigureFormula,
): AggregatedFigure {
  const refs =
    formula.kind === 'sum' || formula.kind === 'weightedMean'
      ? [formula.variable]
      : formula.kind === 'ratio'
        ? [formula.numerator, formula.denominator]
        : [formula.current, formula.previous];
  const variables = refs.map((r) => resolveVariable(vintage, r));
  if (formula.kind === 'weightedMean')
    variables.push(resolveVariable(vintage, variables[0]!.weight ?? 'POP'));
  const columns = variables.map((v) => vintage.communes.columns[v.id]!);
  const estimatedColumns = variables.map((v) => vintage.communes.estimated[v.id]);
  const popRef = vintage.aliases.latest.POP;
  const population = popRef ? vintage.communes.columns[popRef] : undefined;

  let a = 0;
  let b = 0;
  let used = 0;
  let popUsed = 0;
  let popAll = 0;
  let estimated = false;
  for (const i of rows) {
    const p = population ? population[i]! : 1;
    const pop = Number.isNaN(p) ? 0 : p;
    popAll += pop;
    if (columns.some((c) => Number.isNaN(c[i]!))) continue;
    if (estimatedColumns.some((e) => e?.[i] === 1)) estimated = true;
    used++;
    popUsed += pop;
    const x = columns[0]![i]!;
    if (formula.kind === 'weightedMean') {
      const w = columns[1]![i]!;
      a += w * x;
      b += w;
    } else {
      a += x;
      b += formula.kind === 'sum' ? 0 : columns[1]![i]!;
    }
  }
  let value = Number.NaN;
  if (used > 0) {
    if (formula.kind === 'sum') value = a;
    else if (b !== 0)
      value =
        formula.kind === 'change'
          ? ((a - b) / b) * 100
          : formula.kind === 'ratio'
            ? (a / b) * formula.scale
            : a / b;
  }
  if (formula.kind === 'weightedMean' && used > 1) estimated = true;
  if (used < rows.length && used > 0) estimated = true;
  return {
    value,
    missingMembers: rows.length - used,
    members: rows.length,
    coverage: popAll > 0 ? popUsed / popAll : rows.length > 0 ? used / rows.length : 0,
    estimated,
    variables,
  };
}

/** {@link aggregateFigure}, or `null` when the vintage lacks one of the variables (e.g. no ESS layer). */
export function tryAggregate(
  vintage: Vintage,
  rows: readonly number[],
  formula: FigureFormula,
): AggregatedFigure | null {
  try {
    return aggregateFigure(vintage, rows, formula);
  } catch (error) {
    if (isEngineError(error) && error.code === 'UNKNOWN_VARIABLE') return null;
    throw error;
  }
}
