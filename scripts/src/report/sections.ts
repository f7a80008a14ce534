import type { ReportModel } from './types.ts';

/** Section titles, shared by the PDF and the HTML so that both documents say the same. */
export const SECTION = {
  cover: 'Rapport au cabinet du Président',
  summary: 'Synthèse',
  mainCaveat: 'Principale réserve',
  otherCaveats: 'Autres réserves',
  map: 'Carte des territoires retenus',
  ranking: 'Classement des territoires',
  keyFigures: 'Chiffres clés',
  dimensions: 'Dimensions (sur 100)',
  for: 'Ce qui plaide pour ce territoire',
  against: 'Ce qui plaide contre',
  note: 'Note des analystes',
  caveats: 'Réserves',
  method: 'Annexe A — Méthode',
  dimensionsAnnex: 'Dimensions',
  indicators: 'Indicateurs',
  robustness: 'Robustesse',
  provenance: 'Annexe B — Provenance des données',
  sources: 'Fichiers sources',
  hashes: 'Empreintes SHA-256',
} as const;

/** Sentences both documents print in the same places. */
export const TEXT = {
  rankingIntro:
    'Scores de 0 à 100 : plus la valeur est élevée, plus le territoire est favorable à un PTCE. Les territoires retenus sont en gras sur fond vert, avec leur numéro dans la liste. L’intervalle de rang va du 5e au 95e centile des tirages de l’analyse de robustesse.',
  robustnessMissing:
    '— : intervalle de rang et probabilité de rester en tête non calculés (l’analyse de robustesse n’a pas été lancée pour cette liste).',
  directions:
    'Sens + : une valeur plus élevée rend le territoire plus favorable ; sens − : une valeur plus basse.',
  medianTick: 'Vert : potentiel ; orange : besoins. Trait vertical : médiane des territoires classés.',
  noNote: 'Pas de note des analystes.',
  noArgument: 'Aucun écart notable.',
  syntheticCover:
    'Ce document utilise une couche ESS SIMULÉE pour la démonstration. Les classements qui en dépendent ne doivent pas servir à décider.',
  robustnessNotComputed: 'Non calculée pour cette liste.',
} as const;

/** `3 territoires recommandés, par ordre de priorité — Bas-Rhin, niveau Intercommunalités (EPCI) :` */
export function summaryIntro(count: number, scope: string, level: string): string {
  return `${count === 1 ? 'Territoire recommandé' : `${count} territoires recommandés, par ordre de priorité`} — ${scope}, niveau ${level} :`;
}

/** The cover's label/value lines. */
export function coverLines(model: {
  dateLabel: string;
  scenarioName: string | null;
  vintage: { title: string; id: string };
  level: { label: string; ranked: number };
  author: string;
  status: string;
}): { label: string; value: string }[] {
  return [
    { label: 'Date', value: model.dateLabel },
    { label: 'Scénario', value: model.scenarioName ?? 'configuration sans nom de scénario' },
    { label: 'Données', value: `${model.vintage.title} (millésime ${model.vintage.id})` },
    { label: 'Niveau d’analyse', value: `${model.level.label} : ${model.level.ranked} territoires classés` },
    { label: 'Établi par', value: model.author },
    { label: 'Statut', value: model.status },
  ];
}

/** Legend entries of the map. */
export function legendLabels(level: string): string[] {
  return [
    'Territoires retenus (numéro = ordre de recommandation)',
    `Autres territoires du niveau ${level}`,
    'Limite du département',
    'Départements voisins',
  ];
}

/** The map's alternative text: what a reader who cannot see it needs. */
export function mapAltText(model: ReportModel): string {
  const list = model.territories.map((t) => `${t.position} ${t.name}`).join(', ');
  return `Carte du département (${model.vintage.scope}), niveau ${model.level.label} ; territoires retenus en vert, numérotés dans l’ordre de recommandation : ${list}.`;
}
