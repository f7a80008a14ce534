import type { IndicatorFormula } from '../framework/types.ts';
import type { Vintage } from '../vintage/types.ts';
import { CellFlag } from './flags.ts';
import { formulaTerms } from './formulaTerms.ts';
import { type ResolvedTerm, resolveTerm } from './resolveTerm.ts';

/** One evaluated cell: value (NaN = missing), caveat bits, population share covered. */
export interface Cell {
  value: number;
  flags: number;
  coverage: number;
  /** True when the value is missing because a denominator summed to zero. */
  zeroDenominator: boolean;
}

export interface IndicatorEvaluator {
  /** Canonical variable ids used. */
  variables: string[];
  synthetic: boolean;
  /** Evaluates the indicator over the member communes `members[from .. to-1]` into `cell`. */
  evaluate(members: Int32Array, from: number, to: number, cell: Cell): void;
}

/**
 * Compiles an indicator formula against a vintage into an evaluator over any set of member
 * communes (one commune, a zoning unit, a user group, the whole scope). The rules:
 *
 * - **ratio, change, variable (sum)**: each term is summed over the members, then combined:
 *   `Σnum / Σden × scale`, `(Σcur − Σprev) / Σprev × scale`. Ratios of groups are recomputed from
 *   summed numerators and denominators, never averaged (Handbook §3.2 on aggregating rates).
 * - **shannon**: counts summed over the members, then `H = −Σ p ln p` (0 ln 0 = 0), or Pielou's
 *   evenness `H / ln K`.
 * - **weightedMean** (median income, poverty rate — non-additive): the members' values averaged
 *   with their weight (NBMENFISC by default, from the vintage's catalogue); for more than one
 *   member the result is flagged `estimated` (a mean of medians is not the median of the union).
 *
 * A member whose terms are not all present is left out (never counted as zero); the value is then
 * computed over the others, flagged `estimated`, and `coverage` says which share of the
 * population (latest `POP`) it covers. With no member left the value is missing (`withheld` too when a
 * withheld statistic caused it). A zero denominator gives a missing value (`zeroDenominator`).
 *
 * Complexity: O(members × terms) per evaluation.
 *
 * @throws {EngineError} `UNKNOWN_VARIABLE` when a term does not resolve.
 * @example
 * const ev = createIndicatorEvaluator(vintage, { kind: 'ratio', numerator: ['CHOM1564'], denominator: ['ACT1564'], scale: 100 }, []);
 * ev.evaluate(Int32Array.of(strasbourgRow), 0, 1, cell); cell.value // 17.72…
 */
export function createIndicatorEvaluator(
  vintage: Vintage,
  formula: IndicatorFormula,
  withheldStems: readonly string[],
): IndicatorEvaluator {
  const terms = formulaTerms(formula).map((t) => resolveTerm(vintage, t));
  const popRef = vintage.aliases.latest.POP;
  const population = popRef ? (vintage.communes.columns[popRef] ?? null) : null;
  const withheld = new Set(withheldStems);
  const synthetic = terms.some((t) => t.info.synthetic);
  const variables = [...new Set(terms.map((t) => t.info.id))];
  const baseFlags = synthetic ? CellFlag.synthetic : 0;

  /**
   * The scan shared by every kind: for each member, count its population, skip it when a needed
   * term is missing (remembering whether a withheld statistic caused it, and any vintage
   * estimate), otherwise hand it to `take`. Then turn the result into a cell.
   */
  const scan = (
    members: Int32Array,
    from: number,
    to: number,
    needed: ResolvedTerm[],
    take: (i: number) => boolean,
    result: () => number,
    cell: Cell,
  ): void => {
    let flags = baseFlags;
    let withheldSeen = false;
    let used = 0;
    let popUsed = 0;
    let popAll = 0;
    for (let k = from; k < to; k++) {
      const i = members[k]!;
      const p = population ? population[i]! : 1;
      const pop = Number.isNaN(p) ? 0 : p;
      popAll += pop;
      let ok = true;
      for (const t of needed) {
        if (Number.isNaN(t.column[i]!)) {
          ok = false;
          if (withheld.has(t.info.stem)) withheldSeen = true;
        } else if (t.estimated && t.estimated[i] === 1) {
          flags |= CellFlag.estimated;
        }
      }
      if (!ok || !take(i)) continue;
      used++;
      popUsed += pop;
    }
    if (withheldSeen) flags |= CellFlag.withheld;
    cell.zeroDenominator = false;
    const total = to - from;
    if (used === 0) {
      cell.value = Number.NaN;
      cell.flags = flags | CellFlag.missing;
      cell.coverage = 0;
      return;
    }
    if (used < total) flags |= CellFlag.estimated;
    cell.coverage = popAll > 0 ? popUsed / popAll : used / total;
    const value = result();
    if (!Number.isFinite(value)) {
      // Every kind returns ±Infinity or NaN only when its denominator (sum, total, weights) is 0.
      cell.value = Number.NaN;
      cell.flags = flags | CellFlag.missing;
      cell.zeroDenominator = true;
      return;
    }
    cell.value = value;
    cell.flags = flags;
  };
  const sumTerms = (list: ResolvedTerm[], i: number): number => {
    let sum = 0;
    for (const t of list) sum += t.sign * t.column[i]!;
    return sum;
  };

  switch (formula.kind) {
    case 'ratio':
    case 'change': {
      const isRatio = formula.kind === 'ratio';
      const nNum = isRatio ? formula.numerator.length : 1;
      const num = terms.slice(0, nNum);
      const den = terms.slice(nNum);
      const scale = formula.scale ?? 1;
      let a = 0;
      let b = 0;
      const take = (i: number) => {
        a += sumTerms(num, i);
        b += sumTerms(den, i);
        return true;
      };
      const result = () => (b === 0 ? Number.NaN : isRatio ? (a / b) * scale : ((a - b) / b) * scale);
      return {
        variables,
        synthetic,
        evaluate(members, from, to, cell) {
          a = 0;
          b = 0;
          scan(members, from, to, terms, take, result, cell);
        },
      };
    }
    case 'shannon': {
      const k = terms.length;
      const sums = new Float64Array(k);
      const scale = formula.scale ?? 1;
      const evenness = formula.evenness === true;
      const take = (i: number) => {
        for (let c = 0; c < k; c++) sums[c]! += terms[c]!.column[i]!;
        return true;
      };
      const result = () => {
        let total = 0;
        for (let c = 0; c < k; c++) total += sums[c]!;
        if (!(total > 0)) return Number.NaN;
        let h = 0;
        for (let c = 0; c < k; c++) {
          const share = sums[c]! / total;
          // 0 ln 0 = 0: an absent category adds nothing.
          if (share > 0) h -= share * Math.log(share);
        }
        return (evenness ? h / Math.log(k) : h) * scale;
      };
      return {
        variables,
        synthetic,
        evaluate(members, from, to, cell) {
          sums.fill(0);
          scan(members, from, to, terms, take, result, cell);
        },
      };
    }
    case 'weightedMean':
    case 'variable': {
      const main = terms[0]!;
      const sumKind = formula.kind === 'variable' && main.info.aggregation === 'sum';
      const scale = formula.kind === 'variable' ? (formula.scale ?? 1) : 1;
      let weight: ResolvedTerm | null = null;
      if (!sumKind) {
        const ref =
          formula.kind === 'weightedMean' && formula.weight ? formula.weight : (main.info.weight ?? 'POP');
        weight = formula.kind === 'weightedMean' && formula.weight ? terms[1]! : resolveTerm(vintage, ref);
      }
      const needed = weight ? [main, weight] : [main];
      let sw = 0;
      let swv = 0;
      let members = 0;
      const take = (i: number) => {
        const v = main.column[i]!;
        if (!weight) {
          swv += v;
          return true;
        }
        const w = weight.column[i]!;
        // A member without households (weight 0) cannot weigh in the mean.
        if (!(w > 0)) return false;
        sw += w;
        swv += w * v;
        members++;
        return true;
      };
      const result = () => (weight ? swv / sw : swv) * scale;
      return {
        variables: weight ? [...new Set([...variables, weight.info.id])] : variables,
        synthetic,
        evaluate(list, from, to, cell) {
          sw = 0;
          swv = 0;
          members = 0;
          scan(list, from, to, needed, take, result, cell);
          // A weighted mean of several members' medians or rates is an estimate (see above).
          if (weight && members > 1 && !Number.isNaN(cell.value)) cell.flags |= CellFlag.estimated;
        },
      };
    }
  }
}
