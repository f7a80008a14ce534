/** The zoning levels taken from INSEE's table d'appartenance (COG of the table). */
export interface TableLevel {
  id: string;
  /** Column of sheet COM. */
  column: 'EPCI' | 'ARR' | 'CV' | 'BV2012' | 'ZE2020' | 'AAV2020' | 'UU2020' | 'DEP';
  /** NIVGEO of the zones sheet (names). */
  nivgeo: string;
  label: string;
  labelEn: string;
  /** Codes that mean "no unit" (communes without EPCI, outside any urban unit or attraction area). */
  isNone: (code: string) => boolean;
  /** Members outside the scope are added (statistics from the national file) so totals are complete. */
  completeOutsideScope: boolean;
}

export const TABLE_LEVELS: TableLevel[] = [
  {
    id: 'epci',
    column: 'EPCI',
    nivgeo: 'EPCI',
    label: 'Intercommunalités (EPCI)',
    labelEn: 'Inter-municipal bodies (EPCI)',
    isNone: (c) => c === '' || c === 'ZZZZZZZZZ',
    completeOutsideScope: true,
  },
  {
    id: 'arr',
    column: 'ARR',
    nivgeo: 'ARR',
    label: 'Arrondissements',
    labelEn: 'Arrondissements',
    isNone: (c) => c === '',
    completeOutsideScope: false,
  },
  {
    id: 'cv',
    column: 'CV',
    nivgeo: 'CV',
    label: 'Cantons-villes (INSEE)',
    labelEn: 'Cantons-villes (INSEE)',
    isNone: (c) => c === '',
    completeOutsideScope: false,
  },
  {
    id: 'bv2012',
    column: 'BV2012',
    nivgeo: 'BV2012',
    label: 'Bassins de vie 2012',
    labelEn: 'Living areas (2012)',
    isNone: (c) => c === '',
    completeOutsideScope: false,
  },
  {
    id: 'ze2020',
    column: 'ZE2020',
    nivgeo: 'ZE2020',
    label: 'Zones d’emploi 2020',
    labelEn: 'Employment zones (2020)',
    isNone: (c) => c === '',
    completeOutsideScope: false,
  },
  {
    id: 'aav2020',
    column: 'AAV2020',
    nivgeo: 'AAV2020',
    label: 'Aires d’attraction des villes 2020',
    labelEn: 'Functional urban areas (2020)',
    isNone: (c) => c === '' || c === '000',
    completeOutsideScope: false,
  },
  {
    id: 'uu2020',
    column: 'UU2020',
    nivgeo: 'UU2020',
    label: 'Unités urbaines 2020',
    labelEn: 'Urban units (2020)',
    isNone: (c) => c === '' || /000$/.test(c),
    completeOutsideScope: false,
  },
  {
    id: 'dep',
    column: 'DEP',
    nivgeo: 'DEP',
    label: 'Départements',
    labelEn: 'Départements',
    isNone: (c) => c === '',
    completeOutsideScope: false,
  },
];
