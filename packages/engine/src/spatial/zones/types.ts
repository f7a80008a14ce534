import type { NeighbourGraph } from '../weights/types.ts';

/** User constraints on a candidate PTCE zone. Defaults: no bound, any EPCI, nothing excluded. */
export interface ZoneConstraints {
  /** Minimum population of a zone (inhabitants). Default 0. */
  minPopulation: number;
  /** Maximum population. Default Infinity. */
  maxPopulation: number;
  /** Minimum number of communes. Default 1. */
  minCommunes: number;
  /** Maximum number of communes. Default Infinity. */
  maxCommunes: number;
  /** Keep every zone inside a single EPCI (needs `epci`). Default false. */
  sameEpci: boolean;
  /** Communes (indices) that may not belong to any zone. */
  excluded: readonly number[];
  /** A commune (index) that every zone must contain; null = none. */
  mustInclude: number | null;
}

/**
 * Score of a group of communes; higher is better. NaN or ±Infinity means "cannot be scored" and
 * the group is never chosen. Receives the member indices (unsorted, not to be modified).
 */
export type ZoneScore = (members: readonly number[]) => number;

/** Geometry needed for compactness: commune areas and perimeters (km², km); border lengths come from the weights. */
export interface ZoneGeometry {
  area: Float64Array;
  perimeter: Float64Array;
}

/** Contiguity used by the zones: CSR links, with border lengths (km) when compactness is wanted. */
export type ZoneWeights = NeighbourGraph & { n: number; borderLengths?: Float64Array };

/** Why a zone stopped growing where it did. */
export type ZoneStopCode =
  /** The best-scoring neighbour would push the population above the maximum. */
  | 'populationMax'
  /** The zone has the maximum number of communes. */
  | 'communesMax'
  /** The best-scoring neighbour belongs to another EPCI. */
  | 'epciBoundary'
  /** The best-scoring neighbour was excluded by the user. */
  | 'excluded'
  /** The best-scoring neighbour already belongs to a better candidate zone. */
  | 'taken'
  /** No neighbour that could join would raise the score. */
  | 'noBetterNeighbour'
  /** The zone has no neighbour left (island, or the whole connected area is in it). */
  | 'noNeighbour';

export interface ZoneStop {
  code: ZoneStopCode;
  /** Plain-French explanation for the report. */
  message: string;
  /** The neighbour that decided it (the best-scoring one that could not join), or -1. */
  neighbour: number;
  /** Neighbours outside the zone, by what kept them out. */
  blocked: {
    excluded: number;
    /** Already in a better candidate zone. */
    taken: number;
    missingData: number;
    otherEpci: number;
    populationMax: number;
    communesMax: number;
    /** Could join but would lower (or not raise) the score. */
    worse: number;
  };
}

export interface CandidateZone {
  /** 1 = best. */
  rank: number;
  /** Member commune indices, increasing. */
  members: Int32Array;
  /** The commune the zone grew from. */
  seed: number;
  /** Objective value (population-weighted mean score by default). */
  score: number;
  population: number;
  communes: number;
  /** Polsby–Popper compactness 4πA/P² in (0, 1] (1 = disc); NaN without geometry. */
  compactness: number;
  stop: ZoneStop;
}
