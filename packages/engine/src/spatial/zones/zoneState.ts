import type { ZoneProblem } from './zoneProblem.ts';

/**
 * A zone being built: its members, a membership flag per commune, its population and the sum of
 * population × score (so the default objective is updated in O(1)).
 */
export class ZoneState {
  readonly members: number[] = [];
  readonly inZone: Uint8Array;
  population = 0;
  weightedScore = 0;
  /** EPCI group of the zone (that of its first member). */
  group: number;

  /**
   * @param touched when given, every commune the zone looks at (members and frontier) is marked
   * in it: if none of them changes status, growing the zone again gives the same result.
   */
  constructor(
    private readonly problem: ZoneProblem,
    first: number,
    private readonly touched: Uint8Array | null = null,
  ) {
    this.inZone = new Uint8Array(problem.n);
    this.group = problem.group[first]!;
    this.add(first);
  }

  has = (i: number): boolean => this.inZone[i] === 1;

  add(i: number): void {
    if (this.touched) this.touched[i] = 1;
    this.members.push(i);
    this.inZone[i] = 1;
    this.population += this.problem.population[i]!;
    this.weightedScore += this.problem.population[i]! * this.problem.scores[i]!;
  }

  remove(i: number): void {
    this.members.splice(this.members.indexOf(i), 1);
    this.inZone[i] = 0;
    this.population -= this.problem.population[i]!;
    this.weightedScore -= this.problem.population[i]! * this.problem.scores[i]!;
  }

  /** Neighbours of the zone that are not in it, each once, in a stable order. */
  frontier(): number[] {
    const { offsets, neighbours } = this.problem.weights;
    const seen = this.problem.scratch;
    const stamp = ++seen.epoch;
    const out: number[] = [];
    for (const i of this.members) {
      for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
        const j = neighbours[k]!;
        if (this.inZone[j] || seen.marks[j] === stamp) continue;
        seen.marks[j] = stamp;
        out.push(j);
        if (this.touched) this.touched[j] = 1;
      }
    }
    return out;
  }

  /** Objective of the zone, or of the zone with `plus` added / `minus` removed (-1 = none). */
  score(plus = -1, minus = -1): number {
    const { zoneScore, population, scores } = this.problem;
    let value: number;
    if (zoneScore) {
      const members = this.members.filter((i) => i !== minus);
      if (plus >= 0) members.push(plus);
      value = zoneScore(members);
    } else {
      let pop = this.population;
      let weighted = this.weightedScore;
      if (plus >= 0) {
        pop += population[plus]!;
        weighted += population[plus]! * scores[plus]!;
      }
      if (minus >= 0) {
        pop -= population[minus]!;
        weighted -= population[minus]! * scores[minus]!;
      }
      value = weighted / pop;
    }
    return Number.isFinite(value) ? value : Number.NEGATIVE_INFINITY;
  }

  /** True when the zone meets the lower bounds (population, number of communes). */
  feasible(): boolean {
    const c = this.problem.constraints;
    return this.population >= c.minPopulation && this.members.length >= c.minCommunes;
  }
}

/** What keeps commune j out of the zone, or null when it may join. */
export type Block = 'excluded' | 'taken' | 'missingData' | 'otherEpci' | 'communesMax' | 'populationMax';

export function blockOf(problem: ZoneProblem, zone: ZoneState, j: number): Block | null {
  const c = problem.constraints;
  if (problem.excluded[j]) return 'excluded';
  if (problem.taken[j]) return 'taken';
  if (!problem.known[j]) return 'missingData';
  if (c.sameEpci && (zone.group < 0 || problem.group[j] !== zone.group)) return 'otherEpci';
  if (zone.members.length + 1 > c.maxCommunes) return 'communesMax';
  if (zone.population + problem.population[j]! > c.maxPopulation) return 'populationMax';
  return null;
}
