import type { VariableInfo } from '@ptce/engine';

/** The ESS variables every ESS source yields (some may be missing from a CRES file). */
export const ESS_STEMS = {
  ESS_ETAB: { label: 'Établissements de l’ESS', unit: 'établissements' },
  ESS_SAL: { label: 'Salariés de l’ESS', unit: 'salariés' },
  ESS_ETAB_ASSO: { label: 'Établissements ESS : associations', unit: 'établissements' },
  ESS_ETAB_COOP: { label: 'Établissements ESS : coopératives', unit: 'établissements' },
  ESS_ETAB_MUT: { label: 'Établissements ESS : mutuelles', unit: 'établissements' },
  ESS_ETAB_FOND: { label: 'Établissements ESS : fondations', unit: 'établissements' },
  ESS_CREA: { label: 'Établissements ESS créés dans les 5 dernières années', unit: 'établissements' },
} as const;

export type EssStem = keyof typeof ESS_STEMS;

/** Values of an ESS source, per reference commune code. */
export interface EssLayer {
  origin: 'ess-sirene' | 'ess-cres' | 'ess-synthetic';
  year: number | null;
  note: string;
  /** stem -> code -> value (null = missing). Only stems the source provides. */
  values: Partial<Record<EssStem, Map<string, number | null>>>;
  /** stems whose values are estimates (e.g. employees from SIRENE size classes). */
  estimatedStems: EssStem[];
  warnings: { code: string; message: string }[];
}

/** Catalogue entries for an ESS layer (missing/estimated counts filled in by the build). */
export function essVariableInfos(layer: EssLayer): Omit<VariableInfo, 'missing' | 'estimated'>[] {
  return (Object.keys(layer.values) as EssStem[]).map((stem) => ({
    id: layer.year === null ? stem : `${stem}@${layer.year}`,
    stem,
    year: layer.year,
    source: stem,
    origin: layer.origin,
    label: ESS_STEMS[stem].label,
    labelLong: `${ESS_STEMS[stem].label}${layer.origin === 'ess-synthetic' ? ' (DÉMONSTRATION : valeurs simulées)' : ''}`,
    unit: ESS_STEMS[stem].unit,
    aggregation: 'sum',
    synthetic: layer.origin === 'ess-synthetic',
  }));
}
