// The cabinet's shortlist report (issue 8): a renderer-neutral model, then PDF and printable HTML.

// Reading a vintage folder (Node): the command line and the bench use them.
export { readReportGeometry, readVintageFolder } from '../lib/readVintageFolder.ts';
export { buildReportModel, SYNTHETIC_WATERMARK } from './buildReportModel.ts';
// Formatting helpers (fr-FR), for callers that print the same figures.
export { formatDate, formatNumber, frenchSpacing, NNBSP } from './french.ts';
export { renderReportHtml } from './renderReportHtml.ts';
export { renderReportPdf } from './renderReportPdf.ts';

export type * from './types.ts';
