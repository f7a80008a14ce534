/**
 * Golden test on the real Bas-Rhin vintage (datasets/build/bas-rhin-2021, built by
 * `pnpm ptce data build`; CI builds it before the tests). Skips, saying so, when it is absent.
 * Rewrite the golden file with `REGEN=1` and review the diff.
 *
 * Also checks a few numbers by hand against the raw INSEE files (../shared/datasets/raw or
 * $PTCE_RAW_DIR), read here with fs: the engine itself has no I/O.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeVintage, type ScoreResult, score, type Vintage } from '../../src/index.ts';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../../../..');
const vintageDir = join(repo, 'datasets/build/bas-rhin-2021');
const rawDir = process.env.PTCE_RAW_DIR ?? resolve(repo, '../shared/datasets/raw');
const goldenFile = join(here, 'out/bas-rhin-2021.golden.json');
const haveVintage = existsSync(join(vintageDir, 'manifest.json'));
const haveRaw = existsSync(join(rawDir, 'insee/base_cc_comparateur.csv'));

if (!haveVintage) {
  console.warn(
    `[basRhin.golden] skipped: no vintage at ${vintageDir}. Build it with \`pnpm ptce data build\` (CI does) to run the real-data golden test.`,
  );
}

function loadVintage(): Vintage {
  const read = (f: string) => JSON.parse(readFileSync(join(vintageDir, f), 'utf8'));
  return decodeVintage({
    manifest: read('manifest.json'),
    variables: read('variables.json'),
    communes: read('communes.json'),
    zonings: read('zonings.json'),
  });
}

/** Reads a `;`-separated INSEE file into rows keyed by header (values as text). */
function readCsv(file: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(file, 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/);
  const cols = header!.split(';');
  return lines
    .filter((l) => l.length > 0)
    .map((l) => Object.fromEntries(l.split(';').map((v, i) => [cols[i]!, v])));
}

const round = (x: number | null) => (x === null ? null : Math.round(x * 1e6) / 1e6);
const golden = (r: ScoreResult) =>
  r.territories.map((t) => ({
    rank: t.rank,
    code: t.code,
    name: t.name,
    score: round(t.score),
    need: round(t.need),
    potential: round(t.potential),
    setAside: t.setAside?.reason ?? null,
  }));

describe.skipIf(!haveVintage)('score on the real Bas-Rhin vintage (bas-rhin-2021)', () => {
  const vintage = haveVintage ? loadVintage() : (null as unknown as Vintage);
  const communes = haveVintage ? score(vintage, {}) : (null as unknown as ScoreResult);
  const epci = haveVintage ? score(vintage, { level: 'epci' }) : (null as unknown as ScoreResult);

  it('score(default framework) covers the 514 communes in scope and every EPCI of the vintage', () => {
    expect(communes.counts.territories).toBe(514);
    expect(communes.counts.ranked + communes.counts.setAside).toBe(514);
    expect(communes.counts.ranked).toBeGreaterThan(500);
    const units = vintage.zonings.find((z) => z.id === 'epci')!.units;
    const withMembersInScope = units
      .filter((u) => u.membersInScope > 0)
      .map((u) => u.code)
      .sort();
    expect(epci.territories.map((t) => t.code).sort()).toEqual(withMembersInScope);
    expect(epci.counts.ranked).toBe(withMembersInScope.length);
    // An EPCI with members outside the Bas-Rhin says so (the CA Sarreguemines Confluences, Moselle).
    expect(epci.territories.find((t) => t.code === '200070746')!.includesOutsideScope).toBe(true);
    expect(epci.territories.find((t) => t.code === '246700488')!).toMatchObject({
      members: 33,
      includesOutsideScope: false,
    });
  });

  it('score is stable: the same vintage and configuration give the same output, bit for bit', () => {
    const again = score(loadVintage(), {});
    expect(again.hash).toBe(communes.hash);
    expect(JSON.stringify(again)).toBe(JSON.stringify(communes));
  });

  it('score matches the golden ranking of communes and EPCI (REGEN=1 rewrites it)', () => {
    const actual = { vintage: vintage.manifest.id, communes: golden(communes), epci: golden(epci) };
    if (process.env.REGEN === '1' || !existsSync(goldenFile)) {
      // Two-space JSON: what Biome's formatter keeps, so `biome check` stays clean after a REGEN.
      writeFileSync(goldenFile, `${JSON.stringify(actual, null, 2)}\n`);
      if (process.env.REGEN !== '1')
        throw new Error(`golden file written to ${goldenFile}: review it and run again`);
    }
    expect(actual).toEqual(JSON.parse(readFileSync(goldenFile, 'utf8')));
  });

  it.skipIf(!haveRaw)(
    'score’s raw values match the INSEE comparateur computed by hand (Strasbourg, Eurométropole)',
    () => {
      const rows = readCsv(join(rawDir, 'insee/base_cc_comparateur.csv'));
      const byCode = new Map(rows.map((r) => [r.CODGEO!, r]));
      const sxb = byCode.get('67482')!;
      const indicator = (r: ScoreResult, code: string, id: string) =>
        r.territories.find((t) => t.code === code)!.indicators.find((i) => i.id === id)!.raw!;
      // Strasbourg: unemployment rate = P18_CHOM1564 / P18_ACT1564 (23,521.98 / 132,723.32 = 17.72 %).
      expect(indicator(communes, '67482', 'prec_unemployment')).toBeCloseTo(
        (Number(sxb.P18_CHOM1564) / Number(sxb.P18_ACT1564)) * 100,
        9,
      );
      expect(indicator(communes, '67482', 'prec_unemployment')).toBeCloseTo(17.7226, 4);
      expect(indicator(communes, '67482', 'prec_median_income')).toBe(Number(sxb.MED19));
      expect(indicator(communes, '67482', 'des_density')).toBeCloseTo(
        Number(sxb.P18_POP) / Number(sxb.SUPERF),
        9,
      );
      expect(indicator(communes, '67482', 'des_population_change')).toBeCloseTo(
        ((Number(sxb.P18_POP) - Number(sxb.P13_POP)) / Number(sxb.P13_POP)) * 100,
        9,
      );
      // Eurométropole de Strasbourg (246700488): Σ unemployed / Σ active over its 33 communes, from
      // the table d'appartenance and the comparateur — never the mean of the communes' rates.
      const members = readCsv(join(rawDir, 'insee/table-appartenance-geo-communes-22.csv'))
        .filter((r) => r.EPCI === '246700488')
        .map((r) => byCode.get(r.CODGEO!)!);
      expect(members).toHaveLength(33);
      const sum = (k: string) => members.reduce((s, r) => s + Number(r[k]), 0);
      expect(indicator(epci, '246700488', 'prec_unemployment')).toBeCloseTo(
        (sum('P18_CHOM1564') / sum('P18_ACT1564')) * 100,
        9,
      );
      // Median income of the EPCI: NBMENFISC-weighted mean of the members' medians, flagged as an estimate.
      const withMed = members.filter((r) => r.MED19 !== '' && r.NBMENFISC19 !== '');
      const weighted =
        withMed.reduce((s, r) => s + Number(r.MED19) * Number(r.NBMENFISC19), 0) /
        withMed.reduce((s, r) => s + Number(r.NBMENFISC19), 0);
      const med = epci.territories
        .find((t) => t.code === '246700488')!
        .indicators.find((i) => i.id === 'prec_median_income')!;
      expect(med.raw).toBeCloseTo(weighted, 6);
      expect(med.flags).toContain('estimated');
    },
  );
});
