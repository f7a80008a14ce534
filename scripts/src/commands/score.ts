import { extname, resolve } from 'node:path';
import { type ScoreConfig, score } from '@ptce/engine';
import { readScoreConfigFile } from '../config/readScoreConfigFile.ts';
import { parseCommand, printHelp, writeOutput } from '../lib/command.ts';
import { type Lang, UsageError } from '../lib/terminal.ts';
import { DEFAULT_VINTAGE, loadVintage, loadVintageGeometry, vintagesDir } from '../lib/vintages.ts';
import { scoreCsv } from '../output/scoreCsv.ts';
import { scoreGeoJson } from '../output/scoreGeoJson.ts';
import { engineErrorToDataError } from './engineErrors.ts';

export const SCORE_HELP = {
  fr: `Usage : pnpm ptce score [--config FICHIER] [--level NIVEAU] [--out FICHIER] [options]

Calcule l'indice PTCE d'un millésime et écrit le classement.

Options :
  --config FICHIER     configuration JSON (format : scripts/README.md ; exemple : scripts/examples/ptce-config.json)
  --vintage ID         millésime (défaut : celui de la configuration, sinon ${DEFAULT_VINTAGE})
  --level NIVEAU       commune, epci, canton, cv, bv2012, ze2020, aav2020, uu2020, arr, dep (remplace celui de la configuration)
  --out FICHIER        .csv, .json ou .geojson (sans --out : les premiers du classement à l'écran)
  --format F           csv | json | geojson (défaut : d'après l'extension de --out)
  --plain-csv          CSV international : séparateur « , » et point décimal, sans BOM
  --top N              lignes affichées sans --out (défaut 10)
  --vintages DIR       dossier des millésimes (défaut : datasets/build)
  --json               résumé JSON sur la sortie standard
  --lang en            messages en anglais`,
  en: `Usage: pnpm ptce score [--config FILE] [--level LEVEL] [--out FILE] [options]

Scores a vintage with the PTCE index and writes the ranking.

Options:
  --config FILE        JSON configuration (format: scripts/README.md; example: scripts/examples/ptce-config.json)
  --vintage ID         vintage (default: the configuration's, else ${DEFAULT_VINTAGE})
  --level LEVEL        commune, epci, canton, cv, bv2012, ze2020, aav2020, uu2020, arr, dep (overrides the configuration's)
  --out FILE           .csv, .json or .geojson (without --out: the top of the ranking on screen)
  --format F           csv | json | geojson (default: from the extension of --out)
  --plain-csv          international CSV: "," separator and decimal point, no BOM
  --top N              rows shown without --out (default 10)
  --vintages DIR       vintages folder (default: datasets/build)
  --json               JSON summary on standard output
  --lang en            English messages`,
};

export async function scoreCommand(argv: string[], lang: Lang): Promise<number> {
  const { values } = parseCommand(argv, SCORE_HELP, OPTIONS);
  if (values.help) return printHelp(SCORE_HELP, lang);
  const format = values.format ?? (values.out ? extname(values.out).slice(1).toLowerCase() : undefined);
  if (format !== undefined && !['csv', 'json', 'geojson'].includes(format)) {
    throw new UsageError(
      `Format de sortie inconnu « ${format} » : csv, json ou geojson.`,
      `Unknown output format "${format}": csv, json or geojson.`,
    );
  }
  const top = values.top === undefined ? 10 : Number(values.top);
  if (!Number.isInteger(top) || top < 1)
    throw new UsageError('--top attend un entier ≥ 1.', '--top expects an integer ≥ 1.');
  const file = values.config ? readScoreConfigFile(values.config) : undefined;
  const config: ScoreConfig = { ...(file?.config ?? {}), ...(values.level ? { level: values.level } : {}) };
  const vintageId = values.vintage ?? file?.vintage ?? DEFAULT_VINTAGE;
  const dir = vintagesDir(values.vintages);
  const vintage = loadVintage(vintageId, dir);
  let result: ReturnType<typeof score>;
  try {
    result = score(vintage, config);
  } catch (error) {
    throw engineErrorToDataError(error, values.config);
  }
  const fr = lang === 'fr';
  if (values.out && format) {
    const content =
      format === 'csv'
        ? scoreCsv(result, { plain: values['plain-csv'] === true })
        : format === 'json'
          ? `${JSON.stringify(result, null, 2)}\n`
          : `${JSON.stringify(scoreGeoJson(result, loadVintageGeometry(vintageId, dir, result.level.id)))}\n`;
    writeOutput(values.out, content);
  }
  const summary = {
    vintage: vintageId,
    level: result.level.id,
    hash: result.hash,
    synthetic: result.synthetic,
    territories: result.counts.territories,
    ranked: result.counts.ranked,
    setAside: result.counts.setAside,
    out: values.out ? resolve(values.out) : null,
    top: result.territories
      .slice(0, top)
      .map((t) => ({ rank: t.rank, code: t.code, name: t.name, score: t.score })),
    warnings: result.warnings.map((w) => w.message),
  };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return 0;
  }
  const nf = new Intl.NumberFormat(fr ? 'fr-FR' : 'en-GB', {
    maximumFractionDigits: 1,
    minimumFractionDigits: 1,
  });
  const lines = [
    `${fr ? 'Millésime' : 'Vintage'} ${vintageId} — ${result.level.label} : ${result.counts.ranked} ${fr ? 'classé(s)' : 'ranked'}, ${result.counts.setAside} ${fr ? 'écarté(s)' : 'set aside'}`,
    ...(result.synthetic
      ? [fr ? 'DÉMONSTRATION – données ESS simulées' : 'DEMONSTRATION – simulated ESS data']
      : []),
    ...result.territories
      .slice(0, top)
      .map(
        (t) =>
          `${String(t.rank ?? '–').padStart(4)}  ${t.score === null ? '   –' : nf.format(t.score).padStart(5)}  ${t.name} (${t.code})`,
      ),
    ...(values.out ? [`${fr ? 'écrit' : 'written'} : ${resolve(values.out)}`] : []),
    ...result.warnings.map((w) => `  ! ${w.message}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

const OPTIONS = {
  config: { type: 'string' },
  vintage: { type: 'string' },
  vintages: { type: 'string' },
  level: { type: 'string' },
  out: { type: 'string' },
  format: { type: 'string' },
  'plain-csv': { type: 'boolean' },
  top: { type: 'string' },
  json: { type: 'boolean' },
} as const;
