import type { Panel } from '../lib/url/viewState.ts';
import { setView, view } from '../state/store.ts';

const TABS: { id: Panel; label: string }[] = [
  { id: 'weights', label: 'Pondérations' },
  { id: 'ranking', label: 'Classement' },
  { id: 'scatter', label: 'Besoins × potentiel' },
  { id: 'compare', label: 'Comparaison' },
  { id: 'shortlist', label: 'Liste restreinte' },
  { id: 'space', label: 'Analyse spatiale' },
];

/** Side bar tabs (WAI-ARIA tabs pattern: arrow keys move between tabs). */
export function Tabs() {
  const current = view.value.panel;
  const move = (delta: number) => {
    const i = TABS.findIndex((t) => t.id === current);
    const next = TABS[(i + delta + TABS.length) % TABS.length]!;
    setView({ panel: next.id, sheet: false });
    document.getElementById(`tab-${next.id}`)?.focus();
  };
  return (
    <div class="tabs" role="tablist" aria-label="Panneaux">
      {TABS.map((t) => (
        <button
          key={t.id}
          id={`tab-${t.id}`}
          type="button"
          role="tab"
          aria-selected={current === t.id && !view.value.sheet}
          aria-controls="side-panel"
          tabIndex={current === t.id ? 0 : -1}
          onClick={() => setView({ panel: t.id, sheet: false })}
          onKeyDown={(e) => {
            if (e.key === 'ArrowRight') move(1);
            if (e.key === 'ArrowLeft') move(-1);
          }}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
