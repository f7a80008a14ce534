import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { score } from '@ptce/engine';
import PDFDocument from 'pdfkit';
import { type Measurement, median, p95, writeResults } from '../src/bench/results.ts';
import { repoRoot } from '../src/lib/repoRoot.ts';
import {
  buildReportModel,
  readReportGeometry,
  readVintageFolder,
  renderReportHtml,
  renderReportPdf,
  type ShortlistInput,
} from '../src/report/index.ts';
import { fontBytes } from '../src/report/pdf/fonts.ts';

/**
 * `pnpm bench` (report part): the cabinet's report for the Bas-Rhin — model + PDF, and model +
 * HTML — once the score result is computed (score at the EPCI level, default configuration, three
 * EPCI shortlisted), median of RUNS runs after one warm-up. Floor measured in the same run: pdfkit
 * writing the same number of A4 pages of plain text with the same embedded fonts. Target (issue 8):
 * under 5 s.
 */
const RUNS = Number(process.env.RUNS ?? 7);
const dir = join(repoRoot(), 'datasets', 'build', 'bas-rhin-2021');
if (!existsSync(join(dir, 'manifest.json'))) {
  console.error(`millésime absent : ${dir} (lancez « pnpm ptce data build »)`);
  process.exit(1);
}
const vintage = readVintageFolder(dir);
const result = score(vintage, { level: 'epci' });
const geometry = readReportGeometry(dir, 'epci');
const top = result.territories.slice(0, 3);
const shortlist: ShortlistInput = {
  title: 'Banc d’essai : trois EPCI',
  scenarioName: 'Cadre par défaut',
  author: 'bench',
  createdAt: new Date().toISOString(),
  publishedAt: null,
  items: top.map((t) => ({ code: t.code, name: t.name, kind: 'territory', note: 'Note de banc d’essai.' })),
};
const input = { vintage, result, shortlist, geometry };

async function time(fn: () => Promise<unknown> | unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** pdfkit alone: `pages` A4 pages of 45 lines of plain text each, same fonts registered and used. */
async function floor(pages: number): Promise<void> {
  const doc = new PDFDocument({ size: 'A4', autoFirstPage: false });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => doc.on('end', resolve));
  for (const [name, bytes] of Object.entries(fontBytes())) doc.registerFont(name, bytes);
  for (let p = 0; p < pages; p++) {
    doc.addPage();
    doc.font(p % 2 ? 'regular' : 'condensed').fontSize(9);
    for (let l = 0; l < 45; l++) {
      doc.text(
        `Ligne ${l + 1} de la page ${p + 1} : texte courant d’un rapport, chiffres 12 345,6 €.`,
        56,
        70 + l * 15,
        {
          lineBreak: false,
        },
      );
    }
  }
  doc.end();
  await done;
}

const pdfBytes = await renderReportPdf(buildReportModel(input)); // warm-up (fonts, JIT)
const pageCount = (
  Buffer.from(pdfBytes)
    .toString('latin1')
    .match(/\/Type \/Page\b/g) ?? []
).length;
await floor(pageCount);

const pdfMs: number[] = [];
const htmlMs: number[] = [];
const floorMs: number[] = [];
for (let r = 0; r < RUNS; r++) {
  pdfMs.push(await time(async () => renderReportPdf(buildReportModel(input))));
  htmlMs.push(await time(() => renderReportHtml(buildReportModel(input))));
  floorMs.push(await time(() => floor(pageCount)));
}

const floorMedian = median(floorMs);
/** A timed step compared with the pdfkit floor. */
const step = (id: string, values: number[], what: string): Measurement => ({
  id,
  unit: 'ms',
  median: median(values),
  p95: p95(values),
  runs: RUNS,
  reference: { id: 'report.floor.basRhin', median: floorMedian },
  ratio: median(values) / floorMedian,
  target: `< 5 s (${what}, score computed)`,
  pass: median(values) < 5000,
});
const measurements: Measurement[] = [
  {
    id: 'report.floor.basRhin',
    unit: 'ms',
    median: floorMedian,
    p95: p95(floorMs),
    runs: RUNS,
    target: `reference (pdfkit, ${pageCount} pages of plain text, same fonts)`,
    pass: true,
  },
  step('report.pdf.basRhin', pdfMs, 'model + PDF'),
  step('report.html.basRhin', htmlMs, 'model + HTML'),
];
console.log(
  `rapport Bas-Rhin (${pageCount} pages) : PDF ${Math.round(median(pdfMs))} ms, HTML ${Math.round(median(htmlMs))} ms (plancher pdfkit ${Math.round(floorMedian)} ms)`,
);
console.log(`écrit : ${writeResults('report', measurements)}`);
