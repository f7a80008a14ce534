import { computed, effect } from '@preact/signals';
import type { Correction } from '@ptce/engine';
import { layerValues } from '../scoring/layers.ts';
import ScoringWorker from '../scoring/scoring.worker.ts?worker';
import type { ScoringApi } from '../scoring/scoringApi.ts';
import { WorkerClient } from '../worker/client.ts';
import type { Port } from '../worker/protocol.ts';
import { markStep, metrics } from './metrics.ts';
import { busy, lisa, lisaKey, meta, notice, scoreConfig, scores, showError, view } from './store.ts';

/** The scoring worker: the engine runs there, off the main thread. */
export const worker = new WorkerClient<ScoringApi>(new ScoringWorker() as unknown as Port);

/** Loads a vintage into the worker (fetch + decode happen there). */
export async function loadVintage(id: string): Promise<void> {
  busy.value = 'Chargement des données…';
  try {
    meta.value = await worker.call('load', { url: `/api/vintages/${encodeURIComponent(id)}/data` });
  } catch (error) {
    showError(error);
  } finally {
    busy.value = null;
  }
}

/** The engine configuration as text: scoring reruns only when it changes (not on a palette change). */
const configText = computed(() => (meta.value ? JSON.stringify(scoreConfig(view.value, meta.value)) : ''));

effect(() => {
  const text = configText.value;
  if (!text) return;
  worker.latest('score', { config: JSON.parse(text) }).then(
    (r) => {
      if (r.stale) return;
      markStep('received');
      metrics.scorings++;
      metrics.lastScoreMs = r.ms;
      scores.value = r.result;
      if (notice.peek()?.kind === 'error') notice.value = null;
    },
    (error) => showError(error),
  );
});

// A LISA layer is computed from its base layer's values whenever the run or the options change.
effect(() => {
  const key = lisaKey.value;
  const s = scores.value;
  if (!key || !s) return;
  const v = view.peek();
  const base = layerValues(s, v.layer.slice(5));
  if (!base) return;
  worker
    .latest('lisa', {
      level: s.level.id,
      values: base.values.slice(),
      alpha: Number(v.options.lisaAlpha ?? '0.05'),
      correction: (v.options.lisaCorr ?? 'none') as Correction,
    })
    .then(
      (r) => {
        if (!r.stale) lisa.value = { key, view: r.result };
      },
      (error) => showError(error),
    );
});
