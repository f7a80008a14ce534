import { score } from '@ptce/engine';
import { beforeAll, describe, expect, it } from 'vitest';
import { isDataError } from '../../src/data/DataError.ts';
import { NNBSP } from '../../src/report/french.ts';
import {
  buildReportModel,
  type ReportInput,
  type ReportModel,
  renderReportHtml,
  renderReportPdf,
  SYNTHETIC_WATERMARK,
} from '../../src/report/index.ts';
import { handMadeGeometry, handMadeVintage } from './fixtures/handMade.ts';
import { decodePdfText, pageImages, pdfPages } from './pdfTools.ts';

/** A one-decimal French number computed without Intl: the independent reference for the renderers. */
const fr1 = (v: number) => v.toFixed(1).replace('.', ',');

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

function input(synthetic: boolean, extra: Partial<ReportInput> = {}): ReportInput {
  const vintage = handMadeVintage(synthetic);
  return {
    vintage,
    result: score(vintage, { level: 'epci' }),
    shortlist: deepFreeze({
      title: 'Essai : deux sites',
      scenarioName: 'Scénario d’essai',
      author: 'Tests',
      createdAt: '2026-03-01T09:00:00Z',
      publishedAt: null,
      items: [
        {
          code: 'EA',
          name: 'CC Alpha-Beta',
          kind: 'territory' as const,
          note: 'Un bon site : acteurs «très» présents !',
        },
        { code: 'EB', name: 'CA de Delta', kind: 'territory' as const, note: '' },
      ],
    }),
    geometry: deepFreeze(handMadeGeometry()),
    date: new Date('2026-11-27T10:00:00Z'),
    ...extra,
  };
}

describe('buildReportModel(input) on the hand-made vintage', () => {
  let model: ReportModel;
  beforeAll(() => {
    model = buildReportModel(input(true));
  });

  it('buildReportModel(input) computes the key figures as a hand computation does', () => {
    const a = model.territories[0]!;
    const figure = (id: string) => a.keyFigures.find((f) => f.id === id)!;
    expect(figure('population').value).toBe(12000 + 3000 + 800);
    expect(figure('unemployment').value).toBeCloseTo(((900 + 200 + 40) / (6000 + 1400 + 350)) * 100, 10);
    // Gamma's poverty rate is withheld: left out (never 0), the mean is over Alpha and Beta, weighted by NBMENFISC.
    const poverty = figure('poverty');
    expect(poverty.value).toBeCloseTo((16 * 5300 + 19 * 1300) / (5300 + 1300), 10);
    expect(poverty.estimated).toBe(true);
    expect(poverty.coverage).toBeCloseTo((12000 + 3000) / 15800, 10);
    expect(poverty.note).toBe(
      `non diffusé par l’Insee (secret statistique) pour 1 commune sur 3${NNBSP}; valeur calculée sur 95${NNBSP}% de la population`,
    );
    expect(figure('medianIncome').value).toBeCloseTo((21000 * 5300 + 19500 * 1300) / 6600, 8);
    // The département: the eight communes in scope (the Moselle commune is not part of it).
    expect(figure('unemployment').reference).toBeCloseTo(
      ((900 + 200 + 40 + 2300 + 70 + 30 + 190 + 150) / (6000 + 1400 + 350 + 12500 + 780 + 200 + 1000 + 820)) *
        100,
      10,
    );
    expect(a.ess.establishments).toBe(60 + 12 + 4);
    expect(a.ess.families.map((f) => f.value)).toEqual([45 + 10 + 4, 10 + 1, 3 + 1, 2]);
    expect(a.ess.createdLast5Years).toBe(15 + 2);
  });

  it('buildReportModel(input) agrees with the engine on the indicators both compute (second implementation)', () => {
    const result = input(true).result;
    for (const section of model.territories) {
      const engine = result.territories.find((t) => t.code === section.code)!;
      const raw = (id: string) => engine.indicators.find((i) => i.id === id)!.raw!;
      const figure = (id: string) => section.keyFigures.find((f) => f.id === id)!.value!;
      expect(figure('unemployment')).toBeCloseTo(raw('prec_unemployment'), 10);
      expect(figure('poverty')).toBeCloseTo(raw('prec_poverty_rate'), 10);
      expect(figure('medianIncome')).toBeCloseTo(raw('prec_median_income'), 10);
      expect(figure('essShare')).toBeCloseTo(raw('ess_employment_share'), 10);
    }
  });

  it('buildReportModel(input) says why in one sentence, from the explanation', () => {
    const result = input(true).result;
    for (const item of model.summary.items) {
      const t = result.territories.find((x) => x.name === item.name)!;
      expect(item.why.match(/\./g)?.length).toBe(1);
      expect(item.why.endsWith('.')).toBe(true);
      // The pillar that lifts it, and its strongest argument against the département.
      expect(item.why).toMatch(new RegExp(`${fr1(t.need!)}|${fr1(t.potential!)}`));
      expect(item.why).toContain(t.strengths[0]!.label.slice(1));
    }
  });

  it('buildReportModel(input) flags the EPCI reaching outside the département, and simulated data first', () => {
    const b = model.territories[1]!;
    expect(b.descriptor).toContain('3 communes dont 1 hors du département');
    expect(b.caveats.some((c) => c.includes('hors du périmètre'))).toBe(true);
    expect(model.summary.mainCaveat).toContain('simulées');
    expect(model.summary.otherCaveats.some((c) => c.includes('CA de Delta'))).toBe(true);
    expect(model.synthetic?.watermark).toBe(SYNTHETIC_WATERMARK);
  });

  it('buildReportModel(input) says « non calculé » without robustness and shows it when given', () => {
    expect(model.territories[0]!.robustness).toBeNull();
    expect(model.method.robustness).toBeNull();
    const robust = buildReportModel(
      input(true, {
        robustness: {
          topK: 2,
          runs: 500,
          settings: [{ label: 'Perturbation des poids', value: '± 20 %' }],
          territories: {
            EA: { p05: 1, p95: 2, pTopK: 0.93 },
            EB: { p05: 1, p95: 3, pTopK: 0.41 },
          },
        },
      }),
    );
    expect(robust.territories[0]!.robustness).toEqual({ p05: 1, p95: 2, pTopK: 0.93 });
    expect(robust.summary.otherCaveats[0]).toContain(`CA de Delta (41${NNBSP}%)`);
    expect(robust.method.robustness?.map((r) => r.value)).toContain(`±${' '}20${NNBSP}%`);
  });

  it('buildReportModel(input) groups a zone’s member territories', () => {
    const zoned = buildReportModel(
      input(true, {
        shortlist: {
          ...input(true).shortlist,
          items: [{ code: 'Z1', name: 'Zone des collines', kind: 'zone', members: ['EA', 'EC'], note: '' }],
        },
      }),
    );
    const z = zoned.territories[0]!;
    expect(z.keyFigures.find((f) => f.id === 'population')!.value).toBe(15800 + 450 + 2200 + 1800);
    expect(z.members).toEqual(['CC Alpha-Beta', 'CC des Collines']);
    expect(zoned.map.areas.filter((a) => a.position === 1).map((a) => a.code)).toEqual(['EA', 'EC']);
  });

  it('buildReportModel(input) rejects what a user can get wrong, with a code and the field', () => {
    const base = input(true);
    const fail = (patch: Partial<ReportInput>) => {
      try {
        buildReportModel({ ...base, ...patch });
      } catch (error) {
        if (!isDataError(error)) throw error;
        return error;
      }
      throw new Error('expected a DataError');
    };
    const unknown = fail({
      shortlist: {
        ...base.shortlist,
        items: [{ code: '999', name: 'Inconnu', kind: 'territory', note: '' }],
      },
    });
    expect(unknown.code).toBe('REPORT_UNKNOWN_TERRITORY');
    expect(unknown.location).toEqual({ field: 'items[0].code', value: '999' });
    expect(fail({ shortlist: { ...base.shortlist, items: [] } }).code).toBe('REPORT_EMPTY_SHORTLIST');
    expect(
      fail({ shortlist: { ...base.shortlist, items: [{ code: 'Z', name: 'Z', kind: 'zone', note: '' }] } })
        .code,
    ).toBe('REPORT_ZONE_WITHOUT_MEMBERS');
    expect(fail({ result: { ...base.result, vintageId: 'autre' } }).code).toBe('REPORT_VINTAGE_MISMATCH');
  });
});

describe('renderReportPdf(model) and renderReportHtml(model) on the hand-made vintage', () => {
  const rendered: Record<string, { model: ReportModel; pdf: Uint8Array; pages: string[]; html: string }> = {};
  beforeAll(async () => {
    for (const synthetic of [true, false]) {
      const model = buildReportModel(input(synthetic));
      const pdf = await renderReportPdf(model);
      rendered[String(synthetic)] = { model, pdf, pages: pdfPages(pdf), html: renderReportHtml(model) };
    }
  });

  it('renderReportPdf(model) shows the watermark and the banner on every page exactly when data is simulated', () => {
    const withSynthetic = rendered.true!;
    expect(withSynthetic.pages.length).toBeGreaterThan(5);
    for (const page of withSynthetic.pages) {
      expect(page).toContain('DÉMONSTRATION – données ESS simulées');
      expect(page).toContain('ne pas utiliser pour décider');
    }
    const real = rendered.false!;
    expect(real.model.synthetic).toBeNull();
    for (const page of real.pages) expect(page).not.toMatch(/DÉMONSTRATION|simulé/i);
    expect(real.html).not.toMatch(/DÉMONSTRATION|simulé/i);
    expect(withSynthetic.html.match(/DÉMONSTRATION – données ESS simulées/g)!.length).toBeGreaterThanOrEqual(
      2,
    );
  });

  it('renderReportPdf(model) writes the territories, their scores in French and the robustness placeholder', () => {
    const { model, pages } = rendered.false!;
    const text = pages.join('\n');
    const result = input(false).result;
    for (const t of result.territories) {
      expect(text).toContain(t.name);
      expect(text).toContain(fr1(t.score!));
    }
    expect(text).toContain('non calculé');
    expect(text).toContain('Un bon site');
    expect(text).toContain('27 novembre 2026');
    expect(model.territories).toHaveLength(2);
  });

  it('renderReportPdf(model) renders every page to a non-blank image', () => {
    for (const image of pageImages(rendered.true!.pdf)) {
      expect(image.stdDev).toBeGreaterThan(5);
      expect(image.ink).toBeGreaterThan(0.002);
    }
  });

  it('renderReportPdf(model) sets narrow no-break spaces before colons and inside guillemets', () => {
    const text = decodePdfText(rendered.false!.pdf);
    expect(text).toContain(`Un bon site${NNBSP}: acteurs «${NNBSP}très${NNBSP}» présents${NNBSP}!`);
    expect(text).not.toMatch(/\S [:;!?](\s|$)/);
    // pdftotext turns U+202F into a plain space: the decoder above is what sees it.
    expect(rendered.false!.pages.join('')).toContain('Un bon site : acteurs « très » présents !');
  });
});
