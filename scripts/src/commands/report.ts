import { extname, join } from 'node:path';
import { loadConfig, openStore } from '@ptce/api';
import { createRobustnessModel, runMonteCarlo, type ScoreConfig, score } from '@ptce/engine';
import { readScoreConfigFile } from '../config/readScoreConfigFile.ts';
import { DataError } from '../data/DataError.ts';
import { parseCommand, printHelp, writeOutput } from '../lib/command.ts';
import { type Lang, UsageError } from '../lib/terminal.ts';
import { DEFAULT_VINTAGE, loadVintage, vintagesDir } from '../lib/vintages.ts';
import {
  buildReportModel,
  type RobustnessInput,
  readReportGeometry,
  renderReportHtml,
  renderReportPdf,
  type ShortlistInput,
} from '../report/index.ts';
import { engineErrorToDataError } from './engineErrors.ts';

export const REPORT_HELP = {
  fr: `Usage : pnpm ptce report --shortlist ID --out FICHIER.pdf|.html [--data DIR]
        pnpm ptce report --config FICHIER --out FICHIER.pdf|.html [--top N | --territories CODES] [--title TITRE]

Produit le document du cabinet (A4, français) : couverture, synthèse, carte, tableau classé,
une page par territoire retenu, annexes (méthode, provenance des données).

Options :
  --shortlist ID       une liste restreinte enregistrée dans l'API (brouillon ou publiée)
  --data DIR           dossier des données de l'API (défaut : $PTCE_DATA_DIR, sinon data/)
  --config FICHIER     une configuration de calcul (voir scripts/README.md) : la liste est le haut du classement
  --top N              avec --config : nombre de territoires retenus (défaut 5)
  --territories CODES  avec --config : codes des territoires retenus, dans l'ordre, séparés par des virgules
  --title TITRE        avec --config : titre du document
  --robustness N       ajoute les intervalles de rang et la probabilité de rester dans les k premiers (N tirages Monte-Carlo, ex. 1000)
  --out FICHIER        .pdf ou .html
  --vintages DIR       dossier des millésimes (défaut : datasets/build)
  --json               résumé JSON sur la sortie standard
  --lang en            messages en anglais (le document reste en français)`,
  en: `Usage: pnpm ptce report --shortlist ID --out FILE.pdf|.html [--data DIR]
       pnpm ptce report --config FILE --out FILE.pdf|.html [--top N | --territories CODES] [--title TITLE]

Writes the cabinet's document (A4, French): cover, summary, map, ranked table, one page per
shortlisted territory, annexes (method, data provenance).

Options:
  --shortlist ID       a shortlist saved in the API (draft or published)
  --data DIR           the API's data folder (default: $PTCE_DATA_DIR, else data/)
  --config FILE        a scoring configuration (see scripts/README.md): the list is the top of the ranking
  --top N              with --config: number of territories kept (default 5)
  --territories CODES  with --config: codes of the territories kept, in order, comma-separated
  --title TITLE        with --config: the document's title
  --robustness N       adds rank intervals and the probability of staying in the top k (N Monte-Carlo replicates, e.g. 1000)
  --out FILE           .pdf or .html
  --vintages DIR       vintages folder (default: datasets/build)
  --json               JSON summary on standard output
  --lang en            English messages (the document stays in French)`,
};

interface Source {
  vintageId: string;
  config: ScoreConfig;
  configPath?: string;
  shortlist: (territories: { code: string; name: string; rank: number | null }[]) => ShortlistInput;
  frozenHash?: string;
}

export async function reportCommand(argv: string[], lang: Lang): Promise<number> {
  const { values } = parseCommand(argv, REPORT_HELP, OPTIONS);
  if (values.help) return printHelp(REPORT_HELP, lang);
  if (Boolean(values.shortlist) === Boolean(values.config)) {
    throw new UsageError(
      'Donnez --shortlist ID ou --config FICHIER (l’un des deux).',
      'Give --shortlist ID or --config FILE (one of them).',
    );
  }
  if (!values.out || !['.pdf', '.html'].includes(extname(values.out).toLowerCase())) {
    throw new UsageError(
      '--out FICHIER.pdf ou FICHIER.html est obligatoire.',
      '--out FILE.pdf or FILE.html is required.',
    );
  }
  const source = values.shortlist ? await fromShortlist(values.shortlist, values.data) : fromConfig(values);
  const dir = vintagesDir(values.vintages);
  const vintage = loadVintage(source.vintageId, dir);
  let result: ReturnType<typeof score>;
  try {
    result = score(vintage, source.config);
  } catch (error) {
    throw engineErrorToDataError(error, source.configPath);
  }
  const shortlist = source.shortlist(result.territories);
  const replicates = values.robustness === undefined ? 0 : Number(values.robustness);
  if (!Number.isInteger(replicates) || replicates < 0 || replicates > 100_000) {
    throw new UsageError(
      '--robustness : nombre de tirages Monte-Carlo, entier de 0 à 100 000.',
      '--robustness: number of Monte-Carlo replicates, integer from 0 to 100,000.',
    );
  }
  let robustness: RobustnessInput | null = null;
  if (replicates > 0) {
    const topK = Math.max(5, shortlist.items.length);
    const mc = await runMonteCarlo(createRobustnessModel(vintage, source.config), {
      replicates,
      topK,
      seed: 1,
    });
    robustness = {
      topK,
      runs: mc.replicates,
      settings: [
        { label: 'Tirages Monte-Carlo', value: mc.replicates },
        {
          label: 'Pondérations',
          value:
            mc.options.weights.distribution === 'uniform'
              ? `± ${Math.round(mc.options.weights.noise * 100)} %`
              : mc.options.weights.distribution,
        },
        { label: 'Normalisations', value: mc.options.normalisation.join(', ') },
        { label: 'Agrégations', value: mc.options.aggregation.join(', ') },
        { label: 'Imputations', value: mc.options.imputation.join(', ') },
        { label: 'Indicateur retiré à tour de rôle', value: mc.options.leaveOneOut ? 'oui' : 'non' },
        { label: 'Graine', value: mc.seed },
      ],
      territories: Object.fromEntries(
        mc.territories
          .filter((t) => t.p05 !== null && t.p95 !== null)
          .map((t) => [t.code, { p05: t.p05 as number, p95: t.p95 as number, pTopK: t.pTopK }]),
      ),
    };
  }
  const changed = source.frozenHash !== undefined && source.frozenHash !== result.hash;
  const model = buildReportModel({
    vintage,
    result,
    shortlist,
    robustness,
    geometry: readReportGeometry(join(dir, source.vintageId), result.level.id),
  });
  const out = writeOutput(
    values.out,
    extname(values.out).toLowerCase() === '.pdf' ? await renderReportPdf(model) : renderReportHtml(model),
  );
  const fr = lang === 'fr';
  const warnings = changed
    ? [
        fr
          ? `Le résultat recalculé (${result.hash.slice(0, 12)}…) diffère de celui figé dans la liste (${source.frozenHash?.slice(0, 12)}…) : millésime reconstruit ou méthode modifiée depuis.`
          : `The recomputed result (${result.hash.slice(0, 12)}…) differs from the one frozen in the list (${source.frozenHash?.slice(0, 12)}…): the vintage was rebuilt or the method changed since.`,
      ]
    : [];
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({ out, vintage: source.vintageId, level: result.level.id, hash: result.hash, territories: shortlist.items.map((i) => i.code), synthetic: result.synthetic, warnings }, null, 2)}\n`,
    );
  } else {
    process.stdout.write(
      `${fr ? 'Rapport écrit' : 'Report written'} : ${out}\n${warnings.map((w) => `  ! ${w}\n`).join('')}`,
    );
  }
  return 0;
}

async function fromShortlist(id: string, data: string | undefined): Promise<Source> {
  const store = await openStore(data ?? loadConfig(process.env).dataDir);
  try {
    const list = await store.shortlists.get(id);
    if (!list) {
      throw new DataError(
        'UNKNOWN_SHORTLIST',
        {
          fr: `Liste restreinte « ${id} » introuvable.`,
          en: `Shortlist "${id}" not found.`,
          hintFr: 'Vérifiez l’identifiant (GET /api/shortlists) et le dossier --data.',
          hintEn: 'Check the id (GET /api/shortlists) and the --data folder.',
        },
        { value: id },
      );
    }
    const scenario = list.scenarioId ? await store.scenarios.get(list.scenarioId) : null;
    return {
      vintageId: list.vintageId,
      config: { ...(list.config as ScoreConfig), level: list.level, explain: { detail: 'full' } },
      frozenHash: list.resultHash,
      shortlist: () => ({
        title: list.title,
        scenarioName: scenario?.name ?? null,
        items: list.items.map((item) => ({
          code: item.code,
          name: item.name,
          kind: item.kind,
          members: item.members,
          note: item.note,
        })),
        author: list.author,
        createdAt: list.createdAt,
        publishedAt: list.publishedAt,
      }),
    };
  } finally {
    await store.close();
  }
}

function fromConfig(values: ReturnType<typeof parseCommand<typeof OPTIONS>>['values']): Source {
  const file = readScoreConfigFile(values.config as string);
  const top = values.top === undefined ? 5 : Number(values.top);
  if (!Number.isInteger(top) || top < 1 || top > 30)
    throw new UsageError('--top attend un entier de 1 à 30.', '--top expects an integer from 1 to 30.');
  const codes = values.territories
    ?.split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  return {
    vintageId: file.vintage ?? DEFAULT_VINTAGE,
    config: { ...file.config, explain: { detail: 'full' } },
    configPath: values.config,
    shortlist: (territories) => {
      const chosen = codes
        ? codes.map((code) => {
            const t = territories.find((x) => x.code === code);
            if (!t) {
              throw new DataError(
                'UNKNOWN_TERRITORY',
                {
                  fr: `Territoire ${code} absent du classement à ce niveau.`,
                  en: `Territory ${code} is not in the ranking at this level.`,
                  hintFr: 'Donnez des codes du niveau choisi (ex. codes SIREN des EPCI).',
                  hintEn: 'Give codes of the chosen level (e.g. the EPCI SIREN codes).',
                },
                { field: '--territories', value: code },
              );
            }
            return t;
          })
        : territories.filter((t) => t.rank !== null).slice(0, top);
      return {
        title: values.title ?? 'Territoires pressentis pour un pôle territorial de coopération économique',
        scenarioName: file.description ?? null,
        items: chosen.map((t) => ({ code: t.code, name: t.name, kind: 'territory' as const, note: '' })),
        author: 'ptce report',
        createdAt: new Date().toISOString(),
        publishedAt: null,
      };
    },
  };
}

const OPTIONS = {
  shortlist: { type: 'string' },
  data: { type: 'string' },
  config: { type: 'string' },
  top: { type: 'string' },
  territories: { type: 'string' },
  title: { type: 'string' },
  robustness: { type: 'string' },
  out: { type: 'string' },
  vintages: { type: 'string' },
  json: { type: 'boolean' },
} as const;
