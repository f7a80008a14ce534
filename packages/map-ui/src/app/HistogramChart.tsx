import type { LegendEntry } from '../lib/choropleth.ts';
import { classOf } from '../lib/classify/classOf.ts';
import { MISSING_COLOR } from '../lib/color/palettes.ts';
import { histogram } from '../lib/stats/histogram.ts';

const W = 276;
const H = 70;

/** Distribution of the layer's values, bars coloured by class, class thresholds as ticks. */
export function HistogramChart(props: { values: Float64Array; legend: LegendEntry[]; thresholds: number[] }) {
  const h = histogram(props.values, 24);
  if (h.counts.length === 0) return null;
  const max = Math.max(...h.counts);
  const lo = h.edges[0]!;
  const hi = h.edges[h.edges.length - 1]!;
  const x = (v: number) => (hi === lo ? W / 2 : ((v - lo) / (hi - lo)) * W);
  const bw = W / h.counts.length;
  return (
    <svg
      width={W}
      height={H + 4}
      role="img"
      aria-label={`Histogramme : ${h.counts.reduce((a, b) => a + b, 0)} valeurs, ${h.missing} manquantes`}
    >
      {h.counts.map((n, i) => {
        const mid = (h.edges[i]! + h.edges[i + 1]!) / 2;
        const c = classOf(mid, props.thresholds);
        const bh = max ? (n / max) * H : 0;
        return (
          <rect
            key={i}
            x={i * bw + 0.5}
            y={H - bh}
            width={Math.max(1, bw - 1)}
            height={bh}
            fill={props.legend[c]?.color ?? MISSING_COLOR}
            stroke="#555"
            stroke-width="0.4"
          />
        );
      })}
      {props.thresholds.map((t) => (
        <line
          key={t}
          x1={x(t)}
          x2={x(t)}
          y1={0}
          y2={H + 4}
          stroke="#1b1f27"
          stroke-width="1"
          stroke-dasharray="2 2"
        />
      ))}
    </svg>
  );
}
