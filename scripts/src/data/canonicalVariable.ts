import type { Aggregation } from '@ptce/engine';

export interface CanonicalName {
  /** `${stem}@${year}`, or the stem when undated. */
  id: string;
  stem: string;
  year: number | null;
  period?: [number, number];
  source: string;
}

/** Labels mention full years: a candidate year is trusted only if the label names it (when there is a label). */
function labelHasYear(label: string | undefined, year: number): boolean {
  return label === undefined || label.includes(String(year));
}

/**
 * Derives an edition-agnostic name from an INSEE column name, so that the next edition of the
 * comparateur (P19_POP, MED20, ETTOT19, NAIS1419 ...) builds with no code change:
 *   - census variables `P18_POP` -> stem `POP`, year 2018;
 *   - flows over a period `NAIS1318` -> stem `NAIS`, period 2013-2018 (year 2018), when the
 *     label names both years (this is what tells `NAIS1318` from `ETTEFP1018`);
 *   - other dated variables `MED19`, `ETTEF118`, `NAISD20` -> the last two digits are the year;
 *   - anything else (`SUPERF`) is undated.
 */
export function canonicalVariable(column: string, label?: string): CanonicalName {
  const census = /^P(\d{2})_(.+)$/.exec(column);
  if (census) {
    const year = 2000 + Number(census[1]);
    return { id: `${census[2]}@${year}`, stem: census[2], year, source: column };
  }
  const period = /^([A-Z][A-Z0-9_]*?[A-Z_])(\d{2})(\d{2})$/.exec(column);
  if (period) {
    const start = 2000 + Number(period[2]);
    const end = 2000 + Number(period[3]);
    // Without a dictionary, only the known flows (births, deaths) are read as periods.
    const confirmed =
      label === undefined
        ? /^(NAIS|DECE)$/.test(period[1])
        : labelHasYear(label, start) && labelHasYear(label, end);
    if (start < end && confirmed) {
      return { id: `${period[1]}@${end}`, stem: period[1], year: end, period: [start, end], source: column };
    }
  }
  const dated = /^([A-Z][A-Z0-9_]*?)(\d{2})$/.exec(column);
  if (dated && dated[1].length >= 2) {
    const year = 2000 + Number(dated[2]);
    if (labelHasYear(label, year)) return { id: `${dated[1]}@${year}`, stem: dated[1], year, source: column };
  }
  return { id: column, stem: column, year: null, source: column };
}

const UNIT_RULES: [RegExp, string][] = [
  [/^superficie/i, 'km²'],
  [/m[ée]diane du niveau de vie/i, '€'],
  [/^(taux|part)\b/i, '%'],
  [/m[ée]nages fiscaux/i, 'ménages fiscaux'],
  [/m[ée]nages/i, 'ménages'],
  // Establishments before "actifs": INSEE labels them "établissements actifs" (active establishments).
  [/[ée]tablissements|\bets\b/i, 'établissements'],
  [/ch[ôo]meurs/i, 'chômeurs'],
  [/actives?|actifs/i, 'actifs'],
  [/emplois/i, 'emplois'],
  [/naissances/i, 'naissances'],
  [/d[ée]c[èe]s/i, 'décès'],
  [/logements|r[ée]sidences/i, 'logements'],
  [/population|personnes|pop\b/i, 'habitants'],
];

/** The unit of a variable, in French, from its INSEE label. */
export function unitFromLabel(label: string): string {
  for (const [pattern, unit] of UNIT_RULES) if (pattern.test(label)) return unit;
  return '';
}

/**
 * Medians, rates and shares cannot be summed over communes: they are estimated for a group as
 * the mean of its members weighted by the number of fiscal households (Filosofi's own base).
 */
export function aggregationFromLabel(label: string): Aggregation {
  return /m[ée]diane|^taux|^part\b|moyenne|pourcentage/i.test(label) ? 'weightedMean' : 'sum';
}
