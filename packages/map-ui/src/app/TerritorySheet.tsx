import type { StrengthOrWeakness, TerritoryResult } from '@ptce/engine';
import { useEffect, useState } from 'preact/hooks';
import {
  formatCell,
  formatNumber,
  formatRank,
  formatScore,
  formatSigned,
  formatValue,
} from '../lib/format/format.ts';
import { worker } from '../state/scoring.ts';
import { rowOf, scores, setView, showError, view } from '../state/store.ts';
import { addToShortlist } from './shortlistStore.ts';

/** Raw variables shown as key figures, by stem, when the vintage has them. */
const KEY_STEMS = ['POP', 'SUPERF', 'EMPLT', 'MED', 'TP60', 'ETTOT', 'ESS_ETAB', 'ESS_SAL'];

/** The territory sheet: key figures against the département, scores, contributions, strengths, caveats. */
export function TerritorySheet() {
  const s = scores.value;
  const code = view.value.selection[0];
  const [detail, setDetail] = useState<TerritoryResult | null>(null);
  useEffect(() => {
    if (!s || !code || !view.peek().sheet) return;
    worker.call('explain', { hash: s.hash, code }).then(setDetail, showError);
  }, [s?.hash, code, view.value.sheet]);
  if (!s || !code || !view.value.sheet) return null;
  const i = rowOf.value.get(code);
  const close = () => setView({ sheet: false });
  if (i === undefined) {
    return (
      <section class="sheet" aria-label="Fiche territoire">
        <button type="button" class="close" onClick={close} aria-label="Fermer la fiche">
          ×
        </button>
        <p>
          Ce territoire ({code}) n'existe pas à l'échelon {s.level.label}.
        </p>
      </section>
    );
  }
  const d = detail?.code === code ? detail : null;
  const keyVars = KEY_STEMS.map((stem) => s.variables.find((v) => v.stem === stem)).filter(
    (v) => v !== undefined,
  );
  const maxContribution = Math.max(1e-9, ...(d?.indicators.map((x) => Math.abs(x.contribution ?? 0)) ?? [1]));
  return (
    <section class="sheet" aria-label={`Fiche de ${s.names[i]}`} data-testid="sheet">
      <button type="button" class="close" onClick={close} aria-label="Fermer la fiche">
        ×
      </button>
      <h2>{s.names[i]}</h2>
      <p class="hint">
        {s.level.label} · code {code}
        {d && s.level.id !== 'commune'
          ? ` · ${formatNumber(d.members)} commune${d.members > 1 ? 's' : ''}`
          : ''}
        {d && !d.complete ? ' (certaines communes membres manquent)' : ''}
      </p>
      <div class="kpis">
        <div class="kpi">
          <div class="v">{Number.isFinite(s.rank[i]!) ? formatRank(s.rank[i]!) : '–'}</div>
          <div class="l">rang sur {formatNumber(s.counts.ranked)}</div>
        </div>
        <div class="kpi">
          <div class="v">{formatScore(s.score[i]!)}</div>
          <div class="l">score PTCE</div>
        </div>
        <div class="kpi">
          <div class="v">{formatScore(s.need[i]!)}</div>
          <div class="l">besoins</div>
        </div>
        <div class="kpi">
          <div class="v">{formatScore(s.potential[i]!)}</div>
          <div class="l">potentiel</div>
        </div>
      </div>
      <p class="hint">Scores de 0 à 100 ; plus haut = site plus favorable à un PTCE.</p>
      {d?.setAside && <p class="caveat">Non classé : {d.setAside.message}</p>}
      <div class="actions">
        <button
          type="button"
          class="btn primary"
          onClick={() => addToShortlist(code, s.names[i]!, s.rank[i]!)}
        >
          Ajouter à la liste restreinte
        </button>
        <button type="button" class="btn" onClick={() => setView({ panel: 'compare' })}>
          Comparer ({view.value.selection.length} sélectionné{view.value.selection.length > 1 ? 's' : ''})
        </button>
      </div>
      <h3>Chiffres clés</h3>
      <table class="facts">
        <thead>
          <tr>
            <th>Variable</th>
            <th>Territoire</th>
            <th>{s.reference.label}</th>
          </tr>
        </thead>
        <tbody>
          {keyVars.map((v) => (
            <tr key={v.id}>
              <td>{v.label}</td>
              <td>{formatValue(s.variableValues[v.id]![i]!, v.unit)}</td>
              <td>{formatValue(s.reference.variables[v.id]!, v.unit)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Dimensions (0-100)</h3>
      <table class="facts">
        <tbody>
          {s.dimensions.map((dim) => (
            <tr key={dim.id}>
              <td>{dim.label}</td>
              <td>{formatScore(s.dimensionScores[dim.id]![i]!)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Indicateurs et contributions au score</h3>
      {!d && <p class="hint">Chargement…</p>}
      {d && (
        <table class="facts" data-testid="contributions">
          <thead>
            <tr>
              <th>Indicateur</th>
              <th>Valeur</th>
              <th>{s.reference.label}</th>
              <th>Contribution</th>
            </tr>
          </thead>
          <tbody>
            {d.indicators.map((x) => {
              const info = s.indicators.find((y) => y.id === x.id);
              const c = x.contribution ?? Number.NaN;
              return (
                <tr key={x.id} title={info?.rationale}>
                  <td>
                    {info?.label ?? x.id}
                    {x.flags.length > 0 && <span class="aside"> ({x.flags.map(flagLabel).join(', ')})</span>}
                    <span class="unit-note">{info?.unit}</span>
                  </td>
                  <td>{formatCell(x.raw ?? Number.NaN, info?.unit ?? '')}</td>
                  <td>{formatCell(info?.reference ?? Number.NaN, info?.unit ?? '')}</td>
                  <td>
                    {formatSigned(c)}{' '}
                    {Number.isFinite(c) && (
                      <span
                        class={`bar ${c >= 0 ? 'pos' : 'neg'}`}
                        style={{ width: `${(Math.abs(c) / maxContribution) * 40}px` }}
                      />
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {d && (
        <>
          <GapList title="Atouts" items={d.strengths} />
          <GapList title="Faiblesses" items={d.weaknesses} />
          {d.caveats.length > 0 && <h3>Précautions de lecture</h3>}
          {d.caveats.map((c) => (
            <p key={c.code + c.indicators.join()} class="caveat">
              {c.message}
            </p>
          ))}
        </>
      )}
    </section>
  );
}

/** Strengths or weaknesses: gaps to the département in standard deviations (+ = argues for a PTCE). */
function GapList(props: { title: string; items: StrengthOrWeakness[] }) {
  return (
    <>
      <h3>{props.title}</h3>
      <ul>
        {props.items.map((x) => (
          <li key={x.id}>
            {x.label} ({formatSigned(x.gap)} écart-type par rapport au département)
          </li>
        ))}
        {props.items.length === 0 && <li class="hint">Aucun écart marqué.</li>}
      </ul>
    </>
  );
}

function flagLabel(flag: string): string {
  return (
    {
      missing: 'manquant',
      withheld: 'secret statistique',
      estimated: 'estimé',
      imputed: 'imputé',
      synthetic: 'simulé',
      treated: 'valeur extrême traitée',
    }[flag] ?? flag
  );
}
