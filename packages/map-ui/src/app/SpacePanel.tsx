import { formatNumber } from '../lib/format/format.ts';
import { layers, lisa, scores, setView, view } from '../state/store.ts';
import { ZonesBox } from './ZonesBox.tsx';

/**
 * Spatial analysis: the LISA cluster map of any layer (engine `localMoran`, in the worker), and
 * candidate PTCE zones of communes (engine `candidateZones`).
 */
export function SpacePanel() {
  const v = view.value;
  const isLisa = v.layer.startsWith('lisa:');
  const base = isLisa ? v.layer.slice(5) : v.layer;
  const l = lisa.value;
  const option = (key: string, value: string) => {
    const options = { ...v.options };
    if (value) options[key] = value;
    else delete options[key];
    setView({ options });
  };
  return (
    <div data-testid="space">
      <h3>Regroupements spatiaux (LISA)</h3>
      <p class="hint">
        Repère les groupes de territoires voisins aux valeurs semblables (Haut-Haut, Bas-Bas) et les
        exceptions locales (Haut-Bas, Bas-Haut). I de Moran local d'Anselin (1995), contiguïté « reine », 999
        permutations.
      </p>
      <div class="methods">
        <label for="lisa-base">Couche</label>
        <select
          id="lisa-base"
          value={base}
          onChange={(e) =>
            setView({ layer: isLisa ? `lisa:${e.currentTarget.value}` : e.currentTarget.value })
          }
        >
          {layers.value.map((x) => (
            <option key={x.id} value={x.id}>
              {x.label}
            </option>
          ))}
        </select>
        <label for="lisa-alpha">Seuil</label>
        <select
          id="lisa-alpha"
          value={v.options.lisaAlpha ?? ''}
          onChange={(e) => option('lisaAlpha', e.currentTarget.value)}
        >
          <option value="">p ≤ 0,05</option>
          <option value="0.01">p ≤ 0,01</option>
        </select>
        <label for="lisa-corr">Tests multiples</label>
        <select
          id="lisa-corr"
          value={v.options.lisaCorr ?? ''}
          onChange={(e) => option('lisaCorr', e.currentTarget.value)}
        >
          <option value="">Sans correction (comme GeoDa)</option>
          <option value="fdr">Taux de fausses découvertes (Benjamini-Hochberg)</option>
          <option value="bonferroni">Bonferroni</option>
        </select>
      </div>
      <div class="actions">
        <button
          type="button"
          class="btn primary"
          disabled={isLisa}
          onClick={() => setView({ layer: `lisa:${base}` })}
        >
          Afficher la carte LISA
        </button>
        <button type="button" class="btn" disabled={!isLisa} onClick={() => setView({ layer: base })}>
          Revenir aux valeurs
        </button>
      </div>
      {isLisa && l && (
        <p class="hint" data-testid="lisa-summary">
          I de Moran global : {formatNumber(l.view.moran.I, 3)} (p = {formatNumber(l.view.moran.p, 3)}) ·{' '}
          {l.view.counts
            .map((n, k) => (n > 0 && k > 0 && k < 5 ? `${l.view.labels[k]} : ${n}` : ''))
            .filter(Boolean)
            .join(' · ') || 'aucun regroupement significatif'}
          {l.view.islands > 0 ? ` · ${l.view.islands} sans voisin` : ''}
        </p>
      )}
      <h3>Zones candidates de PTCE</h3>
      {scores.value?.level.id === 'commune' ? (
        <ZonesBox />
      ) : (
        <p class="hint">
          Les zones candidates regroupent des communes voisines : passez à l'échelon des communes.{' '}
          <button
            type="button"
            class="btn"
            onClick={() => setView({ level: 'commune', selection: [], sheet: false })}
          >
            Passer aux communes
          </button>
        </p>
      )}
      <p class="hint">
        Score d'une zone : moyenne du score composite de ses communes pondérée par la population (de 0 à 100).
      </p>
    </div>
  );
}
