import { frenchSpacing } from '../french.ts';
import { mapLayout } from '../mapLayout.ts';
import { legendLabels, mapAltText } from '../sections.ts';
import type { ReportModel } from '../types.ts';
import { COLOR, type PdfWriter } from './PdfWriter.ts';

const LABEL_SIZE = 7.5;
const MARKER_RADIUS = 7;

/** Traces rings as one path (even-odd: holes stay holes). */
function trace(doc: PDFKit.PDFDocument, rings: [number, number][][], x0: number, y0: number): void {
  for (const ring of rings) {
    ring.forEach(([x, y], i) => {
      if (i === 0) doc.moveTo(x0 + x, y0 + y);
      else doc.lineTo(x0 + x, y0 + y);
    });
    doc.closePath();
  }
}

/**
 * Draws the département map as vector paths in a `width` × `height` box at the cursor: the
 * neighbouring départements, every territory of the level (shortlisted ones filled), the
 * scope's outline, numbered markers with names, a 10 km scale bar and a north arrow.
 */
export function drawMap(w: PdfWriter, model: ReportModel, width: number, height: number): void {
  const { doc } = w;
  const x0 = w.left + (w.width - width) / 2;
  const y0 = doc.y;
  doc.font('regular').fontSize(LABEL_SIZE);
  const layout = mapLayout(model.map, {
    width,
    height,
    padding: 10,
    measure: (t) => doc.font('bold').fontSize(LABEL_SIZE).widthOfString(t) + 6,
    labelHeight: LABEL_SIZE + 5,
    markerRadius: MARKER_RADIUS,
  });
  w.tag(
    'Figure',
    () => {
      doc.save();
      doc.rect(x0, y0, width, height).clip();
      doc.rect(x0, y0, width, height).fill('#f8fafc');
      for (const c of layout.context.filter((c) => !c.inScope)) {
        trace(doc, c.rings, x0, y0);
        doc.lineWidth(0.5).fillAndStroke('#eceff3', '#c3cad4');
      }
      for (const a of layout.areas) {
        trace(doc, a.rings, x0, y0);
        doc
          .lineWidth(0.6)
          .fillAndStroke(a.position !== null ? COLOR.shortlisted : '#dfe4ea', '#ffffff', 'even-odd');
      }
      for (const c of layout.context.filter((c) => c.inScope)) {
        trace(doc, c.rings, x0, y0);
        doc.lineWidth(1.3).strokeColor(COLOR.primary).stroke();
      }
      doc.restore();
      doc.rect(x0, y0, width, height).lineWidth(0.5).strokeColor(COLOR.rule).stroke();

      for (const l of layout.labels) {
        doc.save();
        doc
          .roundedRect(x0 + l.labelX, y0 + l.labelY, l.width, l.height, 2)
          .fillOpacity(0.88)
          .fill('#ffffff');
        doc.restore();
        doc.font('bold').fontSize(LABEL_SIZE).fillColor(COLOR.text);
        doc.text(frenchSpacing(l.name), x0 + l.labelX + 3, y0 + l.labelY + 2.5, { lineBreak: false });
        doc
          .circle(x0 + l.x, y0 + l.y, MARKER_RADIUS)
          .lineWidth(1.2)
          .fillAndStroke('#ffffff', COLOR.shortlisted);
        const n = String(l.position);
        doc.font('bold').fontSize(8).fillColor(COLOR.shortlisted);
        doc.text(n, x0 + l.x - doc.widthOfString(n) / 2, y0 + l.y - 4.6, { lineBreak: false });
      }

      // Scale bar (10 km) bottom left, north arrow top right.
      const sx = x0 + 12;
      const sy = y0 + height - 14;
      doc.rect(sx, sy, layout.tenKm, 3).fill(COLOR.text);
      doc
        .font('regular')
        .fontSize(7)
        .fillColor(COLOR.text)
        .text('10 km', sx, sy - 10, { lineBreak: false });
      const nx = x0 + width - 18;
      const ny = y0 + 12;
      doc.polygon([nx, ny], [nx + 5, ny + 14], [nx, ny + 11], [nx - 5, ny + 14]).fill(COLOR.text);
      doc
        .font('bold')
        .fontSize(7)
        .text('N', nx - 2.3, ny + 15, { lineBreak: false });
    },
    { alt: frenchSpacing(mapAltText(model)) },
  );
  doc.x = w.left;
  doc.y = y0 + height + 8;
}

/** The legend under the map. */
export function drawLegend(w: PdfWriter, model: ReportModel): void {
  const { doc } = w;
  const swatches: ((x: number, y: number) => void)[] = [
    (x, y) => doc.rect(x, y, 14, 9).fill(COLOR.shortlisted),
    (x, y) => doc.rect(x, y, 14, 9).fill('#dfe4ea'),
    (x, y) => doc.rect(x, y, 14, 9).lineWidth(1.3).stroke(COLOR.primary),
    (x, y) => doc.rect(x, y, 14, 9).lineWidth(0.5).fillAndStroke('#eceff3', '#c3cad4'),
  ];
  const items = legendLabels(model.level.label).map((label, i) => [label, swatches[i]!] as const);
  w.ensure(items.length * 14 + 6);
  for (const [label, swatch] of items) {
    const y = doc.y;
    w.artifact(() => swatch(w.left, y + 1));
    w.text(label, { size: 8.5, indent: 20, after: 3 });
  }
}
