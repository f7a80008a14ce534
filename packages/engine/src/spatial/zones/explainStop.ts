import type { ZoneStop, ZoneStopCode } from './types.ts';
import type { ZoneProblem } from './zoneProblem.ts';
import { type Block, blockOf, type ZoneState } from './zoneState.ts';

const format = (x: number): string => x.toLocaleString('fr-FR', { maximumFractionDigits: 2 });

/**
 * Why the zone stopped where it did, in a form a report can print: every neighbour outside the
 * zone is classed by what keeps it out; if some of them would have raised the score, the
 * constraint that blocked the best of them is the reason; otherwise no neighbour that could join
 * would raise it (or there is no neighbour at all).
 */
export function explainStop(problem: ZoneProblem, zone: ZoneState): ZoneStop {
  const blocked = {
    excluded: 0,
    taken: 0,
    missingData: 0,
    otherEpci: 0,
    populationMax: 0,
    communesMax: 0,
    worse: 0,
  };
  const current = zone.score();
  let best: { j: number; gain: number; block: Block } | null = null;
  const frontier = zone.frontier();
  for (const j of frontier) {
    const block = blockOf(problem, zone, j);
    if (block === null) {
      blocked.worse++;
      continue;
    }
    blocked[block]++;
    if (block === 'missingData') continue;
    const gain = zone.score(j) - current;
    if (gain > 0 && (best === null || gain > best.gain)) best = { j, gain, block };
  }
  const name = (j: number) => problem.names?.[j] ?? `n°${j}`;
  const c = problem.constraints;
  let code: ZoneStopCode;
  let message: string;
  if (best) {
    const who = `la commune voisine ${name(best.j)} aurait relevé le score de ${format(best.gain)}`;
    switch (best.block) {
      case 'populationMax':
        code = 'populationMax';
        message = `Arrêt : ${who}, mais la population dépasserait le maximum (${format(zone.population + problem.population[best.j]!)} > ${format(c.maxPopulation)} habitants).`;
        break;
      case 'communesMax':
        code = 'communesMax';
        message = `Arrêt : nombre maximal de communes atteint (${c.maxCommunes}) ; ${who}.`;
        break;
      case 'otherEpci':
        code = 'epciBoundary';
        message = `Arrêt à la limite de l'EPCI : ${who}, mais elle appartient à un autre EPCI.`;
        break;
      case 'taken':
        code = 'taken';
        message = `Arrêt : ${who}, mais elle fait déjà partie de la zone candidate n°${problem.taken[best.j]}.`;
        break;
      default:
        code = 'excluded';
        message = `Arrêt : ${who}, mais elle a été exclue.`;
    }
  } else if (frontier.length === 0) {
    code = 'noNeighbour';
    message = "Arrêt : la zone n'a plus aucune commune voisine.";
  } else {
    code = 'noBetterNeighbour';
    const parts = [
      blocked.otherEpci ? `${blocked.otherEpci} dans un autre EPCI` : '',
      blocked.excluded ? `${blocked.excluded} exclue(s)` : '',
      blocked.taken ? `${blocked.taken} déjà dans une meilleure zone` : '',
      blocked.missingData ? `${blocked.missingData} sans score ou population` : '',
      blocked.populationMax ? `${blocked.populationMax} dépasseraient la population maximale` : '',
    ].filter(Boolean);
    message = `Arrêt : aucune commune voisine ne relèverait le score${parts.length ? ` (voisines écartées : ${parts.join(', ')})` : ''}.`;
  }
  return { code, message, neighbour: best ? best.j : -1, blocked };
}
