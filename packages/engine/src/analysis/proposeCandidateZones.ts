import type { Feature } from 'geojson';
import { score } from '../composite/score.ts';
import type { ScoreConfig } from '../composite/types.ts';
import { EngineError } from '../errors.ts';
import { polygonMeasures } from '../spatial/geometry/polygonMeasures.ts';
import { contiguityWeights } from '../spatial/weights/contiguityWeights.ts';
import { type CandidateZonesOptions, candidateZones } from '../spatial/zones/candidateZones.ts';
import { evaluateZoning } from '../spatial/zones/evaluateZoning.ts';
import type { ZoneConstraints, ZoneStopCode } from '../spatial/zones/types.ts';
import type { ZoneInputs } from '../spatial/zones/zoneProblem.ts';
import type { Vintage, ZoningLevel } from '../vintage/types.ts';
import { territoryValues } from './territoryValues.ts';

/** Constraints as a user gives them: commune codes rather than indices. */
export interface CandidateZoneRequest {
  /** The commune scoring that ranks communes (its level is forced to `commune`). Default `{}`. */
  config: ScoreConfig;
  /** What a zone maximises: the population-weighted mean of this value over its communes. Default `score`. */
  objective: 'score' | 'need' | 'potential';
  minPopulation: number;
  maxPopulation: number;
  minCommunes: number;
  maxCommunes: number;
  sameEpci: boolean;
  /** Commune codes that may not be in any zone. */
  excluded: string[];
  /** A commune code every zone must contain. */
  mustInclude: string | null;
  /** Candidates wanted. Default 5. */
  count: number;
  seed: number;
  restarts: number;
  /** Existing zonings compared on the same footing. Default EPCI, bassins de vie, cantons (those the vintage has). */
  compare: string[];
}

export const defaultCandidateZoneRequest: CandidateZoneRequest = {
  config: {},
  objective: 'score',
  minPopulation: 0,
  maxPopulation: Number.POSITIVE_INFINITY,
  minCommunes: 1,
  maxCommunes: Number.POSITIVE_INFINITY,
  sameEpci: false,
  excluded: [],
  mustInclude: null,
  count: 5,
  seed: 1,
  restarts: 2,
  compare: ['epci', 'bv2012', 'canton'],
};

export interface ProposedZone {
  /** `Z1`, `Z2`, ... in rank order. */
  id: string;
  /** A readable name: the most populous member and the number of communes. */
  name: string;
  rank: number;
  members: string[];
  memberNames: string[];
  seed: string;
  population: number;
  communes: number;
  compactness: number | null;
  /** The objective (population-weighted mean of the communes' values). */
  objectiveScore: number;
  /** The composite score of the zone as one territory, scored with the compared zonings. */
  compositeScore: number | null;
  /** Rank among the candidates and the compared zonings' units on the composite. */
  compositeRank: number | null;
  /** 5th-95th percentile of the composite rank under the robustness module's perturbations (`addRankIntervals`). */
  rankInterval?: RankIntervalSummary;
  stop: { code: ZoneStopCode; message: string; neighbour: string | null };
}

export interface RankIntervalSummary {
  p05: number | null;
  p95: number | null;
  medianRank: number | null;
  /** Probability of staying in the top k (k = `topK` of the proposal's intervals). */
  pTopK: number;
}

export interface ComparedUnit {
  code: string;
  name: string;
  objectiveScore: number | null;
  objectiveRank: number;
  population: number;
  communes: number;
  compactness: number | null;
  pieces: number;
  compositeScore: number | null;
  compositeRank: number | null;
  rankInterval?: RankIntervalSummary;
}

export interface CandidateZoneProposal {
  request: Omit<CandidateZoneRequest, 'config'> & { level: 'commune' };
  objectiveLabel: string;
  candidates: ProposedZone[];
  zonings: { level: string; label: string; units: ComparedUnit[] }[];
  explored: { seeds: number; runs: number; feasible: number; distinct: number };
  message: string;
  scoreHash: string;
  synthetic: boolean;
  /** The commune scoring configuration the zones were searched with. */
  config: ScoreConfig;
  /** Every zone and compared unit as a group of commune codes: what the composite scored together. */
  groups: { id: string; name: string; members: string[] }[];
  /** Set by `addRankIntervals`. */
  intervals?: { replicates: number; topK: number; seed: number };
}

const finiteOrNull = (x: number) => (Number.isFinite(x) ? x : null);
const unitName = (level: ZoningLevel, code: string) => level.units.find((u) => u.code === code)?.name ?? code;

/**
 * Proposes candidate PTCE zones: contiguous groups of communes in scope that satisfy the user's
 * constraints and maximise the population-weighted mean of the communes' score (or need, or
 * potential), found by the region-growing search of `candidateZones` (greedy growth from every
 * seed, randomised restarts, local improvement; seeded). The chosen zones and the units of the
 * existing zonings (EPCI, bassins de vie, cantons) are then put on the same footing twice: with
 * the same objective (`evaluateZoning`), and as territories of one composite scoring (`score` at
 * the `groups` level, where every zone and unit is a group of communes normalised together).
 *
 * Complexity: dominated by the search, O(seeds × restarts × zone size × neighbours).
 *
 * @throws {EngineError} every code of `score`, and `UNKNOWN_COMMUNE` for a code in the constraints.
 * @example proposeCandidateZones(vintage, communeFeatures, { minPopulation: 20000, maxPopulation: 60000 })
 */
export function proposeCandidateZones(
  vintage: Vintage,
  communeFeatures: readonly Feature[],
  request: Partial<CandidateZoneRequest> = {},
): CandidateZoneProposal {
  const r = { ...defaultCandidateZoneRequest, ...request };
  const config: ScoreConfig = { ...r.config, level: 'commune', explain: { detail: 'summary' } };
  const result = score(vintage, config);
  const { communes } = vintage;
  // Zones are made of communes of the scope that have a polygon.
  const features = communeFeatures.filter(
    (f) => communes.inScope[communes.index.get(String(f.properties?.code)) ?? -1] === 1,
  );
  const codes = features.map((f) => String(f.properties?.code));
  const rows = codes.map((c) => communes.index.get(c) as number);
  const { values, label } = territoryValues(result, r.objective, codes);
  const popId = vintage.aliases.latest.POP;
  const population = Float64Array.from(rows, (i) => (popId ? communes.columns[popId][i] : Number.NaN));
  const indexOf = (code: string, field: string) => {
    const k = codes.indexOf(code);
    if (k < 0) {
      throw new EngineError('UNKNOWN_COMMUNE', `${field} : commune ${code} inconnue ou hors du périmètre.`, {
        field,
        value: code,
      });
    }
    return k;
  };
  const weights = contiguityWeights(features as Feature[], { borderLengths: true });
  const inputs: ZoneInputs = {
    scores: values,
    population,
    weights,
    epci: rows.map((i) => communes.zonings.epci?.[i] ?? ''),
    names: rows.map((i) => communes.names[i]),
    geometry: polygonMeasures(features as Feature[]),
  };
  const constraints: ZoneConstraints = {
    minPopulation: r.minPopulation,
    maxPopulation: r.maxPopulation,
    minCommunes: r.minCommunes,
    maxCommunes: r.maxCommunes,
    sameEpci: r.sameEpci,
    excluded: r.excluded.map((c, k) => indexOf(c, `excluded[${k}]`)),
    mustInclude: r.mustInclude === null ? null : indexOf(r.mustInclude, 'mustInclude'),
  };
  const options: Partial<CandidateZonesOptions> = { count: r.count, seed: r.seed, restarts: r.restarts };
  const found = candidateZones(inputs, constraints, options);

  const compareLevels = r.compare.filter((id) => vintage.zonings.some((z) => z.id === id));
  const evaluations = compareLevels.map((id) => ({
    level: vintage.zonings.find((z) => z.id === id)!,
    units: evaluateZoning(
      inputs,
      rows.map((i) => communes.zonings[id]?.[i] ?? ''),
    ),
  }));

  // One composite scoring over every zone and unit, as groups of communes.
  const groups = [
    ...found.candidates.map((c, k) => ({
      id: `Z${k + 1}`,
      name: `Zone ${k + 1}`,
      members: Array.from(c.members, (m) => codes[m]),
    })),
    ...evaluations.flatMap((e) =>
      e.units.map((u) => ({
        id: `${e.level.id}:${u.code}`,
        name: unitName(e.level, u.code),
        members: Array.from(u.members, (m) => codes[m]),
      })),
    ),
  ].filter((g) => g.members.length > 0);
  const composite = groups.length > 0 ? score(vintage, { ...config, level: 'groups', groups }) : null;
  const byGroup = new Map(composite?.territories.map((t) => [t.code, t]) ?? []);

  const candidates: ProposedZone[] = found.candidates.map((c, k) => {
    const members = Array.from(c.members);
    const largest = members.reduce(
      (a, b) => ((population[b] ?? 0) > (population[a] ?? 0) ? b : a),
      members[0],
    );
    const t = byGroup.get(`Z${k + 1}`);
    return {
      id: `Z${k + 1}`,
      name: `${communes.names[rows[largest]]} et ${members.length - 1} commune${members.length > 2 ? 's' : ''}`,
      rank: c.rank,
      members: members.map((m) => codes[m]),
      memberNames: members.map((m) => communes.names[rows[m]]),
      seed: codes[c.seed],
      population: c.population,
      communes: c.communes,
      compactness: finiteOrNull(c.compactness),
      objectiveScore: c.score,
      compositeScore: t?.score ?? null,
      compositeRank: t?.rank ?? null,
      stop: {
        code: c.stop.code,
        message: c.stop.message,
        neighbour: c.stop.neighbour >= 0 ? codes[c.stop.neighbour] : null,
      },
    };
  });
  const { config: _config, ...rest } = r;
  return {
    request: { ...rest, level: 'commune' },
    objectiveLabel: label,
    candidates,
    zonings: evaluations.map((e) => ({
      level: e.level.id,
      label: e.level.label,
      units: e.units.map((u) => {
        const t = byGroup.get(`${e.level.id}:${u.code}`);
        return {
          code: u.code,
          name: unitName(e.level, u.code),
          objectiveScore: finiteOrNull(u.score),
          objectiveRank: u.rank,
          population: u.population,
          communes: u.communes,
          compactness: finiteOrNull(u.compactness),
          pieces: u.pieces,
          compositeScore: t?.score ?? null,
          compositeRank: t?.rank ?? null,
        };
      }),
    })),
    explored: found.explored,
    message: found.message,
    scoreHash: result.hash,
    synthetic: result.synthetic,
    config: r.config,
    groups,
  };
}
