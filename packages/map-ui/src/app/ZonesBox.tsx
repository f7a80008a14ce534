import { useState } from 'preact/hooks';
import { formatNumber, formatScore } from '../lib/format/format.ts';
import { worker } from '../state/scoring.ts';
import { busy, scores, showError, zoneResult } from '../state/store.ts';
import { addZoneToShortlist } from './shortlistStore.ts';

/** Constraints of the candidate-zone search, its results, and their way to the shortlist. */
export function ZonesBox() {
  const [minPop, setMinPop] = useState(10000);
  const [maxPop, setMaxPop] = useState(60000);
  const [maxCommunes, setMaxCommunes] = useState(30);
  const [sameEpci, setSameEpci] = useState(true);
  const [count, setCount] = useState(5);
  const s = scores.value;
  const z = zoneResult.value;
  const search = async () => {
    if (!s) return;
    busy.value = 'Recherche des zones candidates…';
    try {
      const r = await worker.call('zones', {
        hash: s.hash,
        constraints: { minPopulation: minPop, maxPopulation: maxPop, maxCommunes, sameEpci },
        count,
      });
      zoneResult.value = { hash: s.hash, ...r };
    } catch (error) {
      showError(error);
    } finally {
      busy.value = null;
    }
  };
  const num = (value: number, set: (n: number) => void, id: string, label: string, step = 1000) => (
    <>
      <label for={id}>{label}</label>
      <input
        id={id}
        type="number"
        min="0"
        step={step}
        value={value}
        onInput={(e) => set(Number(e.currentTarget.value))}
      />
    </>
  );
  return (
    <div data-testid="zones">
      <div class="methods">
        {num(minPop, setMinPop, 'zone-min', 'Population minimale')}
        {num(maxPop, setMaxPop, 'zone-max', 'Population maximale')}
        {num(maxCommunes, setMaxCommunes, 'zone-communes', 'Communes au plus', 1)}
        {num(count, setCount, 'zone-count', 'Nombre de zones', 1)}
        <label for="zone-epci">Dans un seul EPCI</label>
        <input
          id="zone-epci"
          type="checkbox"
          checked={sameEpci}
          onChange={(e) => setSameEpci(e.currentTarget.checked)}
        />
      </div>
      <div class="actions">
        <button type="button" class="btn primary" onClick={() => void search()}>
          Chercher les zones
        </button>
        <button type="button" class="btn" disabled={!z} onClick={() => (zoneResult.value = null)}>
          Effacer les zones
        </button>
      </div>
      {z && z.hash !== s?.hash && <p class="hint">Les pondérations ont changé : relancez la recherche.</p>}
      {z?.message && <p class="caveat">{z.message}</p>}
      <ol>
        {z?.candidates.map((zone) => (
          <li key={zone.rank} data-testid="zone">
            <strong>Zone {zone.rank}</strong> : {formatNumber(zone.population)} habitants,{' '}
            {zone.members.length} commune{zone.members.length > 1 ? 's' : ''}, score {formatScore(zone.score)}
            {Number.isFinite(zone.compactness) ? `, compacité ${formatNumber(zone.compactness, 2)}` : ''}
            <div class="hint">
              {zone.names.slice(0, 6).join(', ')}
              {zone.names.length > 6 ? ` et ${zone.names.length - 6} autres` : ''}. {zone.stop}
            </div>
            <button type="button" class="btn" onClick={() => addZoneToShortlist(zone)}>
              Ajouter à la liste restreinte
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}
