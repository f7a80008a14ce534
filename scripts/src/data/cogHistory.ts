import { createRequire } from 'node:module';

interface DecoupageCommune {
  code: string;
  nom: string;
  type: 'commune-actuelle' | 'commune-deleguee' | 'commune-associee' | 'arrondissement-municipal';
  chefLieu?: string;
  anciensCodes?: string[];
  commune?: string;
}

export interface CogHistory {
  /** `@etalab/decoupage-administratif@x.y.z` */
  source: string;
  /** Current communes whose history lists `code` (as a former code, or as chef-lieu of a delegated commune). */
  successors(code: string): string[];
  /** Former codes listed for a current commune. */
  formerCodes(code: string): string[];
  isMunicipalArrondissement(code: string): boolean;
  name(code: string): string | undefined;
}

let cached: CogHistory | undefined;

/**
 * The history of commune codes from `@etalab/decoupage-administratif` (the COG as published by
 * INSEE, with each current commune's `anciensCodes`): what lets polygons of an older COG and
 * statistics of another be matched to the zonings' COG.
 */
export function loadCogHistory(): CogHistory {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const communes = require('@etalab/decoupage-administratif/data/communes.json') as DecoupageCommune[];
  const { version } = require('@etalab/decoupage-administratif/package.json') as { version: string };
  const successors = new Map<string, Set<string>>();
  const former = new Map<string, string[]>();
  const arm = new Set<string>();
  const names = new Map<string, string>();
  const link = (oldCode: string, current: string) => {
    if (oldCode === current) return;
    let set = successors.get(oldCode);
    if (!set) successors.set(oldCode, (set = new Set()));
    set.add(current);
  };
  for (const c of communes) {
    if (!names.has(c.code) || c.type === 'commune-actuelle') names.set(c.code, c.nom);
    if (c.type === 'arrondissement-municipal') arm.add(c.code);
    if (c.type === 'commune-actuelle') {
      former.set(c.code, c.anciensCodes ?? []);
      for (const old of c.anciensCodes ?? []) link(old, c.code);
    } else if (c.chefLieu) {
      link(c.code, c.chefLieu);
    }
  }
  cached = {
    source: `@etalab/decoupage-administratif@${version}`,
    successors: (code) => [...(successors.get(code) ?? [])],
    formerCodes: (code) => former.get(code) ?? [],
    isMunicipalArrondissement: (code) => arm.has(code),
    name: (code) => names.get(code),
  };
  return cached;
}
