import type { IndicatorFormula } from '../framework/types.ts';

/**
 * Every variable reference a formula uses (terms keep their `-` sign prefix).
 * @example formulaTerms({ kind: 'ratio', numerator: ['NAIS', '-DECE'], denominator: ['POP'] }) // ['NAIS', '-DECE', 'POP']
 */
export function formulaTerms(formula: IndicatorFormula): string[] {
  switch (formula.kind) {
    case 'ratio':
      return [...formula.numerator, ...formula.denominator];
    case 'change':
      return [formula.current, formula.previous];
    case 'shannon':
      return [...formula.counts];
    case 'weightedMean':
      return formula.weight ? [formula.variable, formula.weight] : [formula.variable];
    case 'variable':
      return [formula.variable];
  }
}
