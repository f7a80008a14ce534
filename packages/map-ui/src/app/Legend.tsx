import { FLAG } from '../lib/choropleth.ts';
import { formatNumber, formatScore, formatValue, MISSING_TITLE } from '../lib/format/format.ts';
import { choropleth, currentLayer, lisa } from '../state/store.ts';
import { ClassControls } from './ClassControls.tsx';
import { HistogramChart } from './HistogramChart.tsx';

/** Legend of the map (collapsible) with the histogram and the classification controls. */
export function Legend() {
  const c = choropleth.value;
  const layer = currentLayer.value;
  if (!layer) return null;
  const isLisa = layer.kind === 'lisa';
  const fmt = (x: number) => (layer.unit === 'score' ? formatScore(x) : formatValue(x, layer.unit));
  const flags = c?.flags;
  const count = (bit: number) => (flags && !isLisa ? flags.reduce((n, f) => n + (f & bit ? 1 : 0), 0) : 0);
  const estimated = count(FLAG.estimated | FLAG.imputed);
  const withheld = count(FLAG.withheld);
  return (
    <details class="legend" open aria-label="Légende de la carte" data-testid="legend">
      <summary>
        <h2>{layer.label}</h2>
      </summary>
      <p class="unit">
        {isLisa
          ? `I de Moran local (Anselin 1995), contiguïté « reine », 999 permutations${lisa.value ? ` ; I global ${formatNumber(lisa.value.view.moran.I, 3)}` : ''}`
          : layer.unit === 'score'
            ? 'Score de 0 à 100 : plus haut = site plus favorable'
            : `Unité : ${layer.unit}`}
        {layer.kind === 'indicator' &&
          (layer.direction === 1
            ? ' · une valeur haute tire le score PTCE vers le haut'
            : ' · une valeur basse tire le score PTCE vers le haut')}
      </p>
      {c?.error && <p class="caveat">{c.error}</p>}
      {!c && <p class="hint">Calcul en cours…</p>}
      {c?.map && (
        <>
          <ul>
            {c.map.legend.map((e, i) => (
              <li key={i}>
                <span class="swatch" style={{ background: e.color }} />
                {e.label ?? `${fmt(e.from)} à ${fmt(e.to)}`}
                <span class="count">{formatNumber(e.count)}</span>
              </li>
            ))}
            {c.map.classification.missing > 0 && (
              <li title={MISSING_TITLE}>
                <span class="swatch hatch" />
                {withheld > 0 ? 'Non disponible ou secret statistique' : 'Non disponible'}
                <span class="count">{formatNumber(c.map.classification.missing)}</span>
              </li>
            )}
            {estimated > 0 && (
              <li>
                <span class="swatch dots" />
                Valeur estimée ou imputée
                <span class="count">{formatNumber(estimated)}</span>
              </li>
            )}
          </ul>
          {c.map.kind === 'classes' && (
            <HistogramChart
              values={c.values!}
              legend={c.map.legend}
              thresholds={c.map.classification.thresholds}
            />
          )}
        </>
      )}
      {layer.synthetic && <p class="note">⚠ Calculé à partir de données ESS simulées.</p>}
      {!isLisa && <ClassControls />}
    </details>
  );
}
