/**
 * The report's tables as text cells, shared by the PDF and the HTML renderers so that both say
 * exactly the same thing: headers, formatted cells (fr-FR), column alignment and relative widths.
 */
import { formatFigure, formatNumber, formatProbability, NNBSP, ordinal } from './french.ts';
import { shortDimensionLabel } from './model/whySentence.ts';
import type { ReportModel, TerritoryRobustness, TerritorySection } from './types.ts';

export interface TextTable {
  columns: { header: string; align: 'left' | 'right' | 'center'; width: number }[];
  rows: string[][];
  /** Rows to emphasise (the shortlisted territories). */
  emphasis?: boolean[];
}

/** Shown where the robustness module was not run. */
export const NOT_COMPUTED = 'non calculé';

export function rankInterval(r: TerritoryRobustness | null): string {
  if (!r) return NOT_COMPUTED;
  return r.p05 === r.p95 ? formatNumber(r.p05) : `${formatNumber(r.p05)}–${formatNumber(r.p95)}`;
}

export function probabilityTopK(r: TerritoryRobustness | null): string {
  return r ? formatProbability(r.pTopK) : NOT_COMPUTED;
}

/** Rank, name, score, need, potential, rank interval (p05–p95), P(top k); the shortlisted emphasised. */
export function rankingTable(model: ReportModel): TextTable {
  const k = model.table.topK;
  // Without robustness results a column of « non calculé » says nothing 25 times: a dash and a note say it once.
  const robust = (text: string) => (model.table.robustness ? text : '—');
  return {
    columns: [
      { header: 'Rang', align: 'right', width: 0.07 },
      { header: 'Territoire', align: 'left', width: 0.37 },
      { header: 'Score', align: 'right', width: 0.09 },
      { header: 'Besoins', align: 'right', width: 0.1 },
      { header: 'Potentiel', align: 'right', width: 0.1 },
      { header: 'Intervalle de rang', align: 'center', width: 0.13 },
      {
        header: k ? `Probabilité d’être dans les ${k} premiers` : 'Probabilité de rester en tête',
        align: 'right',
        width: 0.14,
      },
    ],
    rows: model.table.rows.map((r) => [
      formatNumber(r.rank),
      r.position !== null ? `${r.name}${NNBSP}(n°${NNBSP}${r.position})` : r.name,
      formatNumber(r.score, 1),
      formatNumber(r.need, 1),
      formatNumber(r.potential, 1),
      robust(rankInterval(r.robustness)),
      robust(probabilityTopK(r.robustness)),
    ]),
    emphasis: model.table.rows.map((r) => r.shortlisted),
  };
}

/** Indicator, territory, département, for one shortlisted territory; estimates marked with *. */
export function keyFiguresTable(section: TerritorySection, scope: string): TextTable {
  return {
    columns: [
      { header: 'Chiffre clé', align: 'left', width: 0.58 },
      { header: 'Territoire', align: 'right', width: 0.21 },
      { header: scope, align: 'right', width: 0.21 },
    ],
    rows: section.keyFigures.map((f) => [
      f.label,
      `${formatFigure(f.value, f.unit)}${f.estimated && f.value !== null ? ' *' : ''}`,
      formatFigure(f.reference, f.unit),
    ]),
  };
}

/** Footnotes of the key figures table: what the asterisk means, and each figure's own note. */
export function keyFigureNotes(section: TerritorySection): string[] {
  const notes = section.keyFigures.filter((f) => f.note).map((f) => `${f.label} : ${f.note}.`);
  if (section.keyFigures.some((f) => f.estimated && f.value !== null)) {
    notes.unshift('* Estimation : statistique non additive moyennée sur les communes, ou donnée partielle.');
  }
  return notes;
}

/** The four headline numbers of a territory's page, as label/value pairs. */
export function headlineFigures(
  section: TerritorySection,
  topK: number | null,
): { label: string; value: string }[] {
  const r = section.robustness;
  return [
    {
      label: 'Rang',
      value: section.rank !== null ? `${ordinal(section.rank)} sur ${section.ranked}` : 'non classé',
    },
    { label: 'Score', value: formatNumber(section.score, 1) },
    { label: 'Besoins', value: formatNumber(section.need, 1) },
    { label: 'Potentiel', value: formatNumber(section.potential, 1) },
    {
      label: topK ? `Robustesse (top ${topK})` : 'Robustesse',
      value: r ? `rang ${rankInterval(r)} · ${probabilityTopK(r)}` : NOT_COMPUTED,
    },
  ];
}

/** ESS actors: establishments, employees, establishments by family, creations over 5 years. */
export function essTable(section: TerritorySection): TextTable {
  const e = section.ess;
  return {
    columns: [
      { header: 'Acteurs de l’ESS', align: 'left', width: 0.68 },
      { header: 'Nombre', align: 'right', width: 0.32 },
    ],
    rows: [
      ['Établissements', e.establishments],
      ['dont associations', e.families[0]?.value ?? null],
      ...e.families.slice(1).map((f) => [`dont ${f.label.toLowerCase()}`, f.value] as const),
      ['Salariés', e.employees],
      ['Établissements créés en 5 ans', e.createdLast5Years],
    ].map(([label, value]) => [String(label), formatNumber(value as number | null)]),
  };
}

/** Indicators of the method annex: dimension, indicator, direction, unit, weights. */
export function indicatorsTable(model: ReportModel): TextTable {
  return {
    columns: [
      { header: 'Dimension', align: 'left', width: 0.16 },
      { header: 'Indicateur', align: 'left', width: 0.36 },
      { header: 'Sens', align: 'center', width: 0.06 },
      { header: 'Unité', align: 'left', width: 0.2 },
      { header: 'Poids dans la dimension', align: 'right', width: 0.11 },
      { header: 'Poids dans le score', align: 'right', width: 0.11 },
    ],
    rows: model.method.indicators.map((i) => [
      shortDimensionLabel(i.dimension),
      `${i.label}${i.synthetic ? ' (simulé)' : ''}`,
      i.direction === 1 ? '+' : '−',
      i.unit,
      `${formatNumber(i.weight * 100, 1)}${NNBSP}%`,
      `${formatNumber(i.effectiveWeight * 100, 1)}${NNBSP}%`,
    ]),
  };
}

/** Dimensions of the method annex: pillar and weight in the score. */
export function dimensionPairs(model: ReportModel): { label: string; value: string }[] {
  return model.method.dimensions.map((d) => ({
    label: d.label,
    value: `pilier ${d.pillar} ; poids dans le score ${formatNumber(d.weight * 100, 1)}${NNBSP}%`,
  }));
}

/** Inputs of the provenance annex: what, file, edition, rows (their full hashes are in {@link hashLines}). */
export function inputsTable(model: ReportModel): TextTable {
  return {
    columns: [
      { header: 'Source', align: 'left', width: 0.38 },
      { header: 'Fichier', align: 'left', width: 0.34 },
      { header: 'Édition', align: 'left', width: 0.14 },
      { header: 'Lignes', align: 'right', width: 0.14 },
    ],
    rows: model.provenance.inputs.map((i) => [i.role, i.file, i.edition || '—', formatNumber(i.rows)]),
  };
}

/** `sha256  file` for every input and output of the vintage, then the score result's hash. */
export function hashLines(model: ReportModel): { hash: string; what: string }[] {
  return [
    // An npm data package is pinned by its version, not hashed by the build.
    ...model.provenance.inputs.filter((i) => i.sha256).map((i) => ({ hash: i.sha256, what: i.file })),
    ...model.provenance.outputs.map((o) => ({ hash: o.sha256, what: `millésime : ${o.file}` })),
    { hash: model.provenance.resultHash, what: 'résultat de score (configuration et millésime)' },
  ];
}
