import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature } from 'geojson';
import { describe, expect, it } from 'vitest';
import { addRankIntervals } from '../../src/analysis/addRankIntervals.ts';
import { analyseSpatial } from '../../src/analysis/analyseSpatial.ts';
import { proposeCandidateZones } from '../../src/analysis/proposeCandidateZones.ts';
import { territoryValues } from '../../src/analysis/territoryValues.ts';
import { score } from '../../src/composite/score.ts';
import { contiguityWeights } from '../../src/spatial/weights/contiguityWeights.ts';
import { decodeVintage } from '../../src/vintage/decodeVintage.ts';

const DIR = join(import.meta.dirname, '../../../../datasets/build/bas-rhin-2021');
const present = existsSync(join(DIR, 'manifest.json'));
const read = (f: string) => JSON.parse(readFileSync(join(DIR, f), 'utf8'));
const load = () =>
  decodeVintage({
    manifest: read('manifest.json'),
    variables: read('variables.json'),
    communes: read('communes.json'),
    zonings: read('zonings.json'),
  });

describe.skipIf(!present)(
  'analyses on the real Bas-Rhin vintage (skipped when datasets/build/bas-rhin-2021 is absent)',
  () => {
    const vintage = present ? load() : (undefined as never);
    const communeFeatures: Feature[] = present ? read('geo/commune.geojson').features : [];

    it('territoryValues(result, ref, codes) reads scores, dimensions and raw indicators by code', () => {
      const result = score(vintage, { level: 'epci' });
      const codes = ['246700488', 'nope'];
      const s = territoryValues(result, 'score', codes).values;
      expect(s[0]).toBe(result.territories.find((t) => t.code === '246700488')?.score);
      expect(s[1]).toBeNaN();
      const dim = result.dimensions[0].id;
      expect(territoryValues(result, `dimension:${dim}`, codes).values[0]).toBe(
        result.territories.find((t) => t.code === '246700488')?.dimensions[dim],
      );
      const ind = result.indicators[0];
      expect(territoryValues(result, `indicator:${ind.id}`, codes)).toMatchObject({ label: ind.label });
      expect(() => territoryValues(result, 'dimension:nope', codes)).toThrow(/UNKNOWN_VALUE|inconnue/);
    });

    it('analyseSpatial(vintage, features) aligns values with the features and is reproducible', () => {
      const a = analyseSpatial(vintage, communeFeatures, { value: 'score', permutations: 199, seed: 7 });
      const b = analyseSpatial(vintage, communeFeatures, { value: 'score', permutations: 199, seed: 7 });
      expect(a).toEqual(b);
      // Communes of the scope only (the 38 outside ones complete cross-border EPCI).
      expect(a.codes).toHaveLength(514);
      const result = score(vintage, {});
      const k = a.codes.indexOf('67482');
      expect(a.values[k]).toBe(result.territories.find((t) => t.code === '67482')?.score);
      expect(a.lisa.labels).toHaveLength(a.codes.length);
      expect(a.lisa.labels.every((l) => l.length > 0)).toBe(true);
      // Scores are spatially clustered on the Bas-Rhin communes (strongly significant Moran's I).
      expect(a.moran.I).toBeGreaterThan(0);
      expect(a.moran.permutation?.p).toBeLessThan(0.05);
      expect(JSON.parse(JSON.stringify(a))).toEqual(a);
    });

    it('proposeCandidateZones(...) respects every constraint, keeps zones contiguous and disjoint, and is reproducible', () => {
      const request = {
        minPopulation: 10_000,
        maxPopulation: 40_000,
        maxCommunes: 25,
        excluded: ['67482'],
        count: 4,
        seed: 3,
      };
      const p = proposeCandidateZones(vintage, communeFeatures, request);
      expect(proposeCandidateZones(vintage, communeFeatures, request)).toEqual(p);
      expect(p.candidates.length).toBeGreaterThan(0);
      const features = communeFeatures.filter(
        (f) => vintage.communes.inScope[vintage.communes.index.get(String(f.properties?.code))!],
      );
      const codes = features.map((f) => String(f.properties?.code));
      const w = contiguityWeights(features);
      const pop = vintage.communes.columns[vintage.aliases.latest.POP];
      const seen = new Set<string>();
      for (const zone of p.candidates) {
        const population = zone.members.reduce((s, c) => s + pop[vintage.communes.index.get(c)!], 0);
        expect(population).toBeCloseTo(zone.population, 6);
        expect(population).toBeGreaterThanOrEqual(10_000);
        expect(population).toBeLessThanOrEqual(40_000);
        expect(zone.members.length).toBeLessThanOrEqual(25);
        expect(zone.members).not.toContain('67482');
        for (const c of zone.members) {
          expect(seen.has(c)).toBe(false);
          seen.add(c);
        }
        // Contiguous: a walk over neighbour links from one member reaches every member.
        const members = new Set(zone.members.map((c) => codes.indexOf(c)));
        const reached = new Set([zone.members.map((c) => codes.indexOf(c))[0]]);
        const stack = [...reached];
        while (stack.length) {
          const i = stack.pop()!;
          for (let k = w.offsets[i]; k < w.offsets[i + 1]; k++) {
            const j = w.neighbours[k];
            if (members.has(j) && !reached.has(j)) {
              reached.add(j);
              stack.push(j);
            }
          }
        }
        expect(reached.size).toBe(members.size);
        expect(zone.stop.message.length).toBeGreaterThan(10);
      }
      // The existing zonings are compared on the same footing, and the composite ranks are a permutation.
      expect(p.zonings.map((z) => z.level)).toEqual(['epci', 'bv2012', 'canton']);
      expect(p.zonings[0].units).toHaveLength(25);
      const ranks = [
        ...p.candidates.map((c) => c.compositeRank),
        ...p.zonings.flatMap((z) => z.units.map((u) => u.compositeRank)),
      ]
        .filter((r): r is number => r !== null)
        .sort((a, b) => a - b);
      expect(ranks).toEqual(ranks.map((_, k) => k + 1));
    });

    it('addRankIntervals(vintage, proposal) gives each zone and unit its rank interval under perturbation', async () => {
      const p = proposeCandidateZones(vintage, communeFeatures, {
        minPopulation: 15_000,
        maxPopulation: 50_000,
        count: 2,
      });
      const withIntervals = await addRankIntervals(vintage, p, { replicates: 200, topK: 5, seed: 2 });
      expect(withIntervals.intervals).toEqual({ replicates: 200, topK: 5, seed: 2 });
      const total = p.groups.length;
      const all = [...withIntervals.candidates, ...withIntervals.zonings.flatMap((z) => z.units)].filter(
        (u) => u.compositeRank !== null,
      );
      for (const unit of all) {
        const r = unit.rankInterval!;
        expect(r.p05).not.toBeNull();
        expect(r.p05!).toBeGreaterThanOrEqual(1);
        expect(r.p05!).toBeLessThanOrEqual(r.medianRank!);
        expect(r.medianRank!).toBeLessThanOrEqual(r.p95!);
        expect(r.p95!).toBeLessThanOrEqual(total);
      }
      // P(top 5) over every group adds up to 5 (each replicate ranks exactly five groups in its top 5).
      const sum = all.reduce((s, u) => s + u.rankInterval!.pTopK, 0);
      expect(sum).toBeCloseTo(5, 6);
      // The proposal itself is unchanged.
      expect(p.candidates[0].rankInterval).toBeUndefined();
    });

    it('proposeCandidateZones(...) names a code it does not know', () => {
      expect(() => proposeCandidateZones(vintage, communeFeatures, { mustInclude: '99999' })).toThrow(
        /99999/,
      );
    });
  },
);
