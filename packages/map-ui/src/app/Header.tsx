import { currentLayer, layers, me, meta, setView, view, vintages } from '../state/store.ts';

/** Vintage, level and layer pickers, and who is signed in. */
export function Header() {
  const v = view.value;
  const m = meta.value;
  const groups = new Map<string, { id: string; label: string; synthetic: boolean }[]>();
  for (const l of layers.value) groups.set(l.group, [...(groups.get(l.group) ?? []), l]);
  return (
    <header class="top">
      <h1>PTCE · diagnostic territorial</h1>
      <label>
        Millésime
        <select
          value={m?.manifest.id ?? v.vintage}
          onChange={(e) => setView({ vintage: e.currentTarget.value, selection: [], sheet: false })}
        >
          {vintages.value.map((x) => (
            <option key={x.id} value={x.id}>
              {x.title}
            </option>
          ))}
        </select>
      </label>
      <label>
        Échelon
        <select
          data-testid="level"
          value={v.level}
          onChange={(e) => setView({ level: e.currentTarget.value, selection: [], sheet: false })}
        >
          {(m?.levels ?? []).map((l) => (
            <option key={l.id} value={l.id}>
              {l.label} ({l.units})
            </option>
          ))}
        </select>
      </label>
      <label>
        Carte de
        <select
          data-testid="layer"
          value={v.layer}
          onChange={(e) => setView({ layer: e.currentTarget.value })}
        >
          {v.layer.startsWith('lisa:') && (
            <optgroup label="Analyse spatiale">
              <option value={v.layer}>{currentLayer.value?.label}</option>
            </optgroup>
          )}
          {[...groups].map(([group, items]) => (
            <optgroup key={group} label={group}>
              {items.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.label}
                  {l.synthetic ? ' (simulé)' : ''}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <span class="who">
        {me.value ? `${me.value.name} · ${roleLabel(me.value.role)}` : 'Consultation (non connecté)'}
      </span>
    </header>
  );
}

function roleLabel(role: string): string {
  return role === 'admin' ? 'administrateur' : role === 'analyst' ? 'analyste' : 'lecteur';
}
