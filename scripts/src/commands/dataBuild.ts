import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildVintage } from '../data/buildVintage.ts';
import { parseCommand, printHelp } from '../lib/command.ts';
import { repoRoot } from '../lib/repoRoot.ts';
import { isInteractive, type Lang, progressPrinter, UsageError } from '../lib/terminal.ts';

export const DATA_BUILD_HELP = {
  fr: `Usage : pnpm ptce data build [options]

Construit un millésime de données (datasets/build/<id>/) à partir des fichiers bruts INSEE et IGN.
Les sources sont cherchées dans : --source DIR, puis $PTCE_RAW_DIR, puis ../shared/datasets/raw,
puis téléchargées depuis les adresses officielles (datasets/sources.json).

Options :
  --dep 67,68              départements du périmètre (défaut : 67, le Bas-Rhin)
  --all                    tous les départements (France entière)
  --source DIR             dossier des fichiers bruts
  --id ID                  identifiant du millésime (défaut : <périmètre>-<édition>, ex. bas-rhin-2021)
  --out DIR                dossier de sortie (défaut : datasets/build)
  --comparateur FILE       fichier du comparateur (.csv ou .zip officiel)
  --meta FILE              dictionnaire des variables (meta_base_cc_comparateur.csv)
  --appartenance FILE      table d'appartenance géographique (.xlsx publié ou feuille COM en .csv)
  --zones FILE             feuille Zones_supra_communales en .csv
  --ess-cres FILE          fichier ESS de la CRESS (format : datasets/README.md)
  --ess-sirene-etablissements FILE, --ess-sirene-unites-legales FILE
                           extraits SIRENE (StockEtablissement, StockUniteLegale)
  --seed N                 graine de la couche ESS de démonstration (sans fichier ESS)
  --decimal-comma          accepter les virgules décimales (fichiers réenregistrés par un tableur)
  --no-download            ne jamais télécharger
  --if-missing             ne rien faire si le millésime existe déjà
  --json                   résumé JSON sur la sortie standard
  --lang en                messages en anglais
  -h, --help               cette aide`,
  en: `Usage: pnpm ptce data build [options]

Builds a dataset vintage (datasets/build/<id>/) from the raw INSEE and IGN files.
Sources are looked for in: --source DIR, then $PTCE_RAW_DIR, then ../shared/datasets/raw,
then downloaded from the official addresses (datasets/sources.json).

Options:
  --dep 67,68              départements in scope (default: 67, the Bas-Rhin)
  --all                    every département (all of France)
  --source DIR             folder of raw files
  --id ID                  vintage id (default: <scope>-<edition>, e.g. bas-rhin-2021)
  --out DIR                output folder (default: datasets/build)
  --comparateur FILE       comparateur file (.csv or the official .zip)
  --meta FILE              variable dictionary (meta_base_cc_comparateur.csv)
  --appartenance FILE      table d'appartenance (published .xlsx or sheet COM as .csv)
  --zones FILE             sheet Zones_supra_communales as .csv
  --ess-cres FILE          CRESS ESS file (format: datasets/README.md)
  --ess-sirene-etablissements FILE, --ess-sirene-unites-legales FILE
                           SIRENE extracts (StockEtablissement, StockUniteLegale)
  --seed N                 seed of the demonstration ESS layer (without an ESS file)
  --decimal-comma          accept decimal commas (files re-saved by a spreadsheet)
  --no-download            never download
  --if-missing             do nothing when the vintage already exists
  --json                   JSON summary on standard output
  --lang en                English messages
  -h, --help               this help`,
};

export async function dataBuild(argv: string[], lang: Lang): Promise<number> {
  const { values } = parseCommand(argv, DATA_BUILD_HELP, OPTIONS);
  if (values.help) return printHelp(DATA_BUILD_HELP, lang);
  if (values.all && values.dep)
    throw new UsageError('--all et --dep sont incompatibles.', '--all and --dep cannot be combined.');
  const deps = values.dep
    ? values.dep
        .split(',')
        .map((d) => d.trim().toUpperCase())
        .filter(Boolean)
    : undefined;
  if (deps?.some((d) => !/^(\d{2}|2[AB]|97\d)$/.test(d))) {
    throw new UsageError(
      `--dep : codes de département invalides (${values.dep}).`,
      `--dep: invalid département codes (${values.dep}).`,
    );
  }
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !Number.isInteger(seed))
    throw new UsageError('--seed attend un entier.', '--seed expects an integer.');
  if (values['if-missing']) {
    const id =
      values.id ??
      (values.all
        ? 'france-2021'
        : !deps || (deps.length === 1 && deps[0] === '67')
          ? 'bas-rhin-2021'
          : undefined);
    const out = values.out ?? join(repoRoot(), 'datasets', 'build');
    if (id && existsSync(join(out, id, 'manifest.json'))) {
      if (!values.json)
        process.stderr.write(
          lang === 'fr'
            ? `Millésime ${id} déjà construit : rien à faire.\n`
            : `Vintage ${id} already built: nothing to do.\n`,
        );
      else process.stdout.write(`${JSON.stringify({ vintage: id, skipped: true })}\n`);
      return 0;
    }
  }
  const summary = await buildVintage({
    deps,
    all: values.all,
    id: values.id,
    outDir: values.out,
    source: values.source,
    seed,
    decimalComma: values['decimal-comma'],
    download: !values['no-download'],
    files: {
      comparateur: values.comparateur,
      meta: values.meta,
      appartenance: values.appartenance,
      zones: values.zones,
      cres: values['ess-cres'],
      sireneEtablissements: values['ess-sirene-etablissements'],
      sireneUnitesLegales: values['ess-sirene-unites-legales'],
    },
    progress: progressPrinter(isInteractive() && !values.json),
  });
  if (values.json) {
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return 0;
  }
  const fr = lang === 'fr';
  const lines = [
    fr
      ? `Millésime ${summary.vintage} construit dans ${summary.dir}`
      : `Vintage ${summary.vintage} built in ${summary.dir}`,
    fr
      ? `  communes : ${summary.communes} dans le périmètre (+ ${summary.communesOutsideScope} hors périmètre pour compléter les EPCI), ${summary.withPolygon} avec contour, ${summary.unmatched} non rapprochée(s)`
      : `  communes: ${summary.communes} in scope (+ ${summary.communesOutsideScope} outside, completing EPCI), ${summary.withPolygon} with a polygon, ${summary.unmatched} unmatched`,
    fr
      ? `  codes fusionnés (ancien → actuel) : ${summary.merged.length}`
      : `  merged codes (old → current): ${summary.merged.length}`,
    ...summary.merged.map(
      (m) =>
        `    ${m.from} → ${m.to} (${m.source === 'polygons' ? (fr ? 'contours' : 'polygons') : fr ? 'statistiques' : 'statistics'})`,
    ),
    `  ${fr ? 'niveaux' : 'levels'} : ${summary.levels.map((l) => `${l.id} ${l.units}`).join(', ')}`,
    summary.syntheticEss
      ? fr
        ? '  ESS : DÉMONSTRATION – données ESS simulées (aucun fichier CRESS ou SIRENE fourni)'
        : '  ESS: DEMONSTRATION – simulated ESS data (no CRESS or SIRENE file given)'
      : '  ESS : fichier fourni',
    `  ${fr ? 'avertissements' : 'warnings'} : ${summary.warnings.length}`,
    ...summary.warnings.map((w) => `    - ${w}`),
    `  ${fr ? 'durée' : 'duration'} : ${summary.durationMs} ms ; ${fr ? 'rapport' : 'report'} : ${join(summary.dir, 'report.md')}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

const OPTIONS = {
  dep: { type: 'string' },
  all: { type: 'boolean' },
  source: { type: 'string' },
  id: { type: 'string' },
  out: { type: 'string' },
  comparateur: { type: 'string' },
  meta: { type: 'string' },
  appartenance: { type: 'string' },
  zones: { type: 'string' },
  'ess-cres': { type: 'string' },
  'ess-sirene-etablissements': { type: 'string' },
  'ess-sirene-unites-legales': { type: 'string' },
  seed: { type: 'string' },
  'decimal-comma': { type: 'boolean' },
  'no-download': { type: 'boolean' },
  'if-missing': { type: 'boolean' },
  json: { type: 'boolean' },
  lang: { type: 'string' },
} as const;
