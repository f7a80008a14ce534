import { SECTION, TEXT } from '../sections.ts';
import { dimensionPairs, hashLines, indicatorsTable, inputsTable } from '../tables.ts';
import type { ReportModel } from '../types.ts';
import { COLOR, type PdfWriter } from './PdfWriter.ts';

/** Annex A: the method (settings, dimensions, indicators with directions and weights, robustness). */
export function methodAnnexPages(w: PdfWriter, model: ReportModel): void {
  w.newPage();
  w.heading(SECTION.method, 1);
  w.pairs(model.method.settings);
  w.heading(SECTION.dimensionsAnnex, 3, 40);
  w.pairs(dimensionPairs(model), 200);
  w.heading(SECTION.indicators, 3, 60);
  w.text(TEXT.directions, { size: 8.5, color: COLOR.muted });
  w.table(indicatorsTable(model), { size: 7.5 });
  w.heading(SECTION.robustness, 3, 30);
  if (model.method.robustness) w.pairs(model.method.robustness);
  else w.text(TEXT.robustnessNotComputed, { size: 9, color: COLOR.muted });
}

/** Annex B: data provenance (vintage, sources and editions, COG years, every file's SHA-256). */
export function provenanceAnnexPages(w: PdfWriter, model: ReportModel): void {
  w.newPage();
  w.heading(SECTION.provenance, 1);
  w.pairs(model.provenance.vintage);
  if (model.synthetic) {
    w.text(`Couche ESS simulée : ${model.synthetic.description}`, {
      size: 8.5,
      color: COLOR.warning,
      after: 8,
    });
  }
  w.heading(SECTION.sources, 3, 60);
  w.table(inputsTable(model), { size: 7.5 });
  w.heading(SECTION.hashes, 3, 40);
  w.pairs(
    hashLines(model).map((h) => ({ label: h.what, value: h.hash })),
    180,
    7.5,
    'mono',
  );
}
