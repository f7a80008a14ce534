import type { ScoreConfig } from '@ptce/engine';
import { useState } from 'preact/hooks';
import { api } from '../api/http.ts';
import { viewFromConfig } from '../scoring/viewConfig.ts';
import { me, meta, notice, scoreConfig, setView, showError, view } from '../state/store.ts';

interface ScenarioSummary {
  id: string;
  name: string;
  vintageId: string;
  version?: number;
  author?: string;
  updatedAt?: string;
  config?: ScoreConfig;
}

/** Save the current weights and methods as a named scenario, or reopen one. */
export function ScenarioBox() {
  const [name, setName] = useState('');
  const [list, setList] = useState<ScenarioSummary[] | null>(null);
  if (!me.value || me.value.role === 'viewer') return null;
  const save = async () => {
    const m = meta.value;
    if (!m) return;
    try {
      const r = await api<{ id: string; version: number }>('/api/scenarios', {
        method: 'POST',
        body: {
          name: name.trim() || 'Scénario sans titre',
          vintageId: m.manifest.id,
          config: scoreConfig(view.value, m),
        },
      });
      notice.value = { kind: 'info', text: `Scénario enregistré (n° ${r.id}, version ${r.version}).` };
    } catch (error) {
      showError(error);
    }
  };
  const open = async (id: string) => {
    try {
      const s = await api<ScenarioSummary>(`/api/scenarios/${id}`);
      if (s.config)
        setView({ ...viewFromConfig(s.config), vintage: s.vintageId, selection: [], sheet: false });
    } catch (error) {
      showError(error);
    }
  };
  return (
    <details>
      <summary>Scénarios (pondérations et méthodes enregistrées)</summary>
      <label>
        Nom
        <input type="text" value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <div class="actions">
        <button type="button" class="btn" onClick={() => void save()}>
          Enregistrer le scénario
        </button>
        <button
          type="button"
          class="btn"
          onClick={() => api<ScenarioSummary[]>('/api/scenarios').then(setList, showError)}
        >
          Ouvrir…
        </button>
      </div>
      {list && (
        <ul>
          {list.length === 0 && <li class="hint">Aucun scénario enregistré.</li>}
          {list.map((s) => (
            <li key={s.id}>
              <button type="button" class="btn" onClick={() => void open(s.id)}>
                {s.name}
              </button>{' '}
              <span class="hint">{s.author ?? ''}</span>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
