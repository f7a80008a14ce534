import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildIndicatorMatrix, decodeVintage, defaultFramework, explain, score } from '@ptce/engine';
import { describe, expect, it } from 'vitest';
import { BAS_RHIN_DIR, loadBuiltVintage } from '../../test/loadBuiltVintage.ts';
import { scoreRun } from './scoreRun.ts';
import { contiguity } from './spatial.ts';
import { latestVariables, readableLabel, variableFramework } from './variableFramework.ts';

const files = loadBuiltVintage();

// The built Bas-Rhin vintage is a git-ignored output of `ptce data build`: skip (and say so) without it.
describe.skipIf(!files)('scoreRun (on the built Bas-Rhin vintage)', () => {
  const vintage = decodeVintage(files!);
  const summaries = latestVariables(files!.variables);

  for (const config of [
    { level: 'epci' },
    { level: 'commune', changes: { dimensions: { ess: { weight: 2.5 } }, pillars: { need: 2 } } },
    {
      level: 'canton',
      methods: {
        normalisation: { method: 'zScore' as const },
        aggregation: { reading: 'composite' as const },
      },
    },
  ]) {
    it(`scoreRun(vintage, ${JSON.stringify(config)}) agrees with the engine's score()`, () => {
      const matrix = buildIndicatorMatrix(vintage, defaultFramework, config.level);
      const vm = buildIndicatorMatrix(vintage, variableFramework(summaries), config.level);
      const { view, run } = scoreRun(vintage, config, matrix, { summaries, matrix: vm });
      const reference = score(vintage, config);
      expect(view.hash).toBe(reference.hash);
      expect(view.counts).toEqual(reference.counts);
      for (const t of reference.territories) {
        const i = view.codes.indexOf(t.code);
        expect(i, t.code).toBeGreaterThanOrEqual(0);
        expect(Number.isNaN(view.rank[i]!) ? null : view.rank[i]).toBe(t.rank);
        expect(Number.isNaN(view.score[i]!) ? null : view.score[i]).toBe(t.score);
        expect(Number.isNaN(view.need[i]!) ? null : view.need[i]).toBe(t.need);
        for (const x of t.indicators) {
          const v = view.indicatorValues[x.id]![i]!;
          expect(Number.isNaN(v) ? null : v).toBe(x.raw);
        }
      }
      // One territory explained on demand equals the engine's full explanation.
      const best = reference.territories[0]!;
      const one = explain(run.matrix, run.resolved, run.planned.plan, run.out, [
        view.codes.indexOf(best.code),
      ])[0];
      expect(one).toEqual(best);
    });
  }

  it('scoreRun(vintage, neighbours imputation, context) agrees with score() given the same contiguity', () => {
    const geo = JSON.parse(readFileSync(join(BAS_RHIN_DIR, 'geo/epci.geojson'), 'utf8'));
    const matrix = buildIndicatorMatrix(vintage, defaultFramework, 'epci');
    const c = contiguity(geo, matrix.codes);
    const context = { neighbours: { offsets: c.weights.offsets, neighbours: c.weights.neighbours } };
    const config = { level: 'epci', methods: { imputation: { method: 'neighbours' as const } } };
    const vm = buildIndicatorMatrix(vintage, variableFramework(summaries), 'epci');
    const { view } = scoreRun(vintage, config, matrix, { summaries, matrix: vm }, context);
    const reference = score(vintage, config, context);
    expect(view.hash).toBe(reference.hash);
    for (const t of reference.territories) {
      const i = view.codes.indexOf(t.code);
      expect(Number.isNaN(view.score[i]!) ? null : view.score[i]).toBe(t.score);
    }
    // Something was imputed from neighbours (withheld poverty rates), flagged as such.
    expect(reference.territories.some((t) => t.caveats.some((x) => x.code === 'imputed'))).toBe(true);
  });

  it('readableLabel(label) drops INSEE\'s "Nombre de" opening, and keeps other labels', () => {
    expect(readableLabel("Nombre d'emplois au lieu de travail en 2018")).toBe(
      'Emplois au lieu de travail en 2018',
    );
    expect(readableLabel('Nombre de ménages fiscaux en 2019')).toBe('Ménages fiscaux en 2019');
    expect(readableLabel('Taux de pauvreté en 2019')).toBe('Taux de pauvreté en 2019');
  });

  it('latestVariables(file) offers one column per stem, and the EPCI sums match their members', () => {
    expect(new Set(summaries.map((s) => s.stem)).size).toBe(summaries.length);
    const vm = buildIndicatorMatrix(vintage, variableFramework(summaries), 'epci');
    const j = vm.indicators.findIndex((x) => x.id === 'POP@2018');
    const ems = vm.codes.indexOf('246700488'); // Eurométropole de Strasbourg: 33 communes
    const members = vintage.communes.zonings.epci!.flatMap((code, row) =>
      code === '246700488' ? [row] : [],
    );
    expect(members).toHaveLength(33);
    const sum = members.reduce((s, row) => s + vintage.communes.columns['POP@2018']![row]!, 0);
    expect(vm.values[j * vm.n + ems]).toBeCloseTo(sum, 6);
  });
});
