import type { IndicatorSummary, TerritoryResult } from '@ptce/engine';
import { formatNumber, formatProbability, lowerFirst } from '../french.ts';
import type { RobustnessInput, TerritoryRobustness } from '../types.ts';

/** Short texts for the engine's per-indicator caveats (its own messages are written for analysts). */
const CAVEAT_TEXT: Record<string, string> = {
  missing: 'Valeur manquante (poids reporté sur les autres indicateurs)',
  withheld: 'Non diffusé par l’Insee pour une partie des communes (secret statistique)',
  estimated: 'Valeur estimée (moyenne pondérée des communes ou couverture partielle)',
  imputed: 'Valeur imputée',
  synthetic: 'Calculé sur des données simulées (démonstration)',
  treated: 'Valeur extrême écrêtée ou transformée',
};

/** A rank interval wider than this many places is worth a caveat. */
const WIDE_INTERVAL = 5;

/**
 * The caveats of one shortlisted territory, in French: the engine's (withheld, estimated, imputed,
 * synthetic, treated values with the indicators concerned; incomplete territory; communes outside
 * the département; partial data), then robustness.
 */
export function territoryCaveats(
  t: TerritoryResult | null,
  indicators: readonly IndicatorSummary[],
  robustness: TerritoryRobustness | null,
  topK: number | null,
): string[] {
  const out: string[] = [];
  if (!t)
    out.push('Zone candidate : pas de score à ce niveau ; les chiffres clés sont calculés sur ses communes.');
  // Caveats about the same indicators are said in one line (withheld values are also estimates).
  const byIndicators = new Map<string, string[]>();
  for (const c of t?.caveats ?? []) {
    const key = c.indicators.length > 0 ? c.indicators.join(',') : `:${c.code}`;
    const message = (CAVEAT_TEXT[c.code] ?? c.message).replace(/\.$/, '');
    byIndicators.set(key, [...(byIndicators.get(key) ?? []), message]);
  }
  for (const [key, messages] of byIndicators) {
    const ids = key.startsWith(':') ? [] : key.split(',');
    const labels = ids.map((id) => lowerFirst(indicators.find((i) => i.id === id)?.label ?? id));
    const message = messages.map((m, i) => (i === 0 ? m : lowerFirst(m))).join(' ; ');
    out.push(labels.length > 0 ? `${message} : ${labels.join(', ')}.` : `${message}.`);
  }
  if (robustness && topK !== null && robustness.p95 - robustness.p05 >= WIDE_INTERVAL) {
    out.push(
      `Rang instable : entre ${formatNumber(robustness.p05)} et ${formatNumber(robustness.p95)} selon les variantes de la méthode ; dans les ${topK} premiers dans ${formatProbability(robustness.pTopK)} des tirages.`,
    );
  }
  return out;
}

export interface ShortlistedForCaveats {
  name: string;
  result: TerritoryResult | null;
  robustness: TerritoryRobustness | null;
}

/**
 * The caveats of the whole shortlist, most serious first; the summary page shows the first as « la
 * principale réserve ». Order: simulated data; a fragile ranking (robustness); territories reaching
 * outside the département or incomplete; withheld or estimated income data; robustness not computed.
 */
export function shortlistCaveats(
  synthetic: boolean,
  items: readonly ShortlistedForCaveats[],
  robustness: RobustnessInput | null,
): string[] {
  const out: string[] = [];
  if (synthetic) {
    out.push(
      'Les données de l’ESS sont simulées (démonstration) : ce classement ne doit pas servir à décider.',
    );
  }
  if (robustness) {
    const fragile = items.filter((x) => x.robustness && x.robustness.pTopK < 0.5);
    if (fragile.length > 0) {
      const list = fragile.map((x) => `${x.name} (${formatProbability(x.robustness!.pTopK)})`).join(', ');
      out.push(
        `Classement fragile : reste${fragile.length > 1 ? 'nt' : ''} dans les ${robustness.topK} premiers dans moins de la moitié des tirages : ${list}.`,
      );
    }
  }
  const outside = items.filter((x) => x.result && (x.result.includesOutsideScope || !x.result.complete));
  if (outside.length > 0) {
    out.push(
      `${outside.map((x) => x.name).join(', ')} : territoire${outside.length > 1 ? 's' : ''} débordant du département ou incomplet${outside.length > 1 ? 's' : ''} ; les chiffres portent sur l’ensemble de ses communes.`,
    );
  }
  const withheld = items.filter((x) => x.result?.caveats.some((c) => c.code === 'withheld'));
  if (withheld.length > 0) {
    out.push(
      'Revenus et pauvreté non diffusés par l’Insee pour une partie des communes (secret statistique) : valeurs estimées sur la population couverte.',
    );
  }
  if (!robustness) {
    out.push(
      'Robustesse du classement non calculée : de faibles écarts de score ne départagent pas les territoires.',
    );
  }
  return out;
}
