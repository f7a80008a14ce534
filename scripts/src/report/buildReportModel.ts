import { formatDate } from './french.ts';
import { shortlistCaveats } from './model/caveats.ts';
import { levelMedians } from './model/levelMedians.ts';
import { mapModel } from './model/mapModel.ts';
import { methodAnnex } from './model/methodAnnex.ts';
import { provenanceAnnex } from './model/provenanceAnnex.ts';
import { scopeCommunes } from './model/territoryCommunes.ts';
import { territorySection } from './model/territorySection.ts';
import { typeset } from './model/typeset.ts';
import { reportError } from './ReportError.ts';
import type { ReportInput, ReportModel, TableRow } from './types.ts';

/** The ranked table lists this many territories, then any shortlisted one ranked further down. */
export const TABLE_TOP = 30;

export const SYNTHETIC_WATERMARK = 'DÉMONSTRATION – données ESS simulées';

function checkInput(input: ReportInput): void {
  const { vintage, result, shortlist } = input;
  if (result.vintageId !== vintage.manifest.id) {
    throw reportError('REPORT_VINTAGE_MISMATCH', {
      fr: `Le résultat de score vient du millésime « ${result.vintageId} », pas de « ${vintage.manifest.id} ».`,
      en: `The score result comes from vintage "${result.vintageId}", not "${vintage.manifest.id}".`,
      hintFr: 'Recalculez le score sur le millésime de la liste.',
      hintEn: 'Score again on the shortlist’s vintage.',
    });
  }
  if (shortlist.items.length === 0) {
    throw reportError(
      'REPORT_EMPTY_SHORTLIST',
      {
        fr: 'La liste ne contient aucun territoire.',
        en: 'The shortlist holds no territory.',
        hintFr: 'Ajoutez au moins un territoire à la liste.',
        hintEn: 'Add at least one territory to the shortlist.',
      },
      { field: 'items' },
    );
  }
  const known = new Set(result.territories.map((t) => t.code));
  shortlist.items.forEach((item, i) => {
    const codes = item.kind === 'zone' ? (item.members ?? []) : [item.code];
    if (item.kind === 'zone' && codes.length === 0) {
      throw reportError(
        'REPORT_ZONE_WITHOUT_MEMBERS',
        {
          fr: `La zone « ${item.name} » ne liste aucun territoire membre.`,
          en: `Zone "${item.name}" lists no member territory.`,
          hintFr: 'Indiquez les codes des territoires de la zone dans « members ».',
          hintEn: 'Give the codes of the zone’s territories in "members".',
        },
        { field: `items[${i}].members` },
      );
    }
    for (const code of codes) {
      if (!known.has(code)) {
        throw reportError(
          'REPORT_UNKNOWN_TERRITORY',
          {
            fr: `Le territoire « ${code} » (${item.name}) n’existe pas au niveau « ${result.level.id} » du résultat.`,
            en: `Territory "${code}" (${item.name}) does not exist at level "${result.level.id}" of the result.`,
            hintFr: `Vérifiez le code, ou calculez le score au niveau de la liste.`,
            hintEn: 'Check the code, or score at the shortlist’s level.',
          },
          { field: item.kind === 'zone' ? `items[${i}].members` : `items[${i}].code`, value: code },
        );
      }
    }
  });
}

/**
 * Builds the cabinet's shortlist report from plain data: the decoded vintage, the score result at
 * the shortlist's level, the shortlist, optional robustness results and the level's polygons. The
 * model holds every sentence the report says (French, with French spacing) and every number as a
 * number (`null` = missing); `renderReportPdf` and `renderReportHtml` only lay it out.
 *
 * @throws {DataError} `REPORT_VINTAGE_MISMATCH`, `REPORT_EMPTY_SHORTLIST`, `REPORT_ZONE_WITHOUT_MEMBERS`,
 *   `REPORT_UNKNOWN_TERRITORY` (with the item's field and code).
 */
export function buildReportModel(input: ReportInput): ReportModel {
  checkInput(input);
  const { vintage, result, shortlist, geometry } = input;
  const robustness = input.robustness ?? null;
  const date = input.date ?? new Date();
  const manifest = vintage.manifest;
  const synthetic = manifest.synthetic.ess || result.synthetic;
  const referenceRows = scopeCommunes(vintage);
  const medians = levelMedians(result);
  const ctx = { vintage, result, referenceRows, medians, robustness };

  const territories = shortlist.items.map((item, i) => territorySection(ctx, item, i + 1));
  const positionOf = new Map<string, number>();
  shortlist.items.forEach((item, i) => {
    for (const code of item.kind === 'zone' ? (item.members ?? []) : [item.code]) {
      if (!positionOf.has(code)) positionOf.set(code, i + 1);
    }
  });

  const rows: TableRow[] = [];
  for (const t of result.territories) {
    const position = positionOf.get(t.code) ?? null;
    if (t.rank === null || (t.rank > TABLE_TOP && position === null)) continue;
    rows.push({
      position,
      code: t.code,
      name: t.name,
      rank: t.rank,
      score: t.score,
      need: t.need,
      potential: t.potential,
      robustness: robustness?.territories[t.code] ?? null,
      shortlisted: position !== null,
    });
  }
  const hidden = result.counts.ranked - rows.length;
  const caveats = shortlistCaveats(
    synthetic,
    territories.map((s) => ({
      name: s.name,
      result: result.territories.find((t) => t.code === s.code) ?? null,
      robustness: s.robustness,
    })),
    robustness,
  );

  const model: ReportModel = {
    lang: 'fr-FR',
    title: shortlist.title,
    subject: `Choix du site d’un pôle territorial de coopération économique (PTCE) — ${manifest.scope.label}`,
    date: date.toISOString(),
    dateLabel: formatDate(date),
    author: shortlist.author,
    scenarioName: shortlist.scenarioName,
    status: shortlist.publishedAt
      ? `Liste publiée le ${formatDate(shortlist.publishedAt)}`
      : 'Liste de travail (non publiée)',
    vintage: { id: manifest.id, title: manifest.title, scope: manifest.scope.label },
    level: {
      id: result.level.id,
      label: result.level.label,
      ranked: result.counts.ranked,
      territories: result.counts.territories,
    },
    synthetic: synthetic
      ? {
          banner: `${SYNTHETIC_WATERMARK} : ne pas utiliser pour décider`,
          watermark: SYNTHETIC_WATERMARK,
          description: manifest.synthetic.description ?? manifest.ess.note,
        }
      : null,
    summary: {
      items: territories.map((s) => ({ position: s.position, name: s.name, why: s.why })),
      mainCaveat: caveats[0] ?? 'Aucune réserve majeure.',
      otherCaveats: caveats.slice(1),
    },
    map: mapModel(geometry, positionOf, new Map(territories.map((s) => [s.position, s.name]))),
    table: {
      rows,
      topK: robustness?.topK ?? null,
      robustness: robustness !== null,
      note:
        hidden > 0
          ? `Les ${hidden} autres territoires classés (sur ${result.counts.ranked}) ne sont pas listés.`
          : `${result.counts.ranked} territoires classés sur ${result.counts.territories}.`,
    },
    territories,
    method: methodAnnex(result, robustness),
    provenance: provenanceAnnex(vintage, result, shortlist),
  };
  return typeset(model);
}
