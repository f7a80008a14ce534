import type { ScoreResult } from '@ptce/engine';
import { type CsvStyle, csvDocument, csvNumber, csvText } from './csvFormat.ts';

const STATUS: Record<string, string> = {
  filtered: 'écarté (filtre)',
  insufficientData: 'écarté (données insuffisantes)',
  noScore: 'écarté (score incalculable)',
};

/** The ranking as a spreadsheet: one row per territory, ranked ones first. */
export function scoreCsv(result: ScoreResult, style: CsvStyle): string {
  const yes = style.plain ? '1' : 'oui';
  const no = style.plain ? '0' : 'non';
  const header = [
    'rang',
    'code',
    'nom',
    'score',
    'besoin',
    'potentiel',
    ...result.dimensions.map((d) => `dimension ${d.label}`),
    'population',
    'communes',
    'communes du périmètre',
    'complet',
    'hors département',
    'couverture des données',
    'statut',
    'avertissements',
  ];
  const rows = result.territories.map((t) => [
    t.rank === null ? '' : String(t.rank),
    csvText(t.code, style),
    csvText(t.name, style),
    csvNumber(t.score, style),
    csvNumber(t.need, style),
    csvNumber(t.potential, style),
    ...result.dimensions.map((d) => csvNumber(t.dimensions[d.id], style)),
    csvNumber(t.population, style, 0),
    String(t.members),
    String(t.membersInScope),
    t.complete ? yes : no,
    t.includesOutsideScope ? yes : no,
    csvNumber(t.dataCoverage, style, 3),
    csvText(t.setAside ? (STATUS[t.setAside.reason] ?? t.setAside.reason) : 'classé', style),
    csvText(t.caveats.map((c) => c.message).join(' | '), style),
  ]);
  return csvDocument([header.map((h) => csvText(h, style)), ...rows], style);
}
