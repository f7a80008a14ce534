import { extname, resolve } from 'node:path';
import { compareVintages, createRobustnessModel, type ScoreConfig } from '@ptce/engine';
import { readScoreConfigFile } from '../config/readScoreConfigFile.ts';
import { parseCommand, printHelp, writeOutput } from '../lib/command.ts';
import { type Lang, UsageError } from '../lib/terminal.ts';
import { loadVintage, vintagesDir } from '../lib/vintages.ts';
import { type CsvStyle, csvDocument, csvNumber, csvText } from '../output/csvFormat.ts';
import { engineErrorToDataError } from './engineErrors.ts';

export const DIFF_HELP = {
  fr: `Usage : pnpm ptce diff --from MILLÉSIME --to MILLÉSIME [--config FICHIER] [--level NIVEAU] [--out FICHIER]

Changements de rang entre deux éditions INSEE, avec le même cadre et la même méthode, et les
indicateurs qui les expliquent (chacun remplacé seul par sa nouvelle valeur).

Options :
  --from ID, --to ID    les deux millésimes (ex. bas-rhin-2021 et bas-rhin-2022)
  --config FICHIER      configuration de calcul (scripts/README.md)
  --level NIVEAU        niveau (défaut : celui de la configuration, sinon commune)
  --drivers N           indicateurs moteurs listés par territoire (défaut 3)
  --top N               lignes affichées (défaut 10 : les plus grands changements)
  --out FICHIER         .json ou .csv
  --plain-csv           CSV international
  --vintages DIR        dossier des millésimes
  --json                résultat JSON ; --lang en : messages en anglais`,
  en: `Usage: pnpm ptce diff --from VINTAGE --to VINTAGE [--config FILE] [--level LEVEL] [--out FILE]

Rank changes between two INSEE editions, with the same framework and method, and the
indicators that explain them (each one alone swapped for its new value).

Options:
  --from ID, --to ID    the two vintages (e.g. bas-rhin-2021 and bas-rhin-2022)
  --config FILE         scoring configuration (scripts/README.md)
  --level LEVEL         level (default: the configuration's, else commune)
  --drivers N           driving indicators listed per territory (default 3)
  --top N               rows shown (default 10: the largest changes)
  --out FILE            .json or .csv
  --plain-csv           international CSV
  --vintages DIR        vintages folder
  --json                JSON result; --lang en: English messages`,
};

const OPTIONS = {
  from: { type: 'string' },
  to: { type: 'string' },
  config: { type: 'string' },
  level: { type: 'string' },
  drivers: { type: 'string' },
  top: { type: 'string' },
  out: { type: 'string' },
  'plain-csv': { type: 'boolean' },
  vintages: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export async function diffCommand(argv: string[], lang: Lang): Promise<number> {
  const { values } = parseCommand(argv, DIFF_HELP, OPTIONS);
  if (values.help) return printHelp(DIFF_HELP, lang);
  if (!values.from || !values.to)
    throw new UsageError('--from et --to sont obligatoires.', '--from and --to are required.');
  const format = values.out ? extname(values.out).slice(1).toLowerCase() : undefined;
  if (format !== undefined && !['json', 'csv'].includes(format))
    throw new UsageError('--out : .json ou .csv.', '--out: .json or .csv.');
  const drivers = values.drivers === undefined ? 3 : Number(values.drivers);
  const top = values.top === undefined ? 10 : Number(values.top);
  if (!Number.isInteger(drivers) || drivers < 0 || drivers > 30)
    throw new UsageError('--drivers : entier de 0 à 30.', '--drivers: integer from 0 to 30.');
  if (!Number.isInteger(top) || top < 1) throw new UsageError('--top : entier ≥ 1.', '--top: integer ≥ 1.');
  const file = values.config ? readScoreConfigFile(values.config) : undefined;
  const config: ScoreConfig = { ...(file?.config ?? {}), ...(values.level ? { level: values.level } : {}) };
  const dir = vintagesDir(values.vintages);
  const before = loadVintage(values.from, dir);
  const after = loadVintage(values.to, dir);
  let result: ReturnType<typeof compareVintages>;
  try {
    result = compareVintages(createRobustnessModel(before, config), createRobustnessModel(after, config), {
      drivers,
    });
  } catch (error) {
    throw engineErrorToDataError(error, values.config);
  }
  const fr = lang === 'fr';
  if (values.out && format) {
    const style: CsvStyle = { plain: values['plain-csv'] === true };
    const content =
      format === 'json'
        ? `${JSON.stringify(result, null, 2)}\n`
        : csvDocument(
            [
              [
                'code',
                'nom',
                'rang avant',
                'rang après',
                'changement',
                'score avant',
                'score après',
                'indicateurs moteurs',
              ].map((h) => csvText(h, style)),
              ...result.territories.map((t) => [
                csvText(t.code, style),
                csvText(t.name, style),
                t.rankBefore === null ? '' : String(t.rankBefore),
                t.rankAfter === null ? '' : String(t.rankAfter),
                t.change === null ? '' : String(t.change),
                csvNumber(t.scoreBefore, style),
                csvNumber(t.scoreAfter, style),
                csvText(
                  t.drivers
                    .map((d) => `${d.label} (${d.rankEffect > 0 ? '+' : ''}${d.rankEffect})`)
                    .join(' | '),
                  style,
                ),
              ]),
            ],
            style,
          );
    writeOutput(values.out, content);
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  }
  const moved = [...result.territories]
    .filter((t) => t.change !== null)
    .sort((a, b) => Math.abs(b.change ?? 0) - Math.abs(a.change ?? 0));
  const f = (x: number | null) =>
    x === null ? '–' : new Intl.NumberFormat(fr ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 2 }).format(x);
  process.stdout.write(
    `${[
      `${values.from} → ${values.to} — ${result.level} : ${fr ? 'corrélation des rangs' : 'rank correlation'} ${f(result.rankCorrelation)}, ${fr ? 'changement moyen' : 'mean change'} ${f(result.meanAbsoluteChange)}, max ${f(result.maxAbsoluteChange)}`,
      ...(result.added.length || result.removed.length
        ? [
            `  ${fr ? 'ajoutés' : 'added'} : ${result.added.length}, ${fr ? 'retirés' : 'removed'} : ${result.removed.length}`,
          ]
        : []),
      ...moved
        .slice(0, top)
        .map(
          (t) =>
            `  ${t.name} (${t.code}) : ${t.rankBefore} → ${t.rankAfter} (${(t.change ?? 0) > 0 ? '+' : ''}${t.change})${t.drivers.length ? ` — ${t.drivers.map((d) => `${d.label} ${d.rankEffect > 0 ? '+' : ''}${d.rankEffect}`).join(', ')}` : ''}`,
        ),
      ...(values.out ? [`${fr ? 'écrit' : 'written'} : ${resolve(values.out)}`] : []),
    ].join('\n')}\n`,
  );
  return 0;
}
