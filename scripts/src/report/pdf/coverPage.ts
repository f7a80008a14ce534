import { frenchSpacing } from '../french.ts';
import { coverLines, SECTION, TEXT } from '../sections.ts';
import type { ReportModel } from '../types.ts';
import { COLOR, PAGE, type PdfWriter } from './PdfWriter.ts';

/** Cover: title, subject, date, vintage, scenario, author and status. */
export function coverPage(w: PdfWriter, model: ReportModel): void {
  const { doc } = w;
  w.newPage();
  w.artifact(() => {
    doc.rect(0, 180, PAGE.width, 6).fill(COLOR.shortlisted);
  });
  doc.y = 210;
  w.text(SECTION.cover, { size: 11, color: COLOR.muted, after: 8 });
  w.text(model.title, { font: 'bold', size: 26, color: COLOR.primary, tag: 'H1', after: 14, lineGap: 2 });
  w.text(model.subject, { size: 13, color: COLOR.text, after: 40 });
  w.pairs(coverLines(model), 120, 11);
  if (model.synthetic) {
    doc.y += 30;
    const text = frenchSpacing(TEXT.syntheticCover);
    const h = w.measure(text, { font: 'bold', size: 10.5, width: w.width - 24 }) + 20;
    const y = doc.y;
    w.artifact(() =>
      doc.rect(w.left, y, w.width, h).lineWidth(1.2).fillAndStroke(COLOR.warningFill, COLOR.warning),
    );
    doc.y = y + 10;
    w.text(text, { font: 'bold', size: 10.5, color: COLOR.warning, indent: 12, width: w.width - 24 });
  }
}
