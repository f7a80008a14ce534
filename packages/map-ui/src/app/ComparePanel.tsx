import { formatCell, formatRank, formatScore } from '../lib/format/format.ts';
import { rowOf, scores, select, view } from '../state/store.ts';

/** 2 to 4 territories side by side, with the département as reference. */
export function ComparePanel() {
  const s = scores.value;
  if (!s) return <p class="hint">Calcul en cours…</p>;
  const rows = view.value.selection
    .map((code) => ({ code, i: rowOf.value.get(code) }))
    .filter((x): x is { code: string; i: number } => x.i !== undefined);
  if (rows.length < 2) {
    return (
      <p class="hint">
        Choisissez de 2 à 4 territoires : Maj + clic sur la carte, le classement ou le nuage de points
        (sélection actuelle : {rows.length}).
      </p>
    );
  }
  const scoreRow = (label: string, col: Float64Array) => (
    <tr>
      <td>{label}</td>
      {rows.map(({ code, i }) => (
        <td key={code}>{formatScore(col[i]!)}</td>
      ))}
      <td />
    </tr>
  );
  return (
    <div class="compare" data-testid="compare">
      <table>
        <thead>
          <tr>
            <th>Territoire</th>
            {rows.map(({ code, i }) => (
              <th key={code}>
                {s.names[i]}{' '}
                <button
                  type="button"
                  class="btn"
                  aria-label={`Retirer ${s.names[i]}`}
                  onClick={() => select(code, { add: true })}
                >
                  ×
                </button>
              </th>
            ))}
            <th>{s.reference.label}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>Rang</td>
            {rows.map(({ code, i }) => (
              <td key={code}>{Number.isFinite(s.rank[i]!) ? formatRank(s.rank[i]!) : 'non classé'}</td>
            ))}
            <td />
          </tr>
          {scoreRow('Score composite', s.score)}
          {scoreRow('Besoins', s.need)}
          {scoreRow('Potentiel', s.potential)}
          {s.dimensions.map((d) => scoreRow(d.label, s.dimensionScores[d.id]!))}
          {s.indicators.map((ind) => (
            <tr key={ind.id}>
              <td>
                {ind.label}
                <span class="unit-note">{ind.unit}</span>
              </td>
              {rows.map(({ code, i }) => (
                <td key={code}>{formatCell(s.indicatorValues[ind.id]![i]!, ind.unit)}</td>
              ))}
              <td>{formatCell(s.reference.indicators[ind.id]!, ind.unit)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
