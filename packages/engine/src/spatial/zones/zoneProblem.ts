import { EngineError } from '../../errors.ts';
import { type DfsScratch, dfsScratch } from './cutVertices.ts';
import type { ZoneConstraints, ZoneGeometry, ZoneScore, ZoneWeights } from './types.ts';

/** Inputs shared by the candidate-zone search and the zoning evaluation. */
export interface ZoneInputs {
  /** Commune scores, higher = better (NaN = missing: the commune cannot join a candidate zone). */
  scores: Float64Array;
  /** Commune populations (NaN = missing: cannot join). */
  population: Float64Array;
  /** Contiguity of the communes (queen or rook; `borderLengths` for compactness). */
  weights: ZoneWeights;
  /** EPCI code of each commune ('' = none), needed for `sameEpci`. */
  epci?: readonly string[];
  /** Commune names, for the French messages. */
  names?: readonly string[];
  /** Areas and perimeters, for compactness. */
  geometry?: ZoneGeometry;
  /** Custom objective; default: population-weighted mean of the member scores. */
  zoneScore?: ZoneScore;
}

export const CONSTRAINT_DEFAULTS: ZoneConstraints = {
  minPopulation: 0,
  maxPopulation: Number.POSITIVE_INFINITY,
  minCommunes: 1,
  maxCommunes: Number.POSITIVE_INFINITY,
  sameEpci: false,
  excluded: [],
  mustInclude: null,
};

/** Validated inputs with the per-commune flags the search needs. */
export interface ZoneProblem extends ZoneInputs {
  n: number;
  constraints: ZoneConstraints;
  /** 1 when the commune was excluded by the user. */
  excluded: Uint8Array;
  /** 1 when score and population are known (population ≥ 0). */
  known: Uint8Array;
  /** EPCI group of each commune (-1 = none, never joined with another); all 0 when `sameEpci` is off. */
  group: Int32Array;
  /** Rank of the candidate zone a commune already belongs to (0 = free), for disjoint candidates. */
  taken: Int32Array;
  /** Reusable visit marks (a commune is marked when marks[i] === epoch), to avoid allocating sets. */
  scratch: { marks: Int32Array; epoch: number };
  dfs: DfsScratch;
}

function bad(code: string, message: string, details: Record<string, unknown>): never {
  throw new EngineError(code, message, details);
}

function checkArray(name: string, array: { length: number } | undefined, n: number): void {
  if (array && array.length !== n) {
    bad(
      'SPATIAL_LENGTH_MISMATCH',
      `« ${name} » a ${array.length} valeurs pour ${n} communes : il en faut une par commune, dans l'ordre des polygones.`,
      { field: name, length: array.length, expected: n },
    );
  }
}

/**
 * Validates the inputs and constraints of a zone search.
 * @throws EngineError `SPATIAL_LENGTH_MISMATCH`, `ZONES_BAD_CONSTRAINTS` (bounds out of order or
 * not numbers, unknown commune index, `sameEpci` without EPCI codes), `ZONES_BAD_MUST_INCLUDE`
 * (the commune to include is excluded, has no score or population, or does not exist).
 */
export function zoneProblem(inputs: ZoneInputs, constraints: Partial<ZoneConstraints>): ZoneProblem {
  const n = inputs.weights.n;
  checkArray('scores', inputs.scores, n);
  checkArray('population', inputs.population, n);
  checkArray('epci', inputs.epci, n);
  checkArray('names', inputs.names, n);
  const c = { ...CONSTRAINT_DEFAULTS, ...constraints };
  const numbers: [keyof ZoneConstraints, number][] = [
    ['minPopulation', c.minPopulation],
    ['maxPopulation', c.maxPopulation],
    ['minCommunes', c.minCommunes],
    ['maxCommunes', c.maxCommunes],
  ];
  for (const [field, value] of numbers) {
    if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
      bad(
        'ZONES_BAD_CONSTRAINTS',
        `La contrainte « ${field} » doit être un nombre positif (reçu : ${value}).`,
        {
          field,
          value,
        },
      );
    }
  }
  if (c.minPopulation > c.maxPopulation) {
    bad(
      'ZONES_BAD_CONSTRAINTS',
      `La population minimale (${c.minPopulation}) dépasse la population maximale (${c.maxPopulation}).`,
      { field: 'minPopulation', minPopulation: c.minPopulation, maxPopulation: c.maxPopulation },
    );
  }
  if (c.maxCommunes < 1 || c.minCommunes > c.maxCommunes) {
    bad(
      'ZONES_BAD_CONSTRAINTS',
      `Le nombre de communes doit aller de ${c.minCommunes} à ${c.maxCommunes} : le maximum doit être au moins 1 et au moins égal au minimum.`,
      { field: 'maxCommunes', minCommunes: c.minCommunes, maxCommunes: c.maxCommunes },
    );
  }
  if (c.sameEpci && !inputs.epci) {
    bad('ZONES_BAD_CONSTRAINTS', 'Rester dans un seul EPCI demande le code EPCI de chaque commune.', {
      field: 'sameEpci',
    });
  }
  const excluded = new Uint8Array(n);
  for (const i of c.excluded) {
    if (!Number.isInteger(i) || i < 0 || i >= n) {
      bad('ZONES_BAD_CONSTRAINTS', `La commune exclue n°${i} n'existe pas (indices 0 à ${n - 1}).`, {
        field: 'excluded',
        value: i,
      });
    }
    excluded[i] = 1;
  }
  const known = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    known[i] =
      Number.isFinite(inputs.scores[i]) && inputs.population[i]! >= 0 && Number.isFinite(inputs.population[i])
        ? 1
        : 0;
  }
  const group = new Int32Array(n);
  if (c.sameEpci) {
    const ids = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const code = inputs.epci![i]!;
      if (code === '') group[i] = -1;
      else {
        if (!ids.has(code)) ids.set(code, ids.size);
        group[i] = ids.get(code)!;
      }
    }
  }
  const m = c.mustInclude;
  if (m !== null) {
    const label = inputs.names?.[m] ?? `n°${m}`;
    if (!Number.isInteger(m) || m < 0 || m >= n) {
      bad('ZONES_BAD_MUST_INCLUDE', `La commune à inclure n°${m} n'existe pas (indices 0 à ${n - 1}).`, {
        value: m,
      });
    }
    if (excluded[m]) {
      bad('ZONES_BAD_MUST_INCLUDE', `La commune à inclure (${label}) est aussi dans la liste des exclues.`, {
        value: m,
      });
    }
    if (!known[m]) {
      bad(
        'ZONES_BAD_MUST_INCLUDE',
        `La commune à inclure (${label}) n'a pas de score ou de population connus.`,
        {
          value: m,
        },
      );
    }
  }
  return {
    ...inputs,
    n,
    constraints: c,
    excluded,
    known,
    group,
    taken: new Int32Array(n),
    scratch: { marks: new Int32Array(n), epoch: 0 },
    dfs: dfsScratch(n),
  };
}
