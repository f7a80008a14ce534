import { extname, resolve } from 'node:path';
import {
  addRankIntervals,
  type CandidateZoneRequest,
  proposeCandidateZones,
  type ScoreConfig,
} from '@ptce/engine';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { readScoreConfigFile } from '../config/readScoreConfigFile.ts';
import { PolygonMesh } from '../data/polygonMesh.ts';
import { parseCommand, printHelp, writeOutput } from '../lib/command.ts';
import { type Lang, UsageError } from '../lib/terminal.ts';
import { DEFAULT_VINTAGE, loadVintage, loadVintageGeometry, vintagesDir } from '../lib/vintages.ts';
import { type CsvStyle, csvDocument, csvNumber, csvText } from '../output/csvFormat.ts';
import { engineErrorToDataError } from './engineErrors.ts';
import { numberOption } from './spatial.ts';

export const CANDIDATES_HELP = {
  fr: `Usage : pnpm ptce candidates [--config FICHIER] [contraintes] [--out FICHIER] [options]

Propose des zones PTCE candidates : des communes contiguës du département qui respectent les
contraintes et maximisent la moyenne de leur score pondérée par la population (recherche par
croissance de région, graine fixe), comparées aux EPCI, bassins de vie et cantons sur le même pied.

Contraintes :
  --min-population N, --max-population N   population de la zone
  --min-communes N, --max-communes N        nombre de communes
  --same-epci                               rester dans un seul EPCI
  --exclude CODES                           communes exclues (codes séparés par des virgules)
  --include CODE                            commune que chaque zone doit contenir
Options :
  --config FICHIER     configuration de calcul des communes (scripts/README.md)
  --vintage ID         millésime (défaut : celui de la configuration, sinon ${DEFAULT_VINTAGE})
  --objective O        score (défaut), need ou potential
  --count N            nombre de zones (défaut 5)
  --seed N             graine (défaut 1)
  --intervals N        intervalles de rang de chaque zone et unité (N tirages Monte-Carlo du module de robustesse)
  --out FICHIER        .json (tout), .csv (une ligne par zone et par unité comparée) ou .geojson (contours des zones)
  --plain-csv          CSV international
  --json               résumé JSON ; --lang en : messages en anglais`,
  en: `Usage: pnpm ptce candidates [--config FILE] [constraints] [--out FILE] [options]

Proposes candidate PTCE zones: contiguous communes of the département that satisfy the
constraints and maximise the population-weighted mean of their score (region growing, fixed
seed), compared on the same footing with the EPCI, bassins de vie and cantons.

Constraints:
  --min-population N, --max-population N   population of a zone
  --min-communes N, --max-communes N        number of communes
  --same-epci                               stay inside one EPCI
  --exclude CODES                           excluded communes (comma-separated codes)
  --include CODE                            a commune every zone must contain
Options:
  --config FILE        scoring configuration of the communes (scripts/README.md)
  --vintage ID         vintage (default: the configuration's, else ${DEFAULT_VINTAGE})
  --objective O        score (default), need or potential
  --count N            number of zones (default 5)
  --seed N             seed (default 1)
  --intervals N        rank interval of each zone and unit (N Monte-Carlo replicates of the robustness module)
  --out FILE           .json (all), .csv (one row per zone and compared unit) or .geojson (zone outlines)
  --plain-csv          international CSV
  --json               JSON summary; --lang en: English messages`,
};

export async function candidatesCommand(argv: string[], lang: Lang): Promise<number> {
  const { values } = parseCommand(argv, CANDIDATES_HELP, OPTIONS);
  if (values.help) return printHelp(CANDIDATES_HELP, lang);
  const format = values.out ? extname(values.out).slice(1).toLowerCase() : undefined;
  if (format !== undefined && !['json', 'csv', 'geojson'].includes(format))
    throw new UsageError('--out : .json, .csv ou .geojson.', '--out: .json, .csv or .geojson.');
  if (values.objective && !['score', 'need', 'potential'].includes(values.objective)) {
    throw new UsageError('--objective : score, need ou potential.', '--objective: score, need or potential.');
  }
  const codes = (text: string | undefined, name: string) => {
    const list = text
      ?.split(',')
      .map((c) => c.trim())
      .filter(Boolean);
    if (list?.some((c) => !/^(\d{2}|2[AB])\d{3}$/.test(c)))
      throw new UsageError(
        `${name} : codes commune à 5 caractères attendus.`,
        `${name}: 5-character commune codes expected.`,
      );
    return list;
  };
  const request: Partial<CandidateZoneRequest> = {
    ...(values.objective ? { objective: values.objective as 'score' } : {}),
    ...(values['min-population']
      ? { minPopulation: numberOption(values['min-population'], '--min-population', false, 0, 1e8) }
      : {}),
    ...(values['max-population']
      ? { maxPopulation: numberOption(values['max-population'], '--max-population', false, 0, 1e8) }
      : {}),
    ...(values['min-communes']
      ? { minCommunes: numberOption(values['min-communes'], '--min-communes', true, 1, 40000) }
      : {}),
    ...(values['max-communes']
      ? { maxCommunes: numberOption(values['max-communes'], '--max-communes', true, 1, 40000) }
      : {}),
    ...(values['same-epci'] ? { sameEpci: true } : {}),
    ...(values.exclude ? { excluded: codes(values.exclude, '--exclude') } : {}),
    ...(values.include ? { mustInclude: codes(values.include, '--include')?.[0] ?? null } : {}),
    ...(values.count ? { count: numberOption(values.count, '--count', true, 1, 20) } : {}),
    ...(values.seed ? { seed: numberOption(values.seed, '--seed', true, 0, 2 ** 31) } : {}),
  };
  const file = values.config ? readScoreConfigFile(values.config) : undefined;
  const config: ScoreConfig = file?.config ?? {};
  const vintageId = values.vintage ?? file?.vintage ?? DEFAULT_VINTAGE;
  const dir = vintagesDir(values.vintages);
  const vintage = loadVintage(vintageId, dir);
  const features = loadVintageGeometry(vintageId, dir, 'commune').features as Feature[];
  let result: ReturnType<typeof proposeCandidateZones>;
  try {
    result = proposeCandidateZones(vintage, features, { ...request, config });
    const replicates = numberOption(values.intervals, '--intervals', true, 0, 100_000);
    if (replicates) result = await addRankIntervals(vintage, result, { replicates });
  } catch (error) {
    throw engineErrorToDataError(error, values.config);
  }
  if (values.out && format) {
    const style: CsvStyle = { plain: values['plain-csv'] === true };
    let content: string;
    if (format === 'json') content = `${JSON.stringify(result, null, 2)}\n`;
    else if (format === 'csv') {
      const header = [
        'type',
        'code',
        'nom',
        'rang objectif',
        'objectif',
        'score composite',
        'rang composite',
        'population',
        'communes',
        'compacité',
        'arrêt',
        'membres',
      ];
      content = csvDocument(
        [
          header.map((h) => csvText(h, style)),
          ...result.candidates.map((c) => [
            csvText('zone candidate', style),
            c.id,
            csvText(c.name, style),
            String(c.rank),
            csvNumber(c.objectiveScore, style),
            csvNumber(c.compositeScore, style),
            c.compositeRank === null ? '' : String(c.compositeRank),
            csvNumber(c.population, style, 0),
            String(c.communes),
            csvNumber(c.compactness, style, 3),
            csvText(c.stop.message, style),
            csvText(c.members.join(' '), style),
          ]),
          ...result.zonings.flatMap((z) =>
            z.units.map((u) => [
              csvText(z.label, style),
              csvText(u.code, style),
              csvText(u.name, style),
              String(u.objectiveRank),
              csvNumber(u.objectiveScore, style),
              csvNumber(u.compositeScore, style),
              u.compositeRank === null ? '' : String(u.compositeRank),
              csvNumber(u.population, style, 0),
              String(u.communes),
              csvNumber(u.compactness, style, 3),
              '',
              '',
            ]),
          ),
        ],
        style,
      );
    } else {
      // Zone outlines: the member communes dissolved along their shared borders.
      const mesh = new PolygonMesh(features.map((f) => f.geometry as Polygon | MultiPolygon));
      const zoneOf = new Map(result.candidates.flatMap((c, k) => c.members.map((m) => [m, k] as const)));
      const shapes = mesh.dissolve(
        Int32Array.from(features, (f) => zoneOf.get(String(f.properties?.code)) ?? -1),
        result.candidates.length,
      );
      content = `${JSON.stringify({
        type: 'FeatureCollection',
        features: result.candidates.map((c, k) => ({
          type: 'Feature',
          geometry: shapes[k] ? mesh.geometry(shapes[k]) : null,
          properties: {
            id: c.id,
            name: c.name,
            rank: c.rank,
            objectiveScore: c.objectiveScore,
            compositeScore: c.compositeScore,
            population: c.population,
            communes: c.communes,
            members: c.members,
            stop: c.stop.message,
          },
        })),
      })}\n`;
    }
    writeOutput(values.out, content);
  }
  const summary = {
    vintage: vintageId,
    objective: result.objectiveLabel,
    candidates: result.candidates.map((c) => ({
      id: c.id,
      name: c.name,
      population: c.population,
      communes: c.communes,
      objectiveScore: c.objectiveScore,
      compositeRank: c.compositeRank,
      stop: c.stop.code,
      rankInterval: c.rankInterval ?? null,
    })),
    message: result.message,
    synthetic: result.synthetic,
    out: values.out ? resolve(values.out) : null,
  };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return 0;
  }
  const fr = lang === 'fr';
  const nf = new Intl.NumberFormat(fr ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 1 });
  const lines = [
    `${fr ? 'Zones candidates' : 'Candidate zones'} — ${fr ? 'objectif' : 'objective'} : ${result.objectiveLabel}${result.synthetic ? (fr ? ' (DÉMONSTRATION – données ESS simulées)' : ' (DEMONSTRATION – simulated ESS data)') : ''}`,
    ...(result.candidates.length === 0 ? [`  ${result.message}`] : []),
    ...result.candidates.map(
      (c) =>
        `  ${c.id}  ${c.name} : ${nf.format(c.population)} hab., ${c.communes} communes, ${fr ? 'objectif' : 'objective'} ${nf.format(c.objectiveScore)}, ${fr ? 'rang composite' : 'composite rank'} ${c.compositeRank ?? '–'}${c.rankInterval ? ` (${fr ? 'intervalle' : 'interval'} ${c.rankInterval.p05}–${c.rankInterval.p95})` : ''}\n      ${c.stop.message}`,
    ),
    ...result.zonings.map((z) => {
      const best = [...z.units].sort((a, b) => (a.compositeRank ?? 1e9) - (b.compositeRank ?? 1e9))[0];
      return `  ${fr ? 'meilleure unité' : 'best unit'} ${z.label} : ${best?.name ?? '–'} (${fr ? 'rang composite' : 'composite rank'} ${best?.compositeRank ?? '–'})`;
    }),
    ...(values.out ? [`${fr ? 'écrit' : 'written'} : ${resolve(values.out)}`] : []),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

const OPTIONS = {
  config: { type: 'string' },
  vintage: { type: 'string' },
  vintages: { type: 'string' },
  objective: { type: 'string' },
  'min-population': { type: 'string' },
  'max-population': { type: 'string' },
  'min-communes': { type: 'string' },
  'max-communes': { type: 'string' },
  'same-epci': { type: 'boolean' },
  exclude: { type: 'string' },
  include: { type: 'string' },
  count: { type: 'string' },
  seed: { type: 'string' },
  intervals: { type: 'string' },
  out: { type: 'string' },
  'plain-csv': { type: 'boolean' },
  json: { type: 'boolean' },
} as const;
