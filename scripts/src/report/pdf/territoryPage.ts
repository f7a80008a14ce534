import { formatNumber, frenchSpacing } from '../french.ts';
import { shortDimensionLabel } from '../model/whySentence.ts';
import { SECTION, TEXT } from '../sections.ts';
import { essTable, headlineFigures, keyFigureNotes, keyFiguresTable } from '../tables.ts';
import type { ArgumentLine, ReportModel, TerritorySection } from '../types.ts';
import { COLOR, type PdfWriter } from './PdfWriter.ts';

/** Five boxes: rank, score, need, potential, robustness. */
function headline(w: PdfWriter, section: TerritorySection, topK: number | null): void {
  const { doc } = w;
  const figures = headlineFigures(section, topK);
  const gap = 6;
  const widths = [0.17, 0.14, 0.14, 0.14, 0.41].map(
    (share) => share * (w.width - gap * (figures.length - 1)),
  );
  const y = doc.y;
  let x = w.left;
  figures.forEach((f, i) => {
    const bx = x;
    w.artifact(() => doc.roundedRect(bx, y, widths[i]!, 40, 3).fill(COLOR.fill));
    w.tag('P', () => {
      doc
        .font('regular')
        .fontSize(7.5)
        .fillColor(COLOR.muted)
        .text(frenchSpacing(f.label), bx + 6, y + 5, {
          width: widths[i]! - 12,
          lineBreak: false,
        });
      const value = frenchSpacing(f.value);
      let size = 14;
      while (size > 8 && doc.font('bold').fontSize(size).widthOfString(value) > widths[i]! - 12) size -= 0.5;
      doc
        .font('bold')
        .fontSize(size)
        .fillColor(COLOR.primary)
        .text(value, bx + 6, y + 18 + (14 - size) / 2, {
          width: widths[i]! - 12,
          lineBreak: false,
          ellipsis: true,
        });
    });
    x += widths[i]! + gap;
  });
  doc.x = w.left;
  doc.y = y + 50;
}

/** Dimension scores as bars on 0–100 with the level's median as a tick, in a column at `x`. */
function dimensionBars(
  w: PdfWriter,
  section: TerritorySection,
  x: number,
  width: number,
  y0: number,
): number {
  const { doc } = w;
  let y = y0;
  w.tag('H3', () => {
    doc
      .font('bold')
      .fontSize(10)
      .fillColor(COLOR.primary)
      .text(SECTION.dimensions, x, y, { width, lineBreak: false });
  });
  y += 18;
  for (const d of section.dimensions) {
    const color = d.pillar === 'need' ? COLOR.need : COLOR.potential;
    const label = shortDimensionLabel(d.label);
    w.tag('P', () => {
      doc
        .font('regular')
        .fontSize(8)
        .fillColor(COLOR.text)
        .text(frenchSpacing(label), x, y, { width: width - 34, lineBreak: false, ellipsis: true });
      doc
        .font('bold')
        .fontSize(8)
        .text(formatNumber(d.value, 1), x + width - 34, y, { width: 34, align: 'right', lineBreak: false });
    });
    const by = y + 11;
    w.artifact(() => {
      doc.rect(x, by, width, 7).fill('#e5e9ef');
      if (d.value !== null)
        doc.rect(x, by, (width * Math.max(0, Math.min(100, d.value))) / 100, 7).fill(color);
      if (d.median !== null) {
        const mx = x + (width * d.median) / 100;
        doc
          .moveTo(mx, by - 2)
          .lineTo(mx, by + 9)
          .lineWidth(1.2)
          .strokeColor(COLOR.text)
          .stroke();
      }
    });
    y += 26;
  }
  w.tag('P', () => {
    doc
      .font('regular')
      .fontSize(7)
      .fillColor(COLOR.muted)
      .text(frenchSpacing(TEXT.medianTick), x, y, { width });
  });
  doc.y += 8;
  w.table(essTable(section), { x, width, size: 8, padding: 2 });
  if (section.ess.synthetic) {
    w.tag('P', () => {
      doc
        .font('regular')
        .fontSize(7)
        .fillColor(COLOR.warning)
        .text('Données ESS simulées (démonstration).', x, doc.y - 3, { width });
    });
  }
  return doc.y;
}

/** Two columns: what argues for, what argues against, each with its value against the département. */
function argumentColumns(w: PdfWriter, section: TerritorySection): void {
  const { doc } = w;
  const colWidth = (w.width - 16) / 2;
  const lines = (list: ArgumentLine[]) => list.map((a) => ({ title: a.label, detail: a.comparison }));
  const columns = [
    { title: SECTION.for, items: lines(section.strengths), color: COLOR.shortlisted },
    { title: SECTION.against, items: lines(section.weaknesses), color: COLOR.need },
  ];
  const heightOf = (items: { title: string; detail: string }[]) =>
    22 +
    items.reduce(
      (s, it) =>
        s +
        w.measure(it.title, { font: 'bold', size: 8.5, width: colWidth }) +
        w.measure(it.detail, { size: 8.5, width: colWidth }) +
        5,
      0,
    );
  const h = Math.max(...columns.map((c) => heightOf(c.items)), 40);
  w.ensure(h);
  const y0 = doc.y;
  columns.forEach((c, k) => {
    const x = w.left + k * (colWidth + 16);
    let y = y0;
    w.tag('H3', () => {
      doc
        .font('bold')
        .fontSize(10)
        .fillColor(c.color)
        .text(frenchSpacing(c.title), x, y, { width: colWidth });
    });
    y += 18;
    if (c.items.length === 0) {
      w.tag('P', () =>
        doc
          .font('regular')
          .fontSize(8.5)
          .fillColor(COLOR.muted)
          .text(TEXT.noArgument, x, y, { width: colWidth }),
      );
    }
    const list = w.group('L');
    for (const it of c.items) {
      w.tagIn(list, 'LI', () => {
        doc
          .font('bold')
          .fontSize(8.5)
          .fillColor(COLOR.text)
          .text(frenchSpacing(it.title), x, y, { width: colWidth, lineGap: 1.5 });
        doc
          .font('regular')
          .fontSize(8.5)
          .fillColor(COLOR.muted)
          .text(frenchSpacing(it.detail), x, doc.y, { width: colWidth, lineGap: 1.5 });
      });
      y = doc.y + 5;
    }
    list.end();
  });
  doc.x = w.left;
  doc.y = y0 + h + 4;
}

/** One shortlisted territory: headline figures, key figures against the département, dimensions, arguments, ESS actors, note, caveats. */
export function territoryPage(w: PdfWriter, model: ReportModel, section: TerritorySection): void {
  const { doc } = w;
  w.newPage();
  w.heading(`${section.position}. ${section.name}`, 1);
  w.text(section.descriptor, { size: 9.5, color: COLOR.muted, after: 8 });
  headline(w, section, model.table.topK);
  w.text(section.why, { size: 9.5, after: 10 });
  if (section.members.length > 0)
    w.text(`Territoires de la zone : ${section.members.join(', ')}.`, { size: 9, after: 8 });

  const tableWidth = w.width * 0.6;
  const barsX = w.left + tableWidth + 18;
  const y0 = doc.y;
  w.ensure(230);
  const top = doc.y === y0 ? y0 : doc.y;
  w.tag('H3', () => {
    doc
      .font('bold')
      .fontSize(10)
      .fillColor(COLOR.primary)
      .text(SECTION.keyFigures, w.left, top, { width: tableWidth });
  });
  doc.y = top + 18;
  w.table(keyFiguresTable(section, model.vintage.scope), { width: tableWidth, size: 8, padding: 2 });
  for (const note of keyFigureNotes(section))
    w.text(note, { size: 7, color: COLOR.muted, width: tableWidth, after: 2 });
  const afterTable = doc.y;
  const afterBars = dimensionBars(w, section, barsX, w.width - tableWidth - 18, top);
  doc.y = Math.max(afterTable, afterBars) + 8;

  argumentColumns(w, section);

  w.heading(SECTION.note, 3, 30);
  w.text(section.note || TEXT.noNote, { size: 9.5, color: section.note ? COLOR.text : COLOR.muted });

  if (section.caveats.length > 0) {
    w.heading(SECTION.caveats, 3, 30);
    w.bullets(section.caveats, { size: 8, color: COLOR.text, after: 2 });
  }
}
