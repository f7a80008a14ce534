import { markInput } from '../state/metrics.ts';
import { setView, view } from '../state/store.ts';

/** Method choices offered to analysts (engine option -> French labels). '' = the engine's default. */
const METHODS: { key: string; label: string; choices: [string, string][] }[] = [
  {
    key: 'norm',
    label: 'Normalisation',
    choices: [
      ['', 'Min-max (par défaut)'],
      ['zScore', 'Centrée réduite (z-score)'],
      ['rank', 'Rangs'],
      ['percentile', 'Centiles'],
      ['distanceToReference', 'Écart au département'],
      ['goalposts', 'Bornes fixes (goalposts)'],
    ],
  },
  {
    key: 'agg',
    label: 'Agrégation',
    choices: [
      ['', 'Moyenne arithmétique (par défaut)'],
      ['geometric', 'Moyenne géométrique'],
      ['harmonic', 'Moyenne harmonique'],
      ['copeland', 'Copeland (non compensatoire)'],
      ['topsis', 'TOPSIS'],
    ],
  },
  {
    key: 'reading',
    label: 'Lecture',
    choices: [
      ['', 'Besoins × potentiel (par défaut)'],
      ['composite', 'Composite des 4 dimensions'],
    ],
  },
  {
    key: 'imp',
    label: 'Valeurs manquantes',
    choices: [
      ['', 'Aucune imputation (par défaut)'],
      ['groupMean', "Moyenne de l'EPCI"],
      ['groupMedian', "Médiane de l'EPCI"],
      ['neighbours', 'Moyenne des territoires voisins'],
    ],
  },
  {
    key: 'out',
    label: 'Valeurs extrêmes',
    choices: [
      ['', 'Traitement COINr (par défaut)'],
      ['none', 'Aucun traitement'],
    ],
  },
];

export function MethodsForm() {
  const o = view.value.options;
  return (
    <details>
      <summary>Méthodes de calcul</summary>
      <div class="methods">
        {METHODS.map((m) => (
          <>
            <label for={`method-${m.key}`} key={`l-${m.key}`}>
              {m.label}
            </label>
            <select
              key={m.key}
              id={`method-${m.key}`}
              value={o[m.key] ?? ''}
              onChange={(e) => {
                markInput();
                const next = { ...o };
                if (e.currentTarget.value) next[m.key] = e.currentTarget.value;
                else delete next[m.key];
                setView({ options: next });
              }}
            >
              {m.choices.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </>
        ))}
      </div>
    </details>
  );
}
