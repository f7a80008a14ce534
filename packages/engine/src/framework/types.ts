/**
 * A composite-index framework as plain data (JSON): dimensions grouped into the two pillars
 * of the need × potential reading, and indicators computed from the variables of a vintage.
 * The default PTCE framework is `ptce-default.json`; `validateFramework` checks any framework
 * (a user's edited copy, a saved scenario) and locates every error.
 *
 * Variable references are edition-agnostic (`POP`, `POP@prev`, `EMPLT@2013`, `SUPERF`) and are
 * resolved against a vintage with `resolveVariable`, so the same framework runs on the next INSEE
 * edition.
 */

/** The two readings' building blocks: need = precarity + desertification; potential = economy + ESS. */
export type Pillar = 'need' | 'potential';

/**
 * A term of a sum: a variable reference, optionally prefixed with `-` to subtract it
 * (`['NAIS', '-DECE']` is the natural balance).
 */
export type Term = string;

/**
 * How an indicator is computed from the variables, for a commune and for a group of communes
 * (zoning, user group, the reference territory). Group values are always recomputed from the
 * members' variables, never averaged from the members' indicator values.
 */
export type IndicatorFormula =
  /** `(Σ numerator terms) / (Σ denominator terms) × scale`, each term summed over the members. */
  | { kind: 'ratio'; numerator: Term[]; denominator: Term[]; scale?: number }
  /** `(current − previous) / previous × scale`, both summed over the members (relative change). */
  | { kind: 'change'; current: Term; previous: Term; scale?: number }
  /**
   * Shannon diversity `H = −Σ p_k ln p_k` of the summed counts (`p_k = c_k / Σ c`); with
   * `evenness`, Pielou's `J = H / ln K` (K = number of count variables), in [0, 1]; × scale.
   */
  | { kind: 'shannon'; counts: Term[]; evenness?: boolean; scale?: number }
  /**
   * A non-additive statistic (median income, poverty rate): a commune's own value; for a group,
   * the mean of the members' values weighted by `weight` (default: the variable's own weight in
   * the vintage, e.g. NBMENFISC), flagged as an estimate, with the share of population covered.
   */
  | { kind: 'weightedMean'; variable: string; weight?: string }
  /** A variable as it is (its vintage aggregation decides how groups combine it). */
  | { kind: 'variable'; variable: string; scale?: number };

export interface FrameworkIndicator {
  /** Stable id (`prec_unemployment`): letters, digits, `_`. */
  id: string;
  label: string;
  labelEn: string;
  /** Id of the dimension it belongs to. */
  dimension: string;
  /**
   * +1 when a higher value makes the territory a better PTCE site (more need, more potential);
   * −1 when a lower value does (median income: lower = more need).
   */
  direction: 1 | -1;
  /** Weight within its dimension (relative: only ratios matter); 0 keeps it for display only. */
  weight: number;
  /** Unit shown to users, in French (`%`, `pour 1 000 habitants`, `€`, `indice`). */
  unit: string;
  formula: IndicatorFormula;
  /** One sentence (French) saying why this indicator matters for a PTCE. */
  rationale: string;
  rationaleEn?: string;
  /** Goalposts [lower, upper] for the goalposts normalisation, in the indicator's unit. */
  goalposts?: [number, number];
}

export interface FrameworkDimension {
  /** Stable id (`precarity`). */
  id: string;
  label: string;
  labelEn: string;
  pillar: Pillar;
  /** Weight of the dimension (relative). */
  weight: number;
  description?: string;
}

export interface Framework {
  /** Framework id and version, carried by every result. */
  id: string;
  version: string;
  label: string;
  labelEn: string;
  description?: string;
  /** Relative weights of need and potential in the need × potential reading. */
  pillars: { need: number; potential: number };
  dimensions: FrameworkDimension[];
  indicators: FrameworkIndicator[];
  /**
   * Stems whose empty cells mean "withheld" (secret statistique) rather than "not available":
   * their missing values are flagged `withheld` (Filosofi: MED, TP60, PIMP, NBMENFISC).
   */
  withheldStems?: string[];
}

/** Edits applied on top of the framework: what the UI sliders and editors produce. */
export interface FrameworkChanges {
  indicators?: Record<string, { weight?: number; direction?: 1 | -1; dimension?: string }>;
  dimensions?: Record<string, { weight?: number }>;
  pillars?: { need?: number; potential?: number };
  /** New indicators (from any vintage variable). */
  add?: FrameworkIndicator[];
  /** Ids of indicators to drop. */
  remove?: string[];
}
