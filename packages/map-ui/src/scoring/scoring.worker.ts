/// <reference lib="webworker" />
import {
  buildIndicatorMatrix,
  createRobustnessModel,
  decodeVintage,
  defaultFramework,
  explain,
  type IndicatorMatrix,
  resolveScoreConfig,
  resultHash,
  runMonteCarlo,
  type Vintage,
  type VintageFiles,
} from '@ptce/engine';
import type { FeatureCollection } from 'geojson';
import { serveWorker, withTransfer } from '../worker/host.ts';
import type { Port } from '../worker/protocol.ts';
import { type ScoreRun, scoreRun, viewBuffers } from './scoreRun.ts';
import type { VariableSummary } from './scoreView.ts';
import type { ScoringApi, VintageMeta } from './scoringApi.ts';
import { type Contiguity, contiguity, lisa, zones } from './spatial.ts';
import { latestVariables, variableFramework } from './variableFramework.ts';

/*
 * The scoring Web Worker: holds the decoded vintage, the indicator matrices (the expensive
 * aggregation, once per level) and the last result; re-scores on each weight change.
 */

let vintage: Vintage | null = null;
let summaries: VariableSummary[] = [];
let last: ScoreRun | null = null;
const matrices = new Map<string, IndicatorMatrix>();
/** `/api/vintages/<id>`: where the level geometries are. */
let base = '';
const contiguities = new Map<string, Promise<Contiguity>>();

/** Queen contiguity of a level's territories in the scoring order (geometry fetched once). */
function contiguityFor(level: string): Promise<Contiguity> {
  let p = contiguities.get(level);
  if (!p) {
    const codes = matrixFor('framework', level).matrix.codes;
    p = fetch(`${base}/geo/${encodeURIComponent(level)}`)
      .then((r) => {
        if (!r.ok)
          throw {
            code: `HTTP_${r.status}`,
            message: `Géométrie de l'échelon ${level} introuvable.`,
            details: { level },
          };
        return r.json() as Promise<FeatureCollection>;
      })
      .then((fc) => contiguity(fc, codes));
    contiguities.set(level, p);
    p.catch(() => contiguities.delete(level));
  }
  return p;
}

function matrixFor(kind: 'framework' | 'variables', level: string): { matrix: IndicatorMatrix; ms: number } {
  const key = `${kind}:${level}`;
  const cached = matrices.get(key);
  if (cached) return { matrix: cached, ms: 0 };
  const t0 = performance.now();
  const framework = kind === 'framework' ? defaultFramework : variableFramework(summaries);
  const matrix = buildIndicatorMatrix(vintage!, framework, level);
  matrices.set(key, matrix);
  return { matrix, ms: performance.now() - t0 };
}

serveWorker<ScoringApi>(
  self as unknown as Port,
  {
    async load({ url }) {
      const t0 = performance.now();
      const response = await fetch(url, { headers: { accept: 'application/json' } });
      if (!response.ok) {
        const body = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
        throw {
          code: body.code ?? `HTTP_${response.status}`,
          message: body.message ?? `Données du millésime introuvables (${url}, ${response.status}).`,
          details: { url },
        };
      }
      const files = (await response.json()) as VintageFiles;
      vintage = decodeVintage(files);
      base = url.replace(/\/data$/, '');
      contiguities.clear();
      summaries = latestVariables(files.variables);
      matrices.clear();
      last = null;
      const meta: VintageMeta = {
        manifest: vintage.manifest,
        levels: [
          { id: 'commune', label: 'Communes', units: vintage.manifest.counts.communesInScope },
          ...vintage.zonings
            .filter((z) => z.id !== 'dep')
            .map((z) => ({
              id: z.id,
              label: z.label,
              units: z.units.filter((u) => u.membersInScope > 0).length,
            })),
        ],
        variables: summaries,
        framework: defaultFramework,
        loadMs: performance.now() - t0,
      };
      return meta;
    },

    async score({ config }) {
      if (!vintage) throw { code: 'NOT_LOADED', message: 'Aucun millésime chargé.', details: {} };
      const level = config.level ?? 'commune';
      const framework = matrixFor('framework', level);
      const variables = matrixFor('variables', level);
      // Neighbour imputation needs the level's contiguity (fetched and built once per level).
      const neighbours =
        config.methods?.imputation?.method === 'neighbours'
          ? (await contiguityFor(level)).weights
          : undefined;
      const t0 = performance.now();
      const { run, view } = scoreRun(
        vintage,
        config,
        framework.matrix,
        { summaries, matrix: variables.matrix },
        neighbours ? { neighbours: { offsets: neighbours.offsets, neighbours: neighbours.neighbours } } : {},
      );
      last = run;
      const timings = { matrixMs: framework.ms + variables.ms, scoreMs: performance.now() - t0 };
      return withTransfer({ ...view, timings }, viewBuffers(view));
    },

    explain({ hash, code }) {
      if (!last || last.hash !== hash) return null;
      const i = last.matrix.codes.indexOf(code);
      if (i < 0) return null;
      return explain(last.matrix, last.resolved, last.planned.plan, last.out, [i])[0] ?? null;
    },

    async lisa({ level, values, alpha, correction }) {
      const c = await contiguityFor(level);
      return lisa(values, c, { alpha, correction, permutations: 999 });
    },

    async robustness({ config, replicates }, { signal, progress }) {
      if (!vintage) throw { code: 'NOT_LOADED', message: 'Aucun millésime chargé.', details: {} };
      const level = config.level ?? 'commune';
      const hash = resultHash(vintage.manifest, resolveScoreConfig(vintage, config));
      const model = createRobustnessModel(
        vintage,
        config,
        {},
        { matrix: matrixFor('framework', level).matrix },
      );
      const r = await runMonteCarlo(model, {
        replicates,
        seed: 1,
        topK: 5,
        signal,
        onProgress: (p) => progress(p.phase === 'scoring' ? (p.done / p.total) * 0.95 : 0.95),
      });
      return {
        hash,
        replicates: r.replicates,
        intervals: r.territories.map((t) => ({
          code: t.code,
          medianRank: t.medianRank,
          p05: t.p05,
          p95: t.p95,
          pTopK: t.pTopK,
        })),
      };
    },

    async zones({ hash, constraints, count }) {
      if (!vintage || !last || last.hash !== hash || last.matrix.level !== 'commune') {
        throw {
          code: 'ZONES_NEED_COMMUNES',
          message: "Les zones candidates se calculent à l'échelon des communes : choisissez cet échelon.",
          details: {},
        };
      }
      const m = last.matrix;
      const epciColumn = vintage.communes.zonings.epci ?? [];
      const epci = m.codes.map((_, i) => epciColumn[m.memberIndex[m.memberOffsets[i]!]!] ?? '');
      const c = await contiguityFor('commune');
      return zones(
        c,
        { codes: m.codes, names: m.names, scores: last.out.score, population: m.population, epci },
        constraints,
        count,
      );
    },
  },
  { coalesce: ['score', 'lisa'], background: ['robustness'] },
);
