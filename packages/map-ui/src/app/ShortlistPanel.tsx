import { formatRank } from '../lib/format/format.ts';
import { me } from '../state/store.ts';
import { ScenarioBox } from './ScenarioBox.tsx';
import {
  exportShortlistCsv,
  moveItem,
  removeItem,
  saveShortlist,
  setNote,
  setTitle,
  shortlist,
} from './shortlistStore.ts';

/** The shortlist builder: order the chosen territories, note each, save as a draft, export. */
export function ShortlistPanel() {
  const d = shortlist.value;
  const canSave = me.value?.role === 'analyst' || me.value?.role === 'admin';
  return (
    <div class="shortlist" data-testid="shortlist">
      <label>
        Titre
        <input type="text" value={d.title} onInput={(e) => setTitle(e.currentTarget.value)} />
      </label>
      {d.items.length === 0 && (
        <p class="hint">Ouvrez la fiche d'un territoire et choisissez « Ajouter à la liste restreinte ».</p>
      )}
      <ol>
        {d.items.map((x, i) => (
          <li key={x.code} data-code={x.code}>
            <strong>{x.name}</strong>{' '}
            <span class="hint">({x.rank ? formatRank(x.rank) : 'non classé'} au score)</span>
            <div class="actions">
              <button
                type="button"
                class="btn"
                disabled={i === 0}
                onClick={() => moveItem(i, -1)}
                aria-label={`Monter ${x.name}`}
              >
                ↑
              </button>
              <button
                type="button"
                class="btn"
                disabled={i === d.items.length - 1}
                onClick={() => moveItem(i, 1)}
                aria-label={`Descendre ${x.name}`}
              >
                ↓
              </button>
              <button
                type="button"
                class="btn"
                onClick={() => removeItem(i)}
                aria-label={`Retirer ${x.name}`}
              >
                Retirer
              </button>
            </div>
            <textarea
              aria-label={`Note pour ${x.name}`}
              placeholder="Pourquoi ce territoire ? (note pour le cabinet)"
              value={x.note}
              onInput={(e) => setNote(i, e.currentTarget.value)}
            />
          </li>
        ))}
      </ol>
      <div class="actions">
        <button
          type="button"
          class="btn primary"
          data-testid="save-shortlist"
          disabled={!canSave || d.items.length === 0 || d.status === 'published'}
          onClick={() => void saveShortlist()}
        >
          Enregistrer le brouillon
        </button>
        <button type="button" class="btn" disabled={!d.id} onClick={() => void exportShortlistCsv()}>
          Exporter en CSV
        </button>
      </div>
      {!canSave && (
        <p class="hint">
          Connectez-vous comme analyste pour enregistrer (lien avec jeton fourni par l'administrateur).
        </p>
      )}
      {d.id && (
        <p class="hint" data-testid="shortlist-saved" data-id={d.id}>
          Brouillon enregistré (identifiant {d.id.slice(0, 8)}) : le rapport pour le cabinet se génère depuis
          cette liste.
        </p>
      )}
      <ScenarioBox />
    </div>
  );
}
