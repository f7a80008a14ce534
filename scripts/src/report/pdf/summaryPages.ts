import { SECTION, summaryIntro, TEXT } from '../sections.ts';
import { rankingTable } from '../tables.ts';
import type { ReportModel } from '../types.ts';
import { drawLegend, drawMap } from './drawMap.ts';
import { COLOR, type PdfWriter } from './PdfWriter.ts';

/** One page: the recommended territories in order, one sentence each, and the main caveat. */
export function summaryPage(w: PdfWriter, model: ReportModel): void {
  const { doc } = w;
  w.newPage();
  w.heading(SECTION.summary, 1);
  w.text(summaryIntro(model.summary.items.length, model.vintage.scope, model.level.label), {
    size: 10.5,
    after: 10,
  });
  for (const item of model.summary.items) {
    const y = doc.y;
    w.ensure(w.measure(item.why, { size: 10, indent: 30 }) + 26);
    const top = doc.y === y ? y : doc.y;
    w.artifact(() => {
      doc.circle(w.left + 10, top + 8, 10).fill(COLOR.shortlisted);
      doc.font('bold').fontSize(11).fillColor('#ffffff');
      const label = String(item.position);
      doc.text(label, w.left + 10 - doc.widthOfString(label) / 2, top + 2.5, { lineBreak: false });
    });
    doc.y = top;
    w.text(item.name, { font: 'bold', size: 12, color: COLOR.primary, indent: 30, tag: 'H2', after: 2 });
    w.text(item.why, { size: 10, indent: 30, after: 12 });
  }
  doc.y += 4;
  const caveat = model.summary.mainCaveat;
  const h = w.measure(caveat, { font: 'bold', size: 10, width: w.width - 24 }) + 34;
  w.ensure(h);
  const y = doc.y;
  const color = model.synthetic ? COLOR.warning : COLOR.need;
  w.artifact(() =>
    doc
      .rect(w.left, y, w.width, h)
      .lineWidth(1)
      .fillAndStroke(model.synthetic ? COLOR.warningFill : '#fdf3e6', color),
  );
  doc.y = y + 8;
  w.text(SECTION.mainCaveat, { font: 'bold', size: 9, color, indent: 12, tag: 'H3', after: 3 });
  w.text(caveat, { font: 'bold', size: 10, indent: 12, width: w.width - 24 });
  doc.y = y + h + 10;
  if (model.summary.otherCaveats.length > 0) {
    w.text(SECTION.otherCaveats, { font: 'bold', size: 9.5, color: COLOR.muted, tag: 'H3', after: 4 });
    w.bullets(model.summary.otherCaveats, { size: 9 });
  }
}

/** The département map with the shortlisted territories, then the ranked table. */
export function mapAndTablePages(w: PdfWriter, model: ReportModel): void {
  w.newPage();
  w.heading(SECTION.map, 1);
  const [west, south, east, north] = model.map.bounds;
  const aspect = ((east - west) * Math.cos((((south + north) / 2) * Math.PI) / 180)) / (north - south || 1);
  const width = w.width;
  const height = Math.min(560, Math.max(260, width / (Number.isFinite(aspect) && aspect > 0 ? aspect : 1)));
  drawMap(w, model, width, height);
  drawLegend(w, model);
  if (model.map.unmapped.length > 0) {
    w.text(`Sans contour sur la carte : ${model.map.unmapped.join(', ')}.`, {
      size: 8.5,
      color: COLOR.muted,
    });
  }

  w.newPage();
  w.heading(SECTION.ranking, 1);
  w.text(TEXT.rankingIntro, { size: 9, color: COLOR.muted, after: 8 });
  w.table(rankingTable(model), { size: 8.5 });
  w.text(model.table.note, { size: 8.5, color: COLOR.muted });
  if (!model.table.robustness) {
    w.text(TEXT.robustnessMissing, { size: 8.5, color: COLOR.muted });
  }
}
