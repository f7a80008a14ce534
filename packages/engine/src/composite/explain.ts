import { CellFlag, type CellFlagName, flagNames } from './flags.ts';
import {
  type Caveat,
  type IndicatorExplanation,
  type IndicatorMatrix,
  type ResolvedScoreConfig,
  type ScoringOutput,
  type ScoringPlan,
  type StrengthOrWeakness,
  type TerritoryResult,
  TerritoryStatus,
} from './types.ts';

const num = (v: number): number | null => (Number.isFinite(v) ? v : null);

const CAVEAT_TEXT: Record<CellFlagName, string> = {
  missing: 'Valeur manquante (le poids est reporté sur les autres indicateurs de la dimension)',
  withheld: 'Valeur non diffusée par l’Insee (secret statistique)',
  estimated:
    'Valeur estimée (statistique non additive moyennée sur les communes membres, ou couverture partielle)',
  imputed: 'Valeur imputée par la méthode choisie',
  synthetic: 'Données simulées (couche ESS de démonstration) : ne pas utiliser pour décider',
  treated: 'Valeur extrême écrêtée ou transformée (traitement des valeurs aberrantes)',
};
const CAVEAT_ORDER = Object.keys(CAVEAT_TEXT) as CellFlagName[];

/**
 * Builds the explanation of territories from a scoring run — only when asked (the scoring core
 * allocates nothing per territory): rank, score, need, potential and dimension scores; for each
 * indicator its raw value, the value used (imputed, treated), its normalised value and its
 * contribution; strengths and weaknesses; caveats; why it was set aside. With
 * `explain.detail: 'summary'`, the per-indicator list, strengths and weaknesses are given only
 * for `explain.territories` (the others keep ranks, scores, dimensions and caveats); with
 * `'ranking'`, the others keep ranks, scores and dimensions only (a table that follows a weight
 * slider needs no more: four times smaller than `summary`).
 *
 * Lists that repeat are shared and frozen, not copied: a territory's caveat list is the same
 * array as that of every territory with the same caveats, and the empty lists of territories
 * explained without detail are one array.
 *
 * - **contribution**: the points the indicator adds to its pillar (need × potential reading) or to
 *   the composite (composite reading): w_j z_j / Σw (available indicators of the dimension) ×
 *   W_d / ΣW (available dimensions of the pillar, or all). Exact for arithmetic aggregation (the
 *   contributions of a pillar add up to it); an arithmetic approximation for geometric and
 *   harmonic means; effective weight × normalised value for Copeland and TOPSIS.
 * - **strengths / weaknesses**: the indicators whose raw value is furthest above / below the
 *   reference territory's (the département), in standard deviations of the ranked territories,
 *   direction applied — "what argues for / against this territory as a PTCE site".
 *
 * Complexity: O(n × m) for the caveat signatures and, when a territory is detailed, the column
 * statistics; then O(d) per territory, O(m) per detailed one.
 *
 * @example explain(matrix, config, plan, out, [out.order[0]])[0].strengths[0].id // the best territory's top strength
 */
export function explain(
  matrix: IndicatorMatrix,
  config: ResolvedScoreConfig,
  plan: ScoringPlan,
  out: ScoringOutput,
  territories?: readonly number[],
): TerritoryResult[] {
  const { n, m } = matrix;
  const always = new Set(config.explain.territories);
  const x: Explaining = {
    matrix,
    config,
    plan,
    out,
    byPillar: config.methods.aggregation.reading === 'needPotential',
    linear:
      config.methods.aggregation.method === 'copeland' || config.methods.aggregation.method === 'topsis',
    full: config.explain.detail === 'full',
    ranking: config.explain.detail === 'ranking',
    always,
    anyListed: always.size > 0,
    dimensionKeys: propertyKeys(plan.dimensionIds),
    sd: null,
    dimAvail: new Float64Array(plan.dimensionIds.length),
    groupAvail: new Float64Array(2),
    gap: new Float64Array(m),
    caveatLists: new CaveatLists(matrix, plan, out, config),
  };
  if (territories) return territories.map((i) => territoryResult(x, i));
  // Every territory, built in territory order (the typed arrays are read in sequence) and placed
  // where the list wants it: ranked ones by rank, then the others by code.
  const results: TerritoryResult[] = new Array(n);
  let others = out.ranked;
  for (let i = 0; i < n; i++) {
    const rank = out.rank[i]!;
    results[rank > 0 ? rank - 1 : others++] = territoryResult(x, i);
  }
  return results;
}

/** What the explanation of one run shares between territories (options, scratch, caveat lists). */
interface Explaining {
  matrix: IndicatorMatrix;
  config: ResolvedScoreConfig;
  plan: ScoringPlan;
  out: ScoringOutput;
  byPillar: boolean;
  linear: boolean;
  full: boolean;
  ranking: boolean;
  always: Set<string>;
  anyListed: boolean;
  /** The dimension ids as property keys (internalised strings: stores under them take the fast path). */
  dimensionKeys: string[];
  /** Column statistics for strengths and weaknesses, computed when a territory is detailed. */
  sd: Float64Array | null;
  dimAvail: Float64Array;
  groupAvail: Float64Array;
  gap: Float64Array;
  caveatLists: CaveatLists;
}

/** The explanation of territory i. */
function territoryResult(x: Explaining, i: number): TerritoryResult {
  const { matrix, out } = x;
  const status = out.status[i]!;
  const ranked = status === TerritoryStatus.ranked;
  const listed = x.anyListed && x.always.has(matrix.codes[i]!);
  const detailed = x.full || listed;
  return {
    code: matrix.codes[i]!,
    name: matrix.names[i]!,
    rank: out.rank[i]! > 0 ? out.rank[i]! : null,
    score: ranked ? num(out.score[i]!) : null,
    need: num(out.need[i]!),
    potential: num(out.potential[i]!),
    dimensions: dimensionRecord(x.dimensionKeys, out.dimensionScores, matrix.n, i),
    setAside: ranked ? null : setAside(status, i, matrix, out, x.config),
    dataCoverage: out.dataCoverage[i]!,
    population: num(matrix.population[i]!),
    members: matrix.memberOffsets[i + 1]! - matrix.memberOffsets[i]!,
    membersInScope: matrix.membersInScope[i]!,
    complete: matrix.complete[i] === 1,
    includesOutsideScope: matrix.includesOutsideScope[i] === 1,
    indicators: detailed ? explainIndicators(x, i) : NONE,
    strengths: detailed ? extremeGaps(x.gap, 1, x.config.explain.strengths, matrix, x.config, i) : NONE,
    weaknesses: detailed ? extremeGaps(x.gap, -1, x.config.explain.strengths, matrix, x.config, i) : NONE,
    caveats: x.ranking && !listed ? NONE : x.caveatLists.of(i),
  };
}

/**
 * Territory i's per-indicator explanation; leaves in `x.gap` each indicator's gap to the reference
 * in standard deviations (for strengths and weaknesses).
 */
function explainIndicators(x: Explaining, i: number): IndicatorExplanation[] {
  const { matrix, plan, out, dimAvail, groupAvail, gap, byPillar } = x;
  const { n, m } = matrix;
  const d = plan.dimensionIds.length;
  const indicators = x.config.framework.indicators;
  const ranked = out.status[i] === TerritoryStatus.ranked;
  if (!x.sd) x.sd = rankedStandardDeviations(matrix, out);
  const sd = x.sd;
  // Available weights per dimension and per pillar for this territory (re-spread over what exists).
  dimAvail.fill(0);
  groupAvail.fill(0);
  for (let j = 0; j < m; j++) {
    const t = plan.indicatorDimension[j]!;
    if (t >= 0 && !Number.isNaN(out.normalised[j * n + i]!)) dimAvail[t]! += plan.indicatorWeight[j]!;
  }
  for (let t = 0; t < d; t++) {
    if (dimAvail[t]! > 0 && plan.dimensionWeight[t]! > 0) {
      groupAvail[byPillar ? plan.dimensionPillar[t]! : 0]! += plan.dimensionWeight[t]!;
    }
  }
  const explained: IndicatorExplanation[] = new Array(m);
  for (let j = 0; j < m; j++) {
    const cell = j * n + i;
    const t = plan.indicatorDimension[j]!;
    // Gap to the reference in standard deviations, direction applied (NaN when not comparable).
    const v = matrix.values[cell]!;
    const ref = matrix.reference.values[j]!;
    gap[j] = t >= 0 && sd[j]! > 0 ? (plan.direction[j]! * (v - ref)) / sd[j]! : Number.NaN;
    const z = out.normalised[cell]!;
    let contribution: number | null = null;
    if (ranked && t >= 0 && !Number.isNaN(z)) {
      contribution = x.linear
        ? plan.effectiveWeight[j]! * z
        : ((plan.indicatorWeight[j]! * z) / dimAvail[t]!) *
          (plan.dimensionWeight[t]! / groupAvail[byPillar ? plan.dimensionPillar[t]! : 0]!);
    }
    explained[j] = {
      id: indicators[j]!.id,
      raw: num(matrix.values[cell]!),
      value: num(out.values[cell]!),
      normalised: num(z),
      contribution: contribution === null ? null : num(contribution),
      coverage: num(matrix.coverage[cell]!),
      flags: flagNames(out.flags[cell]!),
    };
  }
  return explained;
}

/**
 * One empty list for every territory explained without detail (no per-indicator list, strengths
 * or weaknesses, caveats in the `ranking` detail): shared and frozen, as the caveats are.
 */
const NONE = Object.freeze([]) as unknown as never[];

/**
 * The same strings as property keys of an object: ids read from JSON values are not the engine's
 * internalised strings, and a property store under such a key looks the key up every time.
 * Duplicates are kept (a record takes the last value, as key-by-key assignment would).
 */
function propertyKeys(ids: readonly string[]): string[] {
  const keyed: Record<string, number> = {};
  for (const id of ids) keyed[id] = 0;
  const keys = new Map(Object.keys(keyed).map((key) => [key, key]));
  return ids.map((id) => keys.get(id) ?? id);
}

/**
 * Territory i's dimension scores as `{ [dimension id]: score | null }`, the same keys in the same
 * order for every territory (one object shape).
 */
function dimensionRecord(
  ids: readonly string[],
  scores: Float64Array,
  n: number,
  i: number,
): Record<string, number | null> {
  const record: Record<string, number | null> = {};
  for (let t = 0; t < ids.length; t++) record[ids[t]!] = num(scores[t * n + i]!);
  return record;
}

/** Sample standard deviation of each raw column over the ranked territories (Welford). */
function rankedStandardDeviations(matrix: IndicatorMatrix, out: ScoringOutput): Float64Array {
  const { n, m } = matrix;
  const sd = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    let c = 0;
    let mean = 0;
    let m2 = 0;
    for (let i = 0; i < n; i++) {
      if (out.status[i] !== TerritoryStatus.ranked) continue;
      const v = matrix.values[j * n + i]!;
      if (Number.isNaN(v)) continue;
      c++;
      const delta = v - mean;
      mean += delta / c;
      m2 += delta * (v - mean);
    }
    sd[j] = c > 1 ? Math.sqrt(m2 / (c - 1)) : Number.NaN;
  }
  return sd;
}

/** The `count` largest gaps of the given sign (strengths: +1, weaknesses: −1), largest first. */
function extremeGaps(
  gap: Float64Array,
  sign: 1 | -1,
  count: number,
  matrix: IndicatorMatrix,
  config: ResolvedScoreConfig,
  i: number,
): StrengthOrWeakness[] {
  const picked: number[] = [];
  for (let j = 0; j < gap.length; j++) {
    const g = sign * gap[j]!;
    if (!(g > 0)) continue;
    let p = picked.length;
    while (p > 0 && sign * gap[picked[p - 1]!]! < g) p--;
    if (p < count) {
      picked.splice(p, 0, j);
      if (picked.length > count) picked.pop();
    }
  }
  return picked.map((j) => ({
    id: config.framework.indicators[j]!.id,
    label: config.framework.indicators[j]!.label,
    gap: gap[j]!,
    value: matrix.values[j * matrix.n + i]!,
    reference: matrix.reference.values[j]!,
  }));
}

function setAside(
  status: number,
  i: number,
  matrix: IndicatorMatrix,
  out: ScoringOutput,
  config: ResolvedScoreConfig,
): TerritoryResult['setAside'] {
  if (status === TerritoryStatus.ranked) return null;
  if (status === TerritoryStatus.filtered) {
    const f = config.filters;
    const pop = matrix.population[i]!;
    const parts = [];
    if (f.minPopulation !== undefined || f.maxPopulation !== undefined) {
      parts.push(
        `population ${Number.isNaN(pop) ? 'inconnue' : Math.round(pop)} (bornes ${f.minPopulation ?? 0} – ${f.maxPopulation ?? '∞'})`,
      );
    }
    if (f.departements?.length) parts.push(`départements retenus : ${f.departements.join(', ')}`);
    return { reason: 'filtered', message: `Écarté par les filtres : ${parts.join(' ; ')}.` };
  }
  if (status === TerritoryStatus.insufficientData) {
    const share = out.dataCoverage[i]!;
    const have = Math.round(share * out.activeIndicators);
    return {
      reason: 'insufficientData',
      message: `Données insuffisantes : ${have} indicateurs renseignés sur ${out.activeIndicators} (${Math.round(share * 100)} %), sous le seuil de ${Math.round(config.methods.screening.minCoverage * 100)} %.`,
    };
  }
  return {
    reason: 'noScore',
    message:
      'Pas de score : les besoins ou le potentiel ne peuvent pas être calculés (aucun indicateur renseigné dans l’un des deux piliers).',
  };
}

/**
 * Caveats repeat across territories (the synthetic ESS layer concerns every one of them): equal
 * caveats are one frozen object, shared — a result for 35,000 communes does not hold 35,000 copies.
 */
class SharedCaveats {
  private readonly byKey = new Map<string | number, Caveat>();

  /** The caveat under `key`, built (and frozen) the first time only. */
  get(key: string | number, build: () => Caveat): Caveat {
    let c = this.byKey.get(key);
    if (!c) {
      c = build();
      Object.freeze(c.indicators);
      Object.freeze(c);
      this.byKey.set(key, c);
    }
    return c;
  }
}

/**
 * The caveat list of each territory. Most territories share their list with many others (the
 * same indicators missing or simulated): a list is identified by a signature — the territory's
 * flags on the active indicators (four to a word), then one word for its membership and coverage
 * caveats: all the list depends on — and built, frozen, once per signature. Signatures and their
 * hashes are computed for every territory at once, in sequential passes over the columns.
 */
class CaveatLists {
  private readonly shared = new SharedCaveats();
  private slots: (SignatureEntry | undefined)[] = new Array(64).fill(undefined);
  private count = 0;
  private last: SignatureEntry | null = null;
  /** Signature word w of territory i is `words[w * n + i]` (built on first use), its hash `hashes[i]`. */
  private words: Int32Array | null = null;
  private hashes: Int32Array | null = null;
  private length = 0;

  constructor(
    private readonly matrix: IndicatorMatrix,
    private readonly plan: ScoringPlan,
    private readonly out: ScoringOutput,
    private readonly config: ResolvedScoreConfig,
  ) {}

  private signatures(): void {
    const { matrix, out } = this;
    const { n, m } = matrix;
    const flags = out.flags;
    const bases: number[] = [];
    for (let j = 0; j < m; j++) if (this.plan.indicatorDimension[j]! >= 0) bases.push(j * n);
    const flagWords = (bases.length + 3) >> 2;
    const length = flagWords + 1;
    const words = new Int32Array(length * n);
    for (let w = 0; w < flagWords; w++) {
      const off = w * n;
      // Four columns at a time; a missing fourth (third...) column reads as 0.
      const [b0 = -1, b1 = -1, b2 = -1, b3 = -1] = bases.slice(4 * w, 4 * w + 4);
      if (b3 >= 0) {
        for (let i = 0; i < n; i++) {
          words[off + i] =
            flags[b0 + i]! | (flags[b1 + i]! << 8) | (flags[b2 + i]! << 16) | (flags[b3 + i]! << 24);
        }
      } else {
        for (let i = 0; i < n; i++) {
          words[off + i] =
            flags[b0 + i]! | (b1 >= 0 ? flags[b1 + i]! << 8 : 0) | (b2 >= 0 ? flags[b2 + i]! << 16 : 0);
        }
      }
    }
    // Membership and coverage: incomplete (1 bit), members outside the scope + 1 (23 bits, 0 = no
    // such caveat), partial-data percent + 1 (7 bits, 0 = none).
    const off = flagWords * n;
    for (let i = 0; i < n; i++) {
      const outside =
        matrix.includesOutsideScope[i] === 1
          ? matrix.memberOffsets[i + 1]! - matrix.memberOffsets[i]! - matrix.membersInScope[i]! + 1
          : 0;
      const percent =
        out.dataCoverage[i]! < 1 && out.status[i] !== TerritoryStatus.filtered
          ? Math.round(out.dataCoverage[i]! * 100) + 1
          : 0;
      words[off + i] =
        (matrix.complete[i] === 0 ? 1 : 0) | (Math.min(outside, 0x7fffff) << 1) | (percent << 24);
    }
    const hashes = new Int32Array(n);
    for (let w = 0; w < length; w++) {
      const at = w * n;
      for (let i = 0; i < n; i++) hashes[i] = Math.imul(hashes[i]! ^ words[at + i]!, 0x9e3779b1);
    }
    this.words = words;
    this.hashes = hashes;
    this.length = length;
  }

  /** Territory i's caveats: a shared, frozen list. */
  of(i: number): Caveat[] {
    if (!this.words) this.signatures();
    const words = this.words!;
    const n = this.matrix.n;
    const length = this.length;
    const hash = this.hashes![i]!;
    // Neighbouring territories often have the same caveats.
    const last = this.last;
    if (last !== null && last.hash === hash && sameSignature(last.signature, words, i, n, length)) {
      return last.list;
    }
    // Open addressing with linear probing: few distinct signatures, found at the first probe.
    const slots = this.slots;
    let at = hash & (slots.length - 1);
    for (let entry = slots[at]; entry !== undefined; entry = slots[at]) {
      if (entry.hash === hash && sameSignature(entry.signature, words, i, n, length)) {
        this.last = entry;
        return entry.list;
      }
      at = (at + 1) & (slots.length - 1);
    }
    const signature = new Int32Array(length);
    for (let w = 0; w < length; w++) signature[w] = words[w * n + i]!;
    const list = Object.freeze(
      caveats(i, this.matrix, this.plan, this.out, this.config, this.shared),
    ) as Caveat[];
    const entry = { signature, hash, list };
    slots[at] = entry;
    this.last = entry;
    if (++this.count * 2 > slots.length) this.grow();
    return list;
  }

  /** Doubles the table of signatures. */
  private grow(): void {
    const slots: (SignatureEntry | undefined)[] = new Array(this.slots.length * 2).fill(undefined);
    for (const entry of this.slots) {
      if (entry === undefined) continue;
      let at = entry.hash & (slots.length - 1);
      while (slots[at] !== undefined) at = (at + 1) & (slots.length - 1);
      slots[at] = entry;
    }
    this.slots = slots;
  }
}

interface SignatureEntry {
  signature: Int32Array;
  hash: number;
  list: Caveat[];
}

/** Whether territory i's signature (word w at `words[w * n + i]`) is `signature`. */
function sameSignature(
  signature: Int32Array,
  words: Int32Array,
  i: number,
  n: number,
  length: number,
): boolean {
  for (let w = 0; w < length; w++) if (signature[w] !== words[w * n + i]) return false;
  return true;
}

function caveats(
  i: number,
  matrix: IndicatorMatrix,
  plan: ScoringPlan,
  out: ScoringOutput,
  config: ResolvedScoreConfig,
  shared: SharedCaveats,
): Caveat[] {
  const n = matrix.n;
  const result: Caveat[] = [];
  // Which bits occur at all for this territory (most territories have two or three).
  let seen = 0;
  for (let j = 0; j < matrix.m; j++) if (plan.indicatorDimension[j]! >= 0) seen |= out.flags[j * n + i]!;
  // Per caveat, the set of indicators it concerns, as a bit mask (indicators 0..29) or a list.
  const small = matrix.m <= 30;
  for (let f = 0; seen !== 0 && f < CAVEAT_ORDER.length; f++) {
    const name = CAVEAT_ORDER[f]!;
    const bit = CellFlag[name];
    if (!(seen & bit)) continue;
    let mask = 0;
    let list = '';
    for (let j = 0; j < matrix.m; j++) {
      if (plan.indicatorDimension[j]! < 0) continue;
      const flags = out.flags[j * n + i]!;
      // An imputed cell is reported as imputed, not as missing.
      if (!(flags & bit) || (name === 'missing' && flags & CellFlag.imputed)) continue;
      if (small) mask |= 1 << j;
      else list += `,${j}`;
    }
    if (mask === 0 && list === '') continue;
    const key = small ? mask * 8 + f : `${name}${list}`;
    result.push(
      shared.get(key, () => {
        const ids: string[] = [];
        const listed = list.split(',');
        for (let j = 0; j < matrix.m; j++) {
          if (small ? mask & (1 << j) : listed.includes(String(j)))
            ids.push(config.framework.indicators[j]!.id);
        }
        return { code: name, message: CAVEAT_TEXT[name], indicators: ids };
      }),
    );
  }
  if (matrix.complete[i] === 0) {
    result.push(
      shared.get('incomplete', () => ({
        code: 'incomplete',
        message:
          'Toutes les communes membres ne sont pas dans le millésime : les totaux de ce territoire sont incomplets.',
        indicators: [],
      })),
    );
  }
  if (matrix.includesOutsideScope[i] === 1) {
    const outside = matrix.memberOffsets[i + 1]! - matrix.memberOffsets[i]! - matrix.membersInScope[i]!;
    result.push(
      shared.get(`outsideScope:${outside}`, () => ({
        code: 'outsideScope',
        message: `Comprend ${outside} commune(s) hors du périmètre étudié, comptées pour que les totaux soient complets.`,
        indicators: [],
      })),
    );
  }
  if (out.dataCoverage[i]! < 1 && out.status[i] !== TerritoryStatus.filtered) {
    const percent = Math.round(out.dataCoverage[i]! * 100);
    result.push(
      shared.get(-1 - percent, () => ({
        code: 'partialData',
        message: `Score calculé sur ${percent} % des indicateurs.`,
        indicators: [],
      })),
    );
  }
  return result;
}
