import { methodAnnexPages, provenanceAnnexPages } from './pdf/annexPages.ts';
import { coverPage } from './pdf/coverPage.ts';
import { PdfWriter } from './pdf/PdfWriter.ts';
import { mapAndTablePages, summaryPage } from './pdf/summaryPages.ts';
import { territoryPage } from './pdf/territoryPage.ts';
import type { ReportModel } from './types.ts';

/**
 * Renders the shortlist report as an A4 PDF with pdfkit: cover, one-page summary, the département
 * map (vector paths from the vintage's polygons), the ranked table, one page per shortlisted
 * territory, then the method and data-provenance annexes. Fonts embedded (DejaVu Sans subsets),
 * real text, document metadata (title, author, subject, language fr-FR), tagged structure; when
 * simulated data was used, a banner and a diagonal watermark on every page.
 */
export async function renderReportPdf(model: ReportModel): Promise<Uint8Array> {
  const w = new PdfWriter(model);
  coverPage(w, model);
  summaryPage(w, model);
  mapAndTablePages(w, model);
  for (const section of model.territories) territoryPage(w, model, section);
  methodAnnexPages(w, model);
  provenanceAnnexPages(w, model);
  return w.finish();
}
