import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { score } from '@ptce/engine';
import { repoRoot } from '../../src/lib/repoRoot.ts';
import { readReportGeometry, readVintageFolder } from '../../src/report/index.ts';
import type { ReportInput, ShortlistInput } from '../../src/report/types.ts';

/** The real Bas-Rhin vintage (built by `pnpm ptce data build`); tests skip when it is absent. */
export const BAS_RHIN = join(repoRoot(), 'datasets', 'build', 'bas-rhin-2021');
export const hasBasRhin = existsSync(join(BAS_RHIN, 'manifest.json'));
export const SKIP_MESSAGE = `millésime absent (${BAS_RHIN}) : lancez « pnpm ptce data build » pour ces tests`;

/** A hand-made shortlist of three EPCI, one of which reaches outside the département (Sarreguemines). */
export const BAS_RHIN_SHORTLIST: ShortlistInput = {
  title: 'Sites pilotes pour un PTCE dans le Bas-Rhin',
  scenarioName: 'Besoins × potentiel (cadre par défaut)',
  author: 'Équipe diagnostic territorial',
  createdAt: '2026-11-20T09:00:00Z',
  publishedAt: '2026-11-27T08:30:00Z',
  items: [
    {
      code: '200067841',
      name: 'CC de l’Alsace Bossue',
      kind: 'territory',
      note: 'Territoire rural en déprise : besoins nets, tissu associatif actif autour de Sarre-Union. Rencontre prévue avec les élus !',
    },
    {
      code: '200068112',
      name: 'CC du Pays de Saverne',
      kind: 'territory',
      note: 'Bon équilibre entre besoins et acteurs ; la ville-centre peut porter le pôle.',
    },
    { code: '200070746', name: 'CA Sarreguemines Confluences', kind: 'territory', note: '' },
  ],
};

/** The report input on the real vintage, scored at the EPCI level with the default configuration. */
export function basRhinInput(date = new Date('2026-11-27T10:00:00Z')): ReportInput {
  const vintage = readVintageFolder(BAS_RHIN);
  return {
    vintage,
    result: score(vintage, { level: 'epci' }),
    shortlist: BAS_RHIN_SHORTLIST,
    geometry: readReportGeometry(BAS_RHIN, 'epci'),
    date,
  };
}
