import type { ScoreResult, StrengthOrWeakness, TerritoryResult, Vintage } from '@ptce/engine';
import { formatNumber } from '../french.ts';
import type {
  ArgumentLine,
  KeyFigure,
  RobustnessInput,
  ShortlistItemInput,
  TerritorySection,
} from '../types.ts';
import { territoryCaveats } from './caveats.ts';
import { essActors } from './essActors.ts';
import { compareWithReference } from './indicatorValue.ts';
import { keyFigures } from './keyFigures.ts';
import { territoryCommunes } from './territoryCommunes.ts';
import { type LevelMedians, whySentence } from './whySentence.ts';

const NATURE: Record<string, string> = {
  CC: 'Communauté de communes',
  CA: 'Communauté d’agglomération',
  CU: 'Communauté urbaine',
  ME: 'Métropole',
};

export interface SectionContext {
  vintage: Vintage;
  result: ScoreResult;
  referenceRows: readonly number[];
  medians: LevelMedians;
  robustness: RobustnessInput | null;
}

function argumentLines(list: readonly StrengthOrWeakness[], result: ScoreResult): ArgumentLine[] {
  return list.map((s) => {
    const unit = result.indicators.find((i) => i.id === s.id)?.unit ?? '';
    return {
      label: s.label,
      comparison: compareWithReference(s.value, s.reference, unit, 'dans le département'),
    };
  });
}

/** `Communauté de communes · 45 communes · 24 509 habitants`, or `Zone candidate · 3 territoires · …`. */
function descriptor(
  ctx: SectionContext,
  item: ShortlistItemInput,
  rows: readonly number[],
  figures: readonly KeyFigure[],
): string {
  const { vintage, result } = ctx;
  const parts: string[] = [];
  if (item.kind === 'zone') parts.push(`Zone candidate de ${item.members?.length ?? 0} territoires`);
  else {
    const unit = vintage.zonings
      .find((z) => z.id === result.level.id)
      ?.units.find((u) => u.code === item.code);
    parts.push((unit?.nature && NATURE[unit.nature]) || result.level.label);
  }
  const outside = rows.filter((r) => vintage.communes.inScope[r] === 0).length;
  parts.push(
    `${formatNumber(rows.length)} commune${rows.length > 1 ? 's' : ''}${outside > 0 ? ` dont ${formatNumber(outside)} hors du département` : ''}`,
  );
  const population = figures.find((f) => f.id === 'population')?.value ?? null;
  if (population !== null) parts.push(`${formatNumber(population)} habitants`);
  return parts.join(' · ');
}

/** One shortlisted territory's page: figures against the département, dimensions, arguments, ESS actors, note, caveats. */
export function territorySection(
  ctx: SectionContext,
  item: ShortlistItemInput,
  position: number,
): TerritorySection {
  const { vintage, result, robustness } = ctx;
  const t: TerritoryResult | null = result.territories.find((x) => x.code === item.code) ?? null;
  const memberCodes = item.kind === 'zone' ? (item.members ?? []) : [item.code];
  const rows = [...new Set(memberCodes.flatMap((c) => territoryCommunes(vintage, result, c)))].sort(
    (a, b) => a - b,
  );
  const figures = keyFigures(vintage, rows, ctx.referenceRows);
  const rob = robustness?.territories[item.code] ?? null;
  const memberNames =
    item.kind === 'zone'
      ? memberCodes.map((c) => result.territories.find((x) => x.code === c)?.name ?? c)
      : [];
  const why = t
    ? whySentence(t, result.dimensions, result.indicators, ctx.medians)
    : `Zone candidate regroupant ${memberNames.join(', ')} : non classée par le score à ce niveau ; retenue sur l’avis des analystes.`;
  return {
    position,
    code: item.code,
    name: item.name,
    kind: item.kind,
    descriptor: descriptor(ctx, item, rows, figures),
    rank: t?.rank ?? null,
    ranked: result.counts.ranked,
    score: t?.score ?? null,
    need: t?.need ?? null,
    potential: t?.potential ?? null,
    robustness: rob,
    why,
    keyFigures: figures,
    dimensions: result.dimensions.map((d) => ({
      id: d.id,
      label: d.label,
      pillar: d.pillar,
      value: t?.dimensions[d.id] ?? null,
      median: ctx.medians.dimensions[d.id] ?? null,
    })),
    strengths: t ? argumentLines(t.strengths, result) : [],
    weaknesses: t ? argumentLines(t.weaknesses, result) : [],
    ess: essActors(vintage, rows),
    note: item.note.trim(),
    caveats: territoryCaveats(t, result.indicators, rob, robustness?.topK ?? null),
    members: memberNames,
  };
}
