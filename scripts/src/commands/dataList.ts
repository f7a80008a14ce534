import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataError } from '../data/DataError.ts';
import { parseCommand, printHelp } from '../lib/command.ts';
import { type Lang, UsageError } from '../lib/terminal.ts';
import { listVintages, loadVintage, vintagesDir } from '../lib/vintages.ts';

export const DATA_LIST_HELP = {
  fr: `Usage : pnpm ptce data list [--vintages DIR] [--json]

Liste les millésimes construits (datasets/build par défaut).`,
  en: `Usage: pnpm ptce data list [--vintages DIR] [--json]

Lists the built vintages (datasets/build by default).`,
};

export const DATA_SHOW_HELP = {
  fr: `Usage : pnpm ptce data show ID [--vintages DIR] [--report] [--json]

Montre la provenance d'un millésime (sources, éditions, COG, rapprochements, avertissements) ;
--report affiche le rapport de construction complet ; --json le manifeste.`,
  en: `Usage: pnpm ptce data show ID [--vintages DIR] [--report] [--json]

Shows a vintage's provenance (sources, editions, COG, merges, warnings);
--report prints the full build report; --json the manifest.`,
};

const OPTIONS = {
  vintages: { type: 'string' },
  json: { type: 'boolean' },
  report: { type: 'boolean' },
} as const;

export async function dataList(argv: string[], lang: Lang): Promise<number> {
  const { values } = parseCommand(argv, DATA_LIST_HELP, OPTIONS);
  if (values.help) return printHelp(DATA_LIST_HELP, lang);
  const manifests = listVintages(vintagesDir(values.vintages));
  const rows = manifests.map((m) => ({
    id: m.id,
    title: m.title,
    createdAt: m.createdAt,
    communes: m.counts.communesInScope,
    withPolygon: m.counts.withPolygon,
    syntheticEss: m.synthetic.ess,
  }));
  if (values.json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const fr = lang === 'fr';
  if (rows.length === 0) {
    process.stdout.write(
      fr ? 'Aucun millésime construit : pnpm ptce data build\n' : 'No vintage built: pnpm ptce data build\n',
    );
    return 0;
  }
  for (const r of rows) {
    process.stdout.write(
      `${r.id.padEnd(22)} ${r.title}\n${' '.repeat(23)}${fr ? 'construit le' : 'built'} ${new Date(r.createdAt).toLocaleString(fr ? 'fr-FR' : 'en-GB')}, ${r.communes} communes${r.syntheticEss ? (fr ? ', ESS SIMULÉE (démonstration)' : ', SIMULATED ESS (demonstration)') : ''}\n`,
    );
  }
  return 0;
}

export async function dataShow(argv: string[], lang: Lang): Promise<number> {
  const { values, positionals } = parseCommand(argv, DATA_SHOW_HELP, OPTIONS, true);
  if (values.help) return printHelp(DATA_SHOW_HELP, lang);
  if (positionals.length !== 1) {
    throw new UsageError(
      `Donnez un identifiant de millésime.\n\n${DATA_SHOW_HELP.fr}`,
      `Give one vintage id.\n\n${DATA_SHOW_HELP.en}`,
    );
  }
  const dir = vintagesDir(values.vintages);
  const vintage = loadVintage(positionals[0], dir);
  const m = vintage.manifest;
  if (values.json) {
    process.stdout.write(`${JSON.stringify(m, null, 2)}\n`);
    return 0;
  }
  if (values.report) {
    try {
      process.stdout.write(readFileSync(join(dir, m.id, 'report.md'), 'utf8'));
    } catch {
      throw new DataError('FILE_UNREADABLE', {
        fr: 'Rapport de construction absent.',
        en: 'Build report missing.',
        hintFr: 'Reconstruisez le millésime.',
        hintEn: 'Rebuild the vintage.',
      });
    }
    return 0;
  }
  const fr = lang === 'fr';
  const lines = [
    `${m.id} — ${m.title}`,
    `  ${fr ? 'construit le' : 'built'} ${new Date(m.createdAt).toLocaleString(fr ? 'fr-FR' : 'en-GB')} ${fr ? 'en' : 'in'} ${m.durationMs} ms`,
    `  COG : ${fr ? 'référence' : 'reference'} ${m.cog.reference}, ${fr ? 'statistiques' : 'statistics'} ${m.cog.statistics}, ${fr ? 'contours' : 'polygons'} ${m.cog.polygons ?? '?'}`,
    `  communes : ${m.counts.communesInScope} (+ ${m.counts.communesOutsideScope} ${fr ? 'hors périmètre' : 'outside scope'}), ${m.counts.withPolygon} ${fr ? 'avec contour' : 'with polygon'}, ${m.counts.unmatched} ${fr ? 'non rapprochée(s)' : 'unmatched'}`,
    `  ESS : ${m.synthetic.ess ? (fr ? 'SIMULÉE (démonstration)' : 'SIMULATED (demonstration)') : m.ess.origin} — ${m.ess.note.slice(0, 160)}`,
    `  ${fr ? 'niveaux' : 'levels'} : ${m.levels.map((l) => `${l.id} (${l.units})`).join(', ')}`,
    `  sources :`,
    ...m.inputs.map(
      (i) => `    ${i.role.padEnd(24)} ${i.path}${i.sha256 ? `  sha256 ${i.sha256.slice(0, 12)}…` : ''}`,
    ),
    `  ${fr ? 'codes rattachés' : 'merged codes'} : ${m.merged.map((x) => `${x.from}→${x.to}`).join(', ') || (fr ? 'aucun' : 'none')}`,
    `  ${fr ? 'avertissements' : 'warnings'} : ${m.warnings.length}`,
    ...m.warnings.map((w) => `    - [${w.code}] ${w.message}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
