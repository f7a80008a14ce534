/**
 * Cluster codes of local statistics, numbered as GeoDa numbers them (so that maps and exports can
 * be compared side by side): 0 not significant, 1 high-high, 2 low-low, 3 low-high, 4 high-low,
 * 5 undefined (missing value), 6 isolated (no neighbour with a value). For Gi*, 1 and 2 mean
 * hot spot and cold spot.
 */
export const CLUSTER = {
  notSignificant: 0,
  highHigh: 1,
  lowLow: 2,
  lowHigh: 3,
  highLow: 4,
  undefined: 5,
  isolated: 6,
} as const;

/** Labels for users, French first, indexed by cluster code. */
export const LISA_LABELS_FR = [
  'Non significatif',
  'Haut-Haut',
  'Bas-Bas',
  'Bas-Haut',
  'Haut-Bas',
  'Valeur manquante',
  'Sans voisin',
] as const;

export const LISA_LABELS_EN = [
  'Not significant',
  'High-High',
  'Low-Low',
  'Low-High',
  'High-Low',
  'Undefined',
  'Isolated',
] as const;

export const GI_STAR_LABELS_FR = [
  'Non significatif',
  'Point chaud',
  'Point froid',
  '',
  '',
  'Valeur manquante',
  'Sans voisin',
] as const;

export const GI_STAR_LABELS_EN = [
  'Not significant',
  'Hot spot',
  'Cold spot',
  '',
  '',
  'Undefined',
  'Isolated',
] as const;
