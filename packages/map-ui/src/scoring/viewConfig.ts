import type { ScoreConfig } from '@ptce/engine';
import type { ViewState } from '../lib/url/viewState.ts';
import type { VintageMeta } from './scoringApi.ts';

/**
 * The engine configuration the view describes: weight changes (`pil:`, `dim:`, `ind:`),
 * AHP judgements between dimensions, method choices.
 */
export function scoreConfig(v: ViewState, m: Pick<VintageMeta, 'framework'> | null): ScoreConfig {
  const changes: NonNullable<ScoreConfig['changes']> = {};
  for (const [key, weight] of Object.entries(v.weights)) {
    const id = key.slice(4);
    if (key.startsWith('pil:') && (id === 'need' || id === 'potential')) {
      changes.pillars = { ...changes.pillars, [id]: weight };
    } else if (key.startsWith('dim:')) {
      changes.dimensions = { ...changes.dimensions, [id]: { weight } };
    } else if (key.startsWith('ind:')) {
      changes.indicators = { ...changes.indicators, [id]: { weight } };
    }
  }
  const o = v.options;
  const methods: NonNullable<ScoreConfig['methods']> = {};
  if (o.norm) methods.normalisation = { method: o.norm as never };
  if (o.agg || o.reading || o.np) {
    methods.aggregation = {
      ...(o.agg ? { method: o.agg as never } : {}),
      ...(o.reading ? { reading: o.reading as never } : {}),
      ...(o.np ? { needPotential: o.np as never } : {}),
    };
  }
  if (o.imp) methods.imputation = { method: o.imp as never };
  if (o.out) methods.outliers = { method: o.out as never };
  const dims = m?.framework.dimensions.map((d) => d.id) ?? [];
  if (v.ahp.length && dims.length && v.ahp.length === (dims.length * (dims.length - 1)) / 2) {
    methods.weighting = { method: 'ahp', ahp: { dimensions: pairwise(dims, v.ahp) }, onInconsistent: 'warn' };
  } else if (o.weighting === 'equal') {
    methods.weighting = { method: 'equal' };
  }
  return { level: v.level, changes, methods };
}

/** The reciprocal matrix of upper-triangle judgements (row by row). */
export function pairwise(ids: string[], judgements: number[]): { ids: string[]; matrix: number[][] } {
  const n = ids.length;
  const matrix = Array.from({ length: n }, () => new Array<number>(n).fill(1));
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      matrix[i]![j] = judgements[k]!;
      matrix[j]![i] = 1 / judgements[k]!;
      k++;
    }
  }
  return { ids, matrix };
}

/**
 * The view fields a saved configuration sets (weights, AHP judgements, methods, level): the
 * inverse of {@link scoreConfig}, used to reopen a scenario.
 */
export function viewFromConfig(
  config: ScoreConfig,
): Pick<ViewState, 'level' | 'weights' | 'ahp' | 'options'> {
  const weights: Record<string, number> = {};
  const c = config.changes ?? {};
  for (const [id, w] of Object.entries(c.pillars ?? {})) if (w !== undefined) weights[`pil:${id}`] = w;
  for (const [id, x] of Object.entries(c.dimensions ?? {}))
    if (x.weight !== undefined) weights[`dim:${id}`] = x.weight;
  for (const [id, x] of Object.entries(c.indicators ?? {}))
    if (x.weight !== undefined) weights[`ind:${id}`] = x.weight;
  const m = config.methods ?? {};
  const options: Record<string, string> = {};
  if (m.normalisation?.method) options.norm = m.normalisation.method;
  if (m.aggregation?.method) options.agg = m.aggregation.method;
  if (m.aggregation?.reading) options.reading = m.aggregation.reading;
  if (m.aggregation?.needPotential) options.np = m.aggregation.needPotential;
  if (m.imputation?.method) options.imp = m.imputation.method;
  if (m.outliers?.method) options.out = m.outliers.method;
  if (m.weighting?.method === 'equal') options.weighting = 'equal';
  const ahp: number[] = [];
  const matrix = m.weighting?.method === 'ahp' ? m.weighting.ahp?.dimensions?.matrix : undefined;
  if (matrix)
    for (let i = 0; i < matrix.length; i++)
      for (let j = i + 1; j < matrix.length; j++) ahp.push(matrix[i]![j]!);
  return { level: config.level ?? 'commune', weights, ahp, options };
}
