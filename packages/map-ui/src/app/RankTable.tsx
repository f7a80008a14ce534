import { useState } from 'preact/hooks';
import { formatNumber, formatScore } from '../lib/format/format.ts';
import { hovered, robustness, scores, select, view } from '../state/store.ts';
import { RobustnessBox } from './RobustnessBox.tsx';
import { type SortKey, sortRows } from './sortRows.ts';

const COLUMNS: { key: SortKey; label: string; num: boolean }[] = [
  { key: 'rank', label: 'Rang', num: true },
  { key: 'name', label: 'Territoire', num: false },
  { key: 'score', label: 'Score', num: true },
  { key: 'need', label: 'Besoins', num: true },
  { key: 'potential', label: 'Potentiel', num: true },
  { key: 'population', label: 'Population', num: true },
];
const REASONS = ['', 'filtré', 'données insuffisantes', 'pas de score'];
const PAGE = 60;

/** The ranked table, sortable, synced with the map (hover and selection go both ways). */
export function RankTable() {
  const s = scores.value;
  const [sort, setSort] = useState<{ key: SortKey; dir: 'asc' | 'desc' }>({ key: 'rank', dir: 'asc' });
  const [all, setAll] = useState(false);
  if (!s) return <p class="hint">Calcul en cours…</p>;
  const order = sortRows(
    {
      rank: s.rank,
      name: s.names,
      score: s.score,
      need: s.need,
      potential: s.potential,
      population: s.population,
    },
    sort.key,
    sort.dir,
  );
  const shown = all ? order : order.slice(0, PAGE);
  const selected = new Set(view.value.selection);
  const intervals = robustness.value?.hash === s.hash ? robustness.value.byCode : null;
  const toggle = (key: SortKey) =>
    setSort((p) => ({
      key,
      dir:
        p.key === key
          ? p.dir === 'asc'
            ? 'desc'
            : 'asc'
          : key === 'rank' || key === 'name'
            ? 'asc'
            : 'desc',
    }));
  return (
    <>
      <p class="hint">
        {s.level.label} : cliquez une ligne pour ouvrir la fiche ; Maj + clic pour l'ajouter à la comparaison.
      </p>
      <RobustnessBox />
      <table class="rank" data-testid="rank-table">
        <caption class="sr-only">Classement des territoires par score composite</caption>
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th
                key={c.key}
                class={c.num ? 'num' : ''}
                aria-sort={sort.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
              >
                <button type="button" onClick={() => toggle(c.key)}>
                  {c.label}
                  {sort.key === c.key ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((i) => {
            const code = s.codes[i]!;
            const cls = [
              'row',
              selected.has(code) ? 'selected' : '',
              hovered.value === code ? 'hovered' : '',
            ].join(' ');
            return (
              <tr
                key={code}
                class={cls}
                data-code={code}
                tabIndex={0}
                aria-selected={selected.has(code)}
                onClick={(e) => select(code, { add: e.shiftKey, openSheet: !e.shiftKey })}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    select(code, { add: e.shiftKey, openSheet: !e.shiftKey });
                  }
                }}
                onMouseEnter={() => (hovered.value = code)}
                onMouseLeave={() => (hovered.value = null)}
                onFocus={() => (hovered.value = code)}
              >
                <td class="num">
                  {Number.isFinite(s.rank[i]!) ? formatNumber(s.rank[i]!) : '–'}
                  {intervals && (
                    <span
                      class="interval"
                      title="Rangs entre le 5e et le 95e centile des tirages Monte-Carlo"
                    >
                      {intervalText(intervals.get(code))}
                    </span>
                  )}
                </td>
                <td>
                  {s.names[i]}
                  {s.status[i] ? <span class="aside"> ({REASONS[s.status[i]!]})</span> : null}
                  {!s.complete[i] ? (
                    <span class="aside" title="Certaines communes membres manquent">
                      {' '}
                      *
                    </span>
                  ) : null}
                </td>
                <td class="num">{formatScore(s.score[i]!)}</td>
                <td class="num">{formatScore(s.need[i]!)}</td>
                <td class="num">{formatScore(s.potential[i]!)}</td>
                <td class="num">{formatNumber(s.population[i]!)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {!all && order.length > PAGE && (
        <button type="button" class="btn" onClick={() => setAll(true)}>
          Afficher les {formatNumber(order.length)} territoires
        </button>
      )}
    </>
  );
}

/** `3–9` for a rank interval, `–` when the territory was never ranked. */
function intervalText(x: { p05: number | null; p95: number | null } | undefined): string {
  if (!x || x.p05 === null || x.p95 === null) return '–';
  return x.p05 === x.p95 ? formatNumber(x.p05) : `${formatNumber(x.p05)}–${formatNumber(x.p95)}`;
}
