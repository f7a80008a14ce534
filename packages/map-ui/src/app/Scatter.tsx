import { formatScore } from '../lib/format/format.ts';
import { hovered, scores, select, view } from '../state/store.ts';
import { median } from './median.ts';

const W = 400;
const H = 360;
const PAD = 34;

/**
 * Need × potential scatter with quadrants split at the medians: top right = high need and high
 * potential, the profile a PTCE pilot looks for. Linked to the map (hover, selection).
 */
export function Scatter() {
  const s = scores.value;
  if (!s) return <p class="hint">Calcul en cours…</p>;
  const mx = median(s.need);
  const my = median(s.potential);
  const x = (v: number) => PAD + (v / 100) * (W - PAD - 8);
  const y = (v: number) => H - PAD - (v / 100) * (H - PAD - 8);
  const selected = new Set(view.value.selection);
  const points = s.codes
    .map((code, i) => ({ code, i }))
    .filter(({ i }) => Number.isFinite(s.need[i]!) && Number.isFinite(s.potential[i]!));
  const hv = hovered.value;
  return (
    <div class="scatter" data-testid="scatter">
      <p class="hint">
        Médianes : besoins {formatScore(mx)}, potentiel {formatScore(my)}. En haut à droite : besoins élevés
        et potentiel élevé.
      </p>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label="Nuage besoins (horizontal) et potentiel (vertical)"
      >
        <rect x={x(mx)} y={8} width={W - 8 - x(mx)} height={y(my) - 8} fill="#e3f4ea" />
        <line x1={x(mx)} x2={x(mx)} y1={8} y2={H - PAD} stroke="#8a919c" stroke-dasharray="3 3" />
        <line x1={PAD} x2={W - 8} y1={y(my)} y2={y(my)} stroke="#8a919c" stroke-dasharray="3 3" />
        <line x1={PAD} x2={W - 8} y1={H - PAD} y2={H - PAD} stroke="#1b1f27" />
        <line x1={PAD} x2={PAD} y1={8} y2={H - PAD} stroke="#1b1f27" />
        {[0, 25, 50, 75, 100].map((t) => (
          <g key={t} font-size="10" fill="#4b5360">
            <text x={x(t)} y={H - PAD + 12} text-anchor="middle">
              {t}
            </text>
            <text x={PAD - 4} y={y(t) + 3} text-anchor="end">
              {t}
            </text>
          </g>
        ))}
        <text x={(W + PAD) / 2} y={H - 4} text-anchor="middle" font-size="11">
          Besoins →
        </text>
        <text
          x={10}
          y={(H - PAD) / 2}
          font-size="11"
          transform={`rotate(-90 10 ${(H - PAD) / 2})`}
          text-anchor="middle"
        >
          Potentiel →
        </text>
        <text x={W - 10} y={20} text-anchor="end" font-size="10.5" fill="#0d4f2f">
          Besoins et potentiel élevés
        </text>
        {points.map(({ code, i }) => {
          const sel = selected.has(code);
          const hot = hv === code;
          return (
            // biome-ignore lint/a11y/noStaticElementInteractions: pointer shortcut only; the ranked table is the keyboard way to the same territories
            <circle
              key={code}
              cx={x(s.need[i]!)}
              cy={y(s.potential[i]!)}
              r={sel || hot ? 5.5 : 3}
              fill={sel ? '#d6246e' : hot ? '#1b1f27' : '#1a56a8'}
              fill-opacity={sel || hot ? 1 : 0.55}
              stroke="#fff"
              stroke-width="0.6"
              onMouseEnter={() => (hovered.value = code)}
              onMouseLeave={() => (hovered.value = null)}
              onClick={(e) => select(code, { add: e.shiftKey, openSheet: !e.shiftKey })}
            >
              <title>
                {s.names[i]} : besoins {formatScore(s.need[i]!)}, potentiel {formatScore(s.potential[i]!)}
              </title>
            </circle>
          );
        })}
      </svg>
    </div>
  );
}
