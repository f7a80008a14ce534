import { signal } from '@preact/signals';
import { valueStatus } from '../lib/choropleth.ts';
import { formatRank, formatScore, formatValue } from '../lib/format/format.ts';
import { choropleth, currentLayer, lisa, rowOf, scores } from '../state/store.ts';

/** The territory under the pointer and where to draw its tooltip (map pixels). */
export const tooltip = signal<{ code: string; name: string; x: number; y: number } | null>(null);

/** Name, value (with its unit and caveats) and rank of the hovered territory. */
export function Tooltip() {
  const t = tooltip.value;
  const s = scores.value;
  const c = choropleth.value;
  const layer = currentLayer.value;
  if (!t || !s || !layer) return null;
  const i = rowOf.value.get(t.code);
  const value = i === undefined || !c?.values ? Number.NaN : c.values[i]!;
  const flags = i === undefined || !c?.flags ? 0 : c.flags[i]!;
  const statuses =
    i === undefined ? [{ key: 'outside', label: 'hors du périmètre' }] : valueStatus(value, flags);
  const text = layer.unit === 'score' ? formatScore(value) : formatValue(value, layer.unit);
  const cluster =
    layer.kind === 'lisa' && i !== undefined
      ? lisa.value?.view.labels[lisa.value.view.clusters[i]!]
      : undefined;
  const rank = i === undefined ? Number.NaN : s.rank[i]!;
  return (
    <div class="tooltip" style={{ left: `${t.x + 14}px`, top: `${t.y + 14}px` }} role="status">
      <strong>{t.name}</strong>
      {layer.label.replace(/^Regroupements LISA : /, '')} : {text}
      {cluster && <div>LISA : {cluster}</div>}
      {statuses.length > 0 && <div class="flags">{statuses.map((x) => x.label).join(', ')}</div>}
      {layer.synthetic && !statuses.some((x) => x.key === 'synthetic') && (
        <div class="flags">données simulées</div>
      )}
      <div>{Number.isFinite(rank) ? `Rang : ${formatRank(rank, s.counts.ranked)}` : 'Non classé'}</div>
    </div>
  );
}
