import { useState } from 'preact/hooks';
import { formatNumber } from '../lib/format/format.ts';
import { worker } from '../state/scoring.ts';
import { meta, robustness, scoreConfig, scores, showError, view } from '../state/store.ts';

/**
 * Rank intervals by Monte-Carlo (engine `runMonteCarlo`, OECD/JRC Handbook §7): weights, methods
 * and the indicator set are drawn 1,000 times; each territory gets the 5th-95th percentile of its
 * rank. Runs in the worker's background, with progress and a stop button.
 */
export function RobustnessBox() {
  const [running, setRunning] = useState<{ id: number; share: number } | null>(null);
  const s = scores.value;
  const r = robustness.value;
  const current = r && s && r.hash === s.hash;
  const start = () => {
    const m = meta.value;
    if (!m) return;
    const job = worker.start(
      'robustness',
      { config: scoreConfig(view.value, m), replicates: 1000 },
      (share) => setRunning((x) => (x ? { ...x, share } : x)),
    );
    setRunning({ id: job.id, share: 0 });
    job.result
      .then(
        (result) => {
          robustness.value = {
            hash: result.hash,
            replicates: result.replicates,
            byCode: new Map(result.intervals.map((x) => [x.code, x])),
          };
        },
        (error) => {
          if ((error as { code?: string }).code !== 'CANCELLED') showError(error);
        },
      )
      .finally(() => setRunning(null));
  };
  return (
    <div class="robustness" data-testid="robustness">
      {running ? (
        <p>
          <label>
            Incertitude du classement : {formatNumber(running.share * 100)} %{' '}
            <progress max="1" value={running.share} />
          </label>{' '}
          <button type="button" class="btn" onClick={() => worker.cancel(running.id)}>
            Arrêter
          </button>
        </p>
      ) : (
        <p>
          <button type="button" class="btn" onClick={start} disabled={!s}>
            {current ? 'Recalculer' : 'Calculer'} les intervalles de rang (1 000 tirages)
          </button>
          {r && !current && (
            <span class="hint"> Les intervalles affichés précédemment ne valent plus : recalculez.</span>
          )}
          {current && (
            <span class="hint">
              {' '}
              Intervalle : 90 % des {formatNumber(r.replicates)} tirages (pondérations ±25 %, normalisation,
              agrégation, imputation, un indicateur retiré) donnent un rang entre ces bornes.
            </span>
          )}
        </p>
      )}
    </div>
  );
}
