import { describe, expect, it } from 'vitest';
import { aggregationFromLabel, canonicalVariable, unitFromLabel } from '../src/data/canonicalVariable.ts';

describe('canonicalVariable(column, label)', () => {
  it('reads the 2021 edition names', () => {
    expect(canonicalVariable('P18_POP', 'Population en 2018')).toMatchObject({
      id: 'POP@2018',
      stem: 'POP',
      year: 2018,
    });
    expect(canonicalVariable('P13_POP', 'Population en 2013')).toMatchObject({
      id: 'POP@2013',
      stem: 'POP',
      year: 2013,
    });
    expect(canonicalVariable('MED19', 'Médiane du niveau vie en 2019')).toMatchObject({
      id: 'MED@2019',
      stem: 'MED',
    });
    expect(canonicalVariable('TP6019', 'Taux de pauvreté en 2019')).toMatchObject({
      id: 'TP60@2019',
      stem: 'TP60',
    });
    expect(canonicalVariable('ETTEF118', 'Ets actifs de 1 à 9 salariés fin 2018')).toMatchObject({
      id: 'ETTEF1@2018',
    });
    expect(canonicalVariable('NAISD20', 'Nombre de naissances domiciliées en 2020')).toMatchObject({
      id: 'NAISD@2020',
    });
    expect(canonicalVariable('SUPERF', 'Superficie')).toMatchObject({ id: 'SUPERF', year: null });
  });

  it('tells a period (NAIS1318) from a size class (ETTEFP1018) by the label', () => {
    expect(canonicalVariable('NAIS1318', 'Naissances entre 2013 et 2018')).toEqual({
      id: 'NAIS@2018',
      stem: 'NAIS',
      year: 2018,
      period: [2013, 2018],
      source: 'NAIS1318',
    });
    expect(
      canonicalVariable('ETTEFP1018', 'Ets actifs 10 salariés ou plus au 31 décembre 2018'),
    ).toMatchObject({
      id: 'ETTEFP10@2018',
      stem: 'ETTEFP10',
      year: 2018,
    });
  });

  it('reads the next edition with no change (P19_POP, MED20, NAIS1419, ETTEFP1019)', () => {
    expect(canonicalVariable('P19_POP', 'Population en 2019').stem).toBe('POP');
    expect(canonicalVariable('MED20', 'Médiane du niveau vie en 2020')).toMatchObject({
      stem: 'MED',
      year: 2020,
    });
    expect(canonicalVariable('NAIS1419', 'Naissances entre 2014 et 2019')).toMatchObject({
      stem: 'NAIS',
      period: [2014, 2019],
    });
    expect(canonicalVariable('ETTEFP1019', 'Ets actifs 10 salariés ou plus fin 2019')).toMatchObject({
      stem: 'ETTEFP10',
      year: 2019,
    });
  });

  it('falls back to names when there is no dictionary', () => {
    expect(canonicalVariable('DECE1318')).toMatchObject({ stem: 'DECE', period: [2013, 2018] });
    expect(canonicalVariable('ETTEFP1018')).toMatchObject({ stem: 'ETTEFP10', year: 2018 });
  });
});

describe('unitFromLabel / aggregationFromLabel', () => {
  it('derive the unit and how to combine communes from INSEE labels', () => {
    expect(unitFromLabel('Superficie (en km2)')).toBe('km²');
    expect(unitFromLabel('Nombre de chômeurs de 15 à 64 ans en 2018')).toBe('chômeurs');
    expect(unitFromLabel('Taux de pauvreté en 2019')).toBe('%');
    expect(unitFromLabel('Total des établissements actifs fin 2018')).toBe('établissements');
    expect(unitFromLabel('Nombre de personnes actives de 15 à 64 ans en 2018')).toBe('actifs');
    expect(unitFromLabel('Médiane du niveau de vie en 2019')).toBe('€');
    expect(aggregationFromLabel('Médiane du niveau de vie en 2019')).toBe('weightedMean');
    expect(aggregationFromLabel('Part des ménages fiscaux imposés en 2019')).toBe('weightedMean');
    expect(aggregationFromLabel('Nombre de ménages fiscaux en 2019')).toBe('sum');
  });
});
