import { formatNumber } from '../lib/format/format.ts';
import { busy, notice, scores } from '../state/store.ts';

/** Errors (in French, with their code), work in progress and the last scoring's timings. */
export function StatusLine() {
  const s = scores.value;
  const n = notice.value;
  return (
    <footer class="status" aria-live="polite">
      {n && <span class={n.kind === 'error' ? 'error' : ''}>{n.text}</span>}
      {busy.value && <span>{busy.value}</span>}
      {s && (
        <span>
          {s.level.label} : {formatNumber(s.counts.ranked)} classés, {formatNumber(s.counts.setAside)} écartés
          · calcul {formatNumber(s.timings.scoreMs, 0)} ms
        </span>
      )}
      {s?.warnings.slice(0, 2).map((w) => (
        <span key={w.code} title={`${w.message} (${w.code})`}>
          ⚠ {w.message}
        </span>
      ))}
    </footer>
  );
}
