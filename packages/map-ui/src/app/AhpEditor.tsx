import { formatNumber, formatShare } from '../lib/format/format.ts';
import { markInput } from '../state/metrics.ts';
import { meta, scores, setView, view } from '../state/store.ts';
import { SAATY_STEPS, saatyLabel, saatyPosition } from './saatyScale.ts';

/**
 * Pairwise comparisons of the dimensions (AHP, Saaty 1980). The engine computes the weights and
 * the consistency ratio; the editor shows them from the last run.
 */
export function AhpEditor() {
  const m = meta.value;
  if (!m) return null;
  const dims = m.framework.dimensions;
  const v = view.value;
  const n = dims.length;
  const pairs: [number, number][] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) pairs.push([i, j]);
  const judgements = v.ahp.length === pairs.length ? v.ahp : pairs.map(() => 1);
  const report = scores.value?.ahp?.dimensions;
  return (
    <details open={v.ahp.length > 0}>
      <summary>Pondération par comparaisons deux à deux (AHP)</summary>
      <p class="hint">
        Pour chaque paire, de combien la dimension de gauche compte-t-elle plus que celle de droite ?
      </p>
      {pairs.map(([i, j], k) => (
        <div class="ahp-row" key={`${i}-${j}`}>
          <span>{dims[i]!.label}</span>
          <input
            type="range"
            min="0"
            max="16"
            step="1"
            value={saatyPosition(judgements[k]!)}
            aria-label={`${dims[i]!.label} par rapport à ${dims[j]!.label}`}
            aria-valuetext={saatyLabel(judgements[k]!)}
            onInput={(e) => {
              markInput();
              const next = [...judgements];
              next[k] = SAATY_STEPS[Number(e.currentTarget.value)]!;
              setView({ ahp: next });
            }}
          />
          <span>{dims[j]!.label}</span>
          <output class="ahp-reading">{ahpReading(judgements[k]!)}</output>
        </div>
      ))}
      {v.ahp.length > 0 && report && (
        <>
          <p class={`cr ${report.acceptable ? 'ok' : 'bad'}`} data-testid="ahp-cr">
            Ratio de cohérence : {formatNumber(report.consistencyRatio, 3)}{' '}
            {report.acceptable
              ? '(acceptable, < 0,1)'
              : '(trop incohérent, > 0,1 : revoyez les comparaisons ; le calcul continue avec avertissement)'}
          </p>
          <ul class="hint">
            {report.ids.map((id, i) => (
              <li key={id}>
                {dims.find((d) => d.id === id)?.label ?? id} : {formatShare(report.weights[i]!)}
              </li>
            ))}
          </ul>
        </>
      )}
      <div class="actions">
        <button
          type="button"
          class="btn"
          onClick={() => setView({ ahp: pairs.map(() => 1) })}
          disabled={v.ahp.length > 0}
        >
          Utiliser l'AHP
        </button>
        <button type="button" class="btn" onClick={() => setView({ ahp: [] })} disabled={v.ahp.length === 0}>
          Revenir aux curseurs
        </button>
      </div>
    </details>
  );
}

/** Which side weighs more, in words: `← forte (5)`, `égale (1)`, `très forte (7) →`. */
function ahpReading(value: number): string {
  if (value === 1) return saatyLabel(1);
  return value > 1 ? `← ${saatyLabel(value)}` : `${saatyLabel(value)} →`;
}
