import type { ScoreResult, Vintage } from '@ptce/engine';
import { formatDate, formatNumber } from '../french.ts';
import type { ReportModel, ShortlistInput } from '../types.ts';

const ROLE: Record<string, string> = {
  comparateur: 'Comparateur de territoires (Insee)',
  'comparateur-meta': 'Dictionnaire des variables du comparateur (Insee)',
  appartenance: 'Table d’appartenance géographique des communes (Insee)',
  'appartenance-zones': 'Table d’appartenance : libellés des zonages (Insee)',
  'decoupage-administratif': 'Découpage administratif (Etalab)',
  departements: 'Contours des départements',
  'ess-sirene-etab': 'Établissements SIRENE (ESS)',
  'ess-sirene-ul': 'Unités légales SIRENE (ESS)',
  'ess-cres': 'Fichier ESS de la CRESS',
};

/** `polygons-67` -> `Contours des communes (67)`; known roles get their French name. */
function roleLabel(role: string): string {
  const known = ROLE[role];
  if (known) return known;
  const m = /^(polygons|cantons)-(\w+)$/.exec(role);
  if (m) return `${m[1] === 'polygons' ? 'Contours des communes' : 'Contours des cantons'} (${m[2]})`;
  return role;
}

/** The file's name without its folder (a package name is kept whole). */
function fileName(path: string, origin: string): string {
  if (origin === 'package') return path;
  const [archive, inner] = path.split('!');
  const base = archive!.split(/[\\/]/).pop() ?? archive!;
  return inner ? `${base} › ${inner}` : base;
}

/** Annex « Provenance des données »: the vintage's sources, editions, COG years and file hashes. */
export function provenanceAnnex(
  vintage: Vintage,
  result: ScoreResult,
  shortlist: ShortlistInput,
): ReportModel['provenance'] {
  const m = vintage.manifest;
  const editions = Object.entries(m.editions)
    .map(([k, v]) => `${k} ${v}`)
    .join(' ; ');
  const cog = `référence ${m.cog.reference} ; statistiques ${m.cog.statistics} ; zonages ${m.cog.zonings} ; contours ${m.cog.polygons ?? 'n. d.'}`;
  const ess = m.synthetic.ess
    ? `SIMULÉE (démonstration, graine ${m.synthetic.seed ?? 'n. d.'})`
    : `${m.ess.origin}${m.ess.year ? ` (${m.ess.year})` : ''}`;
  return {
    vintage: [
      { label: 'Millésime', value: `${m.title} (${m.id})` },
      { label: 'Construit le', value: formatDate(m.createdAt) },
      {
        label: 'Périmètre',
        value: `${m.scope.label} : ${formatNumber(m.counts.communesInScope)} communes, plus ${formatNumber(m.counts.communesOutsideScope)} hors périmètre membres d’un territoire qui le déborde`,
      },
      { label: 'Éditions', value: editions },
      { label: 'Géographie (COG)', value: cog },
      { label: 'Couche ESS', value: ess },
      {
        label: 'Liste',
        value: `${shortlist.title}, par ${shortlist.author}, créée le ${formatDate(shortlist.createdAt)}${shortlist.publishedAt ? `, publiée le ${formatDate(shortlist.publishedAt)}` : ' (brouillon)'}`,
      },
      { label: 'Outil', value: `${m.tool.name} ${m.tool.version} (Node ${m.tool.node})` },
    ],
    inputs: m.inputs.map((i) => ({
      role: roleLabel(i.role),
      file: fileName(i.path, i.origin),
      edition: i.edition ?? '',
      rows: i.rows,
      sha256: i.sha256,
    })),
    // `report` came with a later build: vintages built before it have none.
    outputs: [...m.outputs, ...(m.report ? [m.report] : [])].map((o) => ({ file: o.path, sha256: o.sha256 })),
    resultHash: result.hash,
  };
}
