/** French labels of the method levels a user sees in a robustness result (English in `labelEn` of factors). */
export const METHOD_LABELS: Record<string, string> = {
  minMax: 'min-max',
  zScore: 'score z',
  rank: 'rangs',
  percentile: 'centiles',
  distanceToReference: 'distance à la référence',
  goalposts: 'bornes cibles',
  arithmetic: 'moyenne arithmétique',
  geometric: 'moyenne géométrique',
  harmonic: 'moyenne harmonique',
  copeland: 'Copeland (non compensatoire)',
  topsis: 'TOPSIS',
  none: 'aucune',
  groupMean: 'moyenne du groupe',
  groupMedian: 'médiane du groupe',
  neighbours: 'moyenne des voisins',
};
