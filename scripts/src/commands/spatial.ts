import { extname, resolve } from 'node:path';
import { analyseSpatial, type ScoreConfig } from '@ptce/engine';
import type { Feature } from 'geojson';
import { readScoreConfigFile } from '../config/readScoreConfigFile.ts';
import { parseCommand, printHelp, writeOutput } from '../lib/command.ts';
import { type Lang, UsageError } from '../lib/terminal.ts';
import { DEFAULT_VINTAGE, loadVintage, loadVintageGeometry, vintagesDir } from '../lib/vintages.ts';
import { type CsvStyle, csvDocument, csvNumber, csvText } from '../output/csvFormat.ts';
import { engineErrorToDataError } from './engineErrors.ts';

export const SPATIAL_HELP = {
  fr: `Usage : pnpm ptce spatial [--config FICHIER] [--level NIVEAU] [--value VALEUR] [--out FICHIER] [options]

Autocorrélation spatiale d'un score : I de Moran global (normalité, randomisation, permutations),
classes LISA (Haut-Haut, Bas-Bas, Haut-Bas, Bas-Haut) et points chauds Gi*, sur la contiguïté
(reine par défaut) des territoires du niveau.

Options :
  --config FICHIER      configuration de calcul (scripts/README.md)
  --vintage ID          millésime (défaut : celui de la configuration, sinon ${DEFAULT_VINTAGE})
  --level NIVEAU        niveau analysé (défaut : celui de la configuration, sinon commune)
  --value VALEUR        score (défaut), need, potential, dimension:<id>, indicator:<id>
  --contiguity K        queen (défaut) ou rook
  --permutations N      permutations (défaut 999)
  --alpha A             seuil de significativité (défaut 0,05)
  --correction C        none (défaut), bonferroni ou fdr
  --seed N              graine (défaut 1234567890)
  --out FICHIER         .json (tout le résultat), .csv (une ligne par territoire) ou .geojson
  --plain-csv           CSV international (« , » et point décimal)
  --json                résumé JSON ; --lang en : messages en anglais`,
  en: `Usage: pnpm ptce spatial [--config FILE] [--level LEVEL] [--value VALUE] [--out FILE] [options]

Spatial autocorrelation of a score: global Moran's I (normality, randomisation, permutations),
LISA clusters (High-High, Low-Low, High-Low, Low-High) and Gi* hot spots, on the contiguity
(queen by default) of the level's territories.

Options:
  --config FILE         scoring configuration (scripts/README.md)
  --vintage ID          vintage (default: the configuration's, else ${DEFAULT_VINTAGE})
  --level LEVEL         level analysed (default: the configuration's, else commune)
  --value VALUE         score (default), need, potential, dimension:<id>, indicator:<id>
  --contiguity K        queen (default) or rook
  --permutations N      permutations (default 999)
  --alpha A             significance level (default 0.05)
  --correction C        none (default), bonferroni or fdr
  --seed N              seed (default 1234567890)
  --out FILE            .json (the whole result), .csv (one row per territory) or .geojson
  --plain-csv           international CSV ("," and decimal point)
  --json                JSON summary; --lang en: English messages`,
};

function numberOption(
  value: string | undefined,
  name: string,
  integer: boolean,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.replace(',', '.'));
  if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    throw new UsageError(
      `${name} : ${integer ? 'entier' : 'nombre'} de ${min} à ${max} attendu.`,
      `${name}: ${integer ? 'integer' : 'number'} from ${min} to ${max} expected.`,
    );
  }
  return n;
}

export { numberOption };

export async function spatialCommand(argv: string[], lang: Lang): Promise<number> {
  const { values } = parseCommand(argv, SPATIAL_HELP, OPTIONS);
  if (values.help) return printHelp(SPATIAL_HELP, lang);
  const format = values.out ? extname(values.out).slice(1).toLowerCase() : undefined;
  if (format !== undefined && !['json', 'csv', 'geojson'].includes(format)) {
    throw new UsageError('--out : .json, .csv ou .geojson.', '--out: .json, .csv or .geojson.');
  }
  if (values.contiguity && !['queen', 'rook'].includes(values.contiguity))
    throw new UsageError('--contiguity : queen ou rook.', '--contiguity: queen or rook.');
  if (values.correction && !['none', 'bonferroni', 'fdr'].includes(values.correction)) {
    throw new UsageError('--correction : none, bonferroni ou fdr.', '--correction: none, bonferroni or fdr.');
  }
  const file = values.config ? readScoreConfigFile(values.config) : undefined;
  const config: ScoreConfig = { ...(file?.config ?? {}), ...(values.level ? { level: values.level } : {}) };
  const vintageId = values.vintage ?? file?.vintage ?? DEFAULT_VINTAGE;
  const dir = vintagesDir(values.vintages);
  const vintage = loadVintage(vintageId, dir);
  const level = config.level ?? 'commune';
  let result: ReturnType<typeof analyseSpatial>;
  let features: Feature[];
  try {
    if (level !== 'commune' && !vintage.zonings.some((z) => z.id === level))
      analyseSpatial(vintage, [], { config });
    features = loadVintageGeometry(vintageId, dir, level).features as Feature[];
    result = analyseSpatial(vintage, features, {
      config,
      ...(values.value ? { value: values.value } : {}),
      ...(values.contiguity ? { contiguity: values.contiguity as 'queen' | 'rook' } : {}),
      ...(values.correction ? { correction: values.correction as 'none' } : {}),
      ...(values.permutations
        ? { permutations: numberOption(values.permutations, '--permutations', true, 0, 99999) }
        : {}),
      ...(values.alpha ? { alpha: numberOption(values.alpha, '--alpha', false, 1e-6, 0.5) } : {}),
      ...(values.seed ? { seed: numberOption(values.seed, '--seed', true, 0, 2 ** 31) } : {}),
    });
  } catch (error) {
    throw engineErrorToDataError(error, values.config);
  }
  if (values.out && format) {
    const style: CsvStyle = { plain: values['plain-csv'] === true };
    const names = new Map(
      features.map((f) => [String(f.properties?.code), String(f.properties?.name ?? '')]),
    );
    const geometryOf = new Map(features.map((f) => [String(f.properties?.code), f.geometry]));
    const content =
      format === 'json'
        ? `${JSON.stringify(result, null, 2)}\n`
        : format === 'csv'
          ? csvDocument(
              [
                [
                  'code',
                  'nom',
                  'valeur',
                  'classe LISA',
                  'p LISA',
                  'décalage spatial',
                  'classe Gi*',
                  'z Gi*',
                ].map((h) => csvText(h, style)),
                ...result.codes.map((code, i) => [
                  csvText(code, style),
                  csvText(names.get(code) ?? '', style),
                  csvNumber(result.values[i], style),
                  csvText(result.lisa.labels[i], style),
                  csvNumber(result.lisa.pValues[i], style),
                  csvNumber(result.lisa.lag[i], style),
                  csvText(result.giStar.labels[i], style),
                  csvNumber(result.giStar.z[i], style),
                ]),
              ],
              style,
            )
          : `${JSON.stringify({
              type: 'FeatureCollection',
              features: result.codes.map((code, i) => ({
                type: 'Feature',
                geometry: geometryOf.get(code) ?? null,
                properties: {
                  code: result.codes[i],
                  name: names.get(result.codes[i]),
                  value: result.values[i],
                  lisa: result.lisa.labels[i],
                  lisaCode: result.lisa.clusters[i],
                  lisaP: result.lisa.pValues[i],
                  giStar: result.giStar.labels[i],
                },
              })),
            })}\n`;
    writeOutput(values.out, content);
  }
  const counts: Record<string, number> = {};
  for (const label of result.lisa.labels) counts[label] = (counts[label] ?? 0) + 1;
  const summary = {
    vintage: vintageId,
    level: result.level,
    value: result.value,
    moranI: result.moran.I,
    pNormality: result.moran.normality.p,
    pRandomisation: result.moran.randomisation.p,
    pPermutation: result.moran.permutation?.p ?? null,
    lisa: counts,
    islands: result.weights.islands,
    synthetic: result.synthetic,
    out: values.out ? resolve(values.out) : null,
  };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return 0;
  }
  const fr = lang === 'fr';
  const f = (x: number | null) =>
    x === null
      ? '–'
      : new Intl.NumberFormat(fr ? 'fr-FR' : 'en-GB', { maximumSignificantDigits: 3 }).format(x);
  process.stdout.write(
    `${[
      `${result.label} — ${result.level}, ${result.codes.length} ${fr ? 'territoires' : 'territories'}${result.synthetic ? (fr ? ' (DÉMONSTRATION – données ESS simulées)' : ' (DEMONSTRATION – simulated ESS data)') : ''}`,
      `  ${fr ? 'I de Moran' : "Moran's I"} = ${f(result.moran.I)} (E[I] = ${f(result.moran.expected)}) ; p ${fr ? 'normalité' : 'normality'} ${f(result.moran.normality.p)}, p randomisation ${f(result.moran.randomisation.p)}, p permutations ${f(result.moran.permutation?.p ?? null)}`,
      `  LISA (${fr ? 'seuil' : 'cutoff'} ${f(result.lisa.cutoff)}) : ${Object.entries(counts)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
      ...(result.weights.islands.length
        ? [`  ${fr ? 'sans voisin' : 'islands'} : ${result.weights.islands.join(', ')}`]
        : []),
      ...(values.out ? [`${fr ? 'écrit' : 'written'} : ${resolve(values.out)}`] : []),
    ].join('\n')}\n`,
  );
  return 0;
}

const OPTIONS = {
  config: { type: 'string' },
  vintage: { type: 'string' },
  vintages: { type: 'string' },
  level: { type: 'string' },
  value: { type: 'string' },
  contiguity: { type: 'string' },
  permutations: { type: 'string' },
  alpha: { type: 'string' },
  correction: { type: 'string' },
  seed: { type: 'string' },
  out: { type: 'string' },
  'plain-csv': { type: 'boolean' },
  json: { type: 'boolean' },
} as const;
