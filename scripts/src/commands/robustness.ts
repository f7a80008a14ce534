import { availableParallelism } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { RobustnessWorkers } from '@ptce/api';
import {
  analyseRedundancy,
  createRobustnessModel,
  estimateRuns,
  type RobustnessOptions,
  runMonteCarlo,
  runSobol,
  type ScoreConfig,
} from '@ptce/engine';
import { readScoreConfigFile } from '../config/readScoreConfigFile.ts';
import { parseCommand, printHelp, writeOutput } from '../lib/command.ts';
import { isInteractive, type Lang, progressBar, UsageError } from '../lib/terminal.ts';
import { DEFAULT_VINTAGE, loadVintage, vintagesDir } from '../lib/vintages.ts';
import { type CsvStyle, csvDocument, csvNumber, csvText } from '../output/csvFormat.ts';
import { engineErrorToDataError } from './engineErrors.ts';
import { numberOption } from './spatial.ts';

export const ROBUSTNESS_HELP = {
  fr: `Usage : pnpm ptce robustness [--config FICHIER] [--level NIVEAU] [--analysis A] [options] [--out FICHIER]

Robustesse du classement : le classement changerait-il avec d'autres choix défendables ?
  montecarlo (défaut)  intervalles de rang (5e-95e centile), probabilité de rester dans les k premiers
  sobol                indices de Sobol (premier ordre et total) de chaque choix incertain
  redundancy           corrélations entre indicateurs, alpha de Cronbach, poids effectifs
Le nombre de calculs du modèle est affiché avant de lancer.

Options :
  --config FICHIER      configuration de calcul (scripts/README.md)
  --vintage ID          millésime (défaut : celui de la configuration, sinon ${DEFAULT_VINTAGE})
  --level NIVEAU        niveau (défaut : celui de la configuration, sinon commune)
  --replicates N        tirages Monte-Carlo (défaut 1 000)
  --base-samples N      échantillons de base de Sobol (défaut 1 000 ; coût N × (k + 2))
  --top K               k de « rester dans les k premiers » (défaut 5)
  --noise X             perturbation des poids ± X (défaut 0,25)
  --dirichlet C         poids tirés d'une loi de Dirichlet de concentration C (au lieu de ± X)
  --seed N              graine (défaut 1)
  --threads N           fils de calcul Monte-Carlo, mêmes résultats (défaut : les cœurs, 4 au plus,
                        pour un long calcul – tirages × territoires ≥ 20 millions –, sinon 1)
  --out FICHIER         .json (tout) ou .csv (une ligne par territoire, ou par facteur pour Sobol)
  --plain-csv           CSV international
  --json                résumé JSON ; --lang en : messages en anglais`,
  en: `Usage: pnpm ptce robustness [--config FILE] [--level LEVEL] [--analysis A] [options] [--out FILE]

Robustness of the ranking: would it change under other defensible choices?
  montecarlo (default) rank intervals (5th-95th percentile), probability of staying in the top k
  sobol                Sobol indices (first order and total) of each uncertain choice
  redundancy           correlations between indicators, Cronbach's alpha, effective weights
The number of model runs is shown before running.

Options:
  --config FILE         scoring configuration (scripts/README.md)
  --vintage ID          vintage (default: the configuration's, else ${DEFAULT_VINTAGE})
  --level LEVEL         level (default: the configuration's, else commune)
  --replicates N        Monte-Carlo replicates (default 1,000)
  --base-samples N      Sobol base samples (default 1,000; cost N × (k + 2))
  --top K               k of "staying in the top k" (default 5)
  --noise X             weights perturbed by ± X (default 0.25)
  --dirichlet C         weights drawn from a Dirichlet of concentration C (instead of ± X)
  --seed N              seed (default 1)
  --threads N           Monte-Carlo threads, same results (default: the cores, at most 4, for a long
                        run – replicates × territories ≥ 20 million –, else 1)
  --out FILE            .json (all) or .csv (one row per territory, or per factor for Sobol)
  --plain-csv           international CSV
  --json                JSON summary; --lang en: English messages`,
};

const OPTIONS = {
  config: { type: 'string' },
  vintage: { type: 'string' },
  vintages: { type: 'string' },
  level: { type: 'string' },
  analysis: { type: 'string' },
  replicates: { type: 'string' },
  'base-samples': { type: 'string' },
  top: { type: 'string' },
  noise: { type: 'string' },
  dirichlet: { type: 'string' },
  seed: { type: 'string' },
  threads: { type: 'string' },
  out: { type: 'string' },
  'plain-csv': { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

/**
 * Worker threads a Monte-Carlo run gets without `--threads`: the cores (at most 4) when the run is
 * long enough to repay starting them — each loads the TypeScript and the vintage and builds the
 * model, 1 to 3 s here — else none. Measured on this 2-core machine: 3,000 replicates on the
 * Bas-Rhin communes (1.5 M territory-runs) took 5.5 s in one thread and 11 s with two.
 */
function defaultThreads(replicates: number, territories: number): number {
  return replicates * territories >= 20_000_000 ? Math.min(availableParallelism(), 4) : 1;
}

export async function robustnessCommand(argv: string[], lang: Lang): Promise<number> {
  const { values } = parseCommand(argv, ROBUSTNESS_HELP, OPTIONS);
  if (values.help) return printHelp(ROBUSTNESS_HELP, lang);
  const analysis = (values.analysis ?? 'montecarlo').toLowerCase();
  if (!['montecarlo', 'sobol', 'redundancy'].includes(analysis)) {
    throw new UsageError(
      '--analysis : montecarlo, sobol ou redundancy.',
      '--analysis: montecarlo, sobol or redundancy.',
    );
  }
  const format = values.out ? extname(values.out).slice(1).toLowerCase() : undefined;
  if (format !== undefined && !['json', 'csv'].includes(format))
    throw new UsageError('--out : .json ou .csv.', '--out: .json or .csv.');
  const replicates = numberOption(values.replicates, '--replicates', true, 1, 1_000_000);
  const baseSamples = numberOption(values['base-samples'], '--base-samples', true, 10, 100_000);
  const topK = numberOption(values.top, '--top', true, 1, 1000);
  const seed = numberOption(values.seed, '--seed', true, 0, 2 ** 31);
  const threads = numberOption(values.threads, '--threads', true, 1, 64);
  const noise = numberOption(values.noise, '--noise', false, 0, 0.99);
  const concentration = numberOption(values.dirichlet, '--dirichlet', false, 1, 1e6);
  const uncertainty: RobustnessOptions = {
    ...(concentration !== undefined ? { weights: { distribution: 'dirichlet', concentration } } : {}),
    ...(noise !== undefined ? { weights: { distribution: 'uniform', noise } } : {}),
  };
  const file = values.config ? readScoreConfigFile(values.config) : undefined;
  const config: ScoreConfig = { ...(file?.config ?? {}), ...(values.level ? { level: values.level } : {}) };
  const vintageId = values.vintage ?? file?.vintage ?? DEFAULT_VINTAGE;
  const dir = vintagesDir(values.vintages);
  const vintage = loadVintage(vintageId, dir);
  const fr = lang === 'fr';
  const interactive = isInteractive() && !values.json;
  const f = (x: number | null) =>
    x === null
      ? '–'
      : new Intl.NumberFormat(fr ? 'fr-FR' : 'en-GB', {
          minimumFractionDigits: 2,
          maximumFractionDigits: 2,
        }).format(x);
  let result: unknown;
  let lines: string[] = [];
  let csvRows: string[][] = [];
  const style: CsvStyle = { plain: values['plain-csv'] === true };
  try {
    const model = createRobustnessModel(vintage, config, uncertainty);
    if (analysis === 'redundancy') {
      const r = analyseRedundancy(model);
      result = r;
      lines = [
        `${fr ? 'Redondance et cohérence' : 'Redundancy and coherence'} — ${model.level}, ${r.territories} ${fr ? 'territoires' : 'territories'}`,
        ...r.dimensions.map(
          (d) =>
            `  alpha de Cronbach ${d.label} : ${f(d.alpha)} (${d.items} ${fr ? 'indicateurs' : 'indicators'})${d.note ? ` — ${d.note}` : ''}`,
        ),
        ...r.flags.map((flag) => `  ! ${flag.message}`),
      ];
      csvRows = [
        ['indicateur', 'poids nominal', 'corrélation avec le score', 'importance (r² / Σ r²)'].map((h) =>
          csvText(h, style),
        ),
        ...r.effectiveWeights.map((w) => [
          csvText(w.id, style),
          csvNumber(w.nominal, style),
          csvNumber(w.correlation, style),
          csvNumber(w.importance, style),
        ]),
      ];
    } else {
      const estimate = estimateRuns(
        model,
        analysis === 'sobol' ? { analysis: 'sobol', baseSamples } : { analysis: 'monteCarlo', replicates },
      );
      if (!values.json) process.stderr.write(`${estimate.message}\n`);
      const bar = progressBar(fr ? 'calcul' : 'running', interactive);
      const control = { onProgress: (p: { done: number; total: number }) => bar.update(p.done, p.total) };
      if (analysis === 'sobol') {
        const r = await runSobol(model, {
          ...control,
          ...(baseSamples ? { baseSamples } : {}),
          ...(seed !== undefined ? { seed } : {}),
        });
        bar.done();
        result = r;
        lines = [
          `Sobol — ${model.level}, N = ${r.baseSamples}, ${r.runs} ${fr ? 'calculs' : 'runs'}`,
          ...r.indices.map(
            (i) =>
              `  ${(fr ? i.label : i.labelEn).padEnd(36)} S1 ${f(i.first)} [${f(i.firstLow)} ; ${f(i.firstHigh)}]   ST ${f(i.total)} [${f(i.totalLow)} ; ${f(i.totalHigh)}]`,
          ),
        ];
        csvRows = [
          ['facteur', 'S1', 'S1 bas', 'S1 haut', 'ST', 'ST bas', 'ST haut'].map((h) => csvText(h, style)),
          ...r.indices.map((i) => [
            csvText(i.label, style),
            ...[i.first, i.firstLow, i.firstHigh, i.total, i.totalLow, i.totalHigh].map((x) =>
              csvNumber(x, style),
            ),
          ]),
        ];
      } else {
        // The replicates in parts at once, one worker thread each: the same figures as in one thread.
        const size = threads ?? defaultThreads(replicates ?? 1000, model.matrix.n);
        const workers = size > 1 ? new RobustnessWorkers({ size }) : null;
        const parallel = workers?.parallel({
          vintageDir: resolve(join(dir, vintageId)),
          config,
          uncertainty,
        });
        const r = await runMonteCarlo(model, {
          ...control,
          ...(parallel ? { parallel } : {}),
          ...(replicates ? { replicates } : {}),
          ...(topK ? { topK } : {}),
          ...(seed !== undefined ? { seed } : {}),
        }).finally(() => workers?.close());
        bar.done();
        result = r;
        const pct = (x: number) => `${Math.round(x * 100)} %`;
        lines = [
          `Monte-Carlo — ${model.level}, ${r.replicates} ${fr ? 'tirages' : 'replicates'}, top ${r.topK}${result && vintage.manifest.synthetic.ess ? (fr ? ' (DÉMONSTRATION – données ESS simulées)' : ' (DEMONSTRATION – simulated ESS data)') : ''}`,
          ...r.territories
            .filter((t) => t.nominalRank !== null)
            .slice(0, 10)
            .map(
              (t) =>
                `  ${String(t.nominalRank).padStart(4)}  ${t.name.padEnd(40)} ${fr ? 'rangs' : 'ranks'} ${t.p05}–${t.p95}, ${fr ? 'médiane' : 'median'} ${t.medianRank}, P(top ${r.topK}) ${pct(t.pTopK)}, P(1) ${pct(t.pFirst)}`,
            ),
        ];
        csvRows = [
          [
            'code',
            'nom',
            'rang nominal',
            'rang médian',
            'rang p05',
            'rang p95',
            `P(top ${r.topK})`,
            'P(1er)',
            'part des tirages classés',
          ].map((h) => csvText(h, style)),
          ...r.territories.map((t) => [
            csvText(t.code, style),
            csvText(t.name, style),
            t.nominalRank === null ? '' : String(t.nominalRank),
            csvNumber(t.medianRank, style),
            csvNumber(t.p05, style),
            csvNumber(t.p95, style),
            csvNumber(t.pTopK, style),
            csvNumber(t.pFirst, style),
            csvNumber(t.rankedShare, style),
          ]),
        ];
      }
    }
  } catch (error) {
    throw engineErrorToDataError(error, values.config);
  }
  if (values.out && format) {
    writeOutput(
      values.out,
      format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : csvDocument(csvRows, style),
    );
    lines.push(`${fr ? 'écrit' : 'written'} : ${resolve(values.out)}`);
  }
  if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
