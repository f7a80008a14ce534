import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildReportModel,
  type ReportModel,
  renderReportHtml,
  renderReportPdf,
} from '../../src/report/index.ts';
import { SECTION } from '../../src/report/sections.ts';
import { BAS_RHIN, BAS_RHIN_SHORTLIST, basRhinInput, hasBasRhin, SKIP_MESSAGE } from './basRhin.ts';
import { decodePdfText, pageImages, pdfFonts, pdfInfo, pdfPages } from './pdfTools.ts';

if (!hasBasRhin) console.warn(SKIP_MESSAGE);

/** Independent French formats (no Intl): one decimal with a comma; thousands grouped by spaces as pdftotext prints U+202F. */
const fr1 = (v: number) => v.toFixed(1).replace('.', ',');
const grouped = (n: number) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');

/** Titles every report has, whatever its content (the robustness and zone parts are optional). */
const SECTIONS = [
  SECTION.cover,
  SECTION.summary,
  SECTION.mainCaveat,
  SECTION.map,
  SECTION.ranking,
  SECTION.keyFigures,
  SECTION.dimensions,
  SECTION.for,
  SECTION.against,
  SECTION.note,
  SECTION.caveats,
  SECTION.method,
  SECTION.indicators,
  SECTION.robustness,
  SECTION.provenance,
  SECTION.sources,
  SECTION.hashes,
];

describe.skipIf(!hasBasRhin)(
  'the report on the real Bas-Rhin vintage (3 EPCI, default configuration)',
  () => {
    let input: ReturnType<typeof basRhinInput>;
    let model: ReportModel;
    let pdf: Uint8Array;
    let pages: string[];
    let html: string;
    beforeAll(async () => {
      input = basRhinInput();
      model = buildReportModel(input);
      pdf = await renderReportPdf(model);
      pages = pdfPages(pdf);
      html = renderReportHtml(model);
    });

    it('renderReportPdf(model) holds the shortlisted territories, their scores and the sections', () => {
      const text = pages.join('\n');
      for (const item of BAS_RHIN_SHORTLIST.items) {
        const t = input.result.territories.find((x) => x.code === item.code)!;
        expect(text).toContain(item.name);
        expect(text).toContain(fr1(t.score!));
        expect(text).toContain(`${BAS_RHIN_SHORTLIST.items.indexOf(item) + 1}. ${item.name}`);
      }
      for (const title of SECTIONS) expect(text).toContain(title.replace(/\u202f/g, ' '));
      // One page each: cover, summary, map, table, three territories, two annexes at least.
      expect(pages.length).toBeGreaterThanOrEqual(9);
      // Every EPCI of the ranked table, by name.
      for (const t of input.result.territories) expect(text).toContain(t.name);
    });

    it('renderReportPdf(model) prints the département’s population as a sum of the raw communes file gives it', () => {
      const communes = JSON.parse(readFileSync(join(BAS_RHIN, 'communes.json'), 'utf8')) as {
        inScope: number[];
        columns: Record<string, (number | null)[]>;
      };
      const pop = communes.columns['POP@2018']!.reduce<number>(
        (s, v, i) => s + (communes.inScope[i] === 1 ? (v ?? 0) : 0),
        0,
      );
      expect(pop).toBeGreaterThan(1_000_000);
      expect(pages.join('\n')).toContain(grouped(pop));
    });

    it('buildReportModel(input) agrees with the engine’s indicators for the shortlisted EPCI', () => {
      for (const section of model.territories) {
        const engine = input.result.territories.find((t) => t.code === section.code)!;
        const raw = (id: string) => engine.indicators.find((i) => i.id === id)!.raw!;
        const figure = (id: string) => section.keyFigures.find((f) => f.id === id)!.value!;
        expect(figure('unemployment')).toBeCloseTo(raw('prec_unemployment'), 9);
        expect(figure('poverty')).toBeCloseTo(raw('prec_poverty_rate'), 9);
        expect(figure('medianIncome')).toBeCloseTo(raw('prec_median_income'), 6);
      }
    });

    it('renderReportPdf(model) renders every page to a non-blank image', () => {
      const images = pageImages(pdf);
      expect(images).toHaveLength(pages.length);
      for (const image of images) {
        expect(image.width).toBeLessThan(image.height);
        expect(image.stdDev).toBeGreaterThan(5);
        expect(image.ink).toBeGreaterThan(0.002);
      }
    });

    it('renderReportPdf(model) warns on every page: this vintage’s ESS layer is simulated', () => {
      expect(input.vintage.manifest.synthetic.ess).toBe(true);
      for (const page of pages) expect(page).toContain('DÉMONSTRATION – données ESS simulées');
    });

    it('renderReportPdf(model) embeds its fonts, tags its structure and carries French metadata', () => {
      const info = pdfInfo(pdf);
      expect(info.Title).toBe(BAS_RHIN_SHORTLIST.title);
      expect(info.Author).toBe(BAS_RHIN_SHORTLIST.author);
      expect(info.Subject).toContain('Bas-Rhin');
      expect(info.Tagged).toBe('yes');
      expect(info['Page size']).toMatch(/^595\.\d+ x 841\.\d+ pts \(A4\)/);
      expect(Buffer.from(pdf).toString('latin1')).toContain('/Lang (fr-FR)');
      const fonts = pdfFonts(pdf);
      expect(fonts.length).toBeGreaterThanOrEqual(3);
      for (const f of fonts) expect(f).toMatchObject({ embedded: true });
    });

    it('renderReportPdf(model) follows French typography in the text it writes', () => {
      const text = decodePdfText(pdf);
      expect(text).toContain(`Principale réserve`);
      expect(text).toMatch(/Rencontre\s+prévue\s+avec\s+les\s+élus\u202f!/);
      expect(text).toMatch(/\d\u202f\d{3}/);
      expect(text).not.toMatch(/\S [:;!?](\s|$)/);
      expect(text).not.toMatch(/\d %/);
    });

    it('renderReportHtml(model) is self-contained and holds the same sections and territories', () => {
      expect(html.startsWith('<!doctype html>')).toBe(true);
      expect(html).toContain('<html lang="fr-FR">');
      expect(html).toContain('@page');
      expect(html).toMatch(/<svg class="map"[^>]*role="img"/);
      expect(html).not.toMatch(/<script|<link|src=|url\(\s*['"]?http/i);
      for (const title of SECTIONS) expect(html).toContain(title);
      for (const item of BAS_RHIN_SHORTLIST.items) expect(html).toContain(item.name);
      expect(html).toContain('DÉMONSTRATION – données ESS simulées');
    });
  },
);
