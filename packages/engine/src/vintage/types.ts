/**
 * The dataset vintage format, as written by `ptce data build` (scripts/) and read by
 * the engine, the API and the map UI. Documented for humans in `datasets/README.md`.
 *
 * A vintage folder holds:
 *   manifest.json   {@link VintageManifest}: provenance, counts, merges, warnings
 *   variables.json  {@link VariableInfo}[]: the variable catalogue
 *   communes.json   {@link CommunesFile}: one row per commune, columnar
 *   zonings.json    {@link ZoningsFile}: the levels above the commune and their units
 *   geo/<level>.geojson  polygons per level (WGS84, properties `code`, `name`)
 *   geo/context.geojson  département outlines for context; geo/places.geojson main towns
 *   report.md       the human-readable build report (French)
 *
 * On disk, missing values are JSON `null`; in memory ({@link Vintage}) they are `NaN`.
 */

export const VINTAGE_FORMAT_VERSION = 1;

/** How a variable is combined when communes are grouped (merged communes, zonings). */
export type Aggregation =
  /** Counts and areas: the group's value is the sum of its members'. */
  | 'sum'
  /**
   * Non-additive statistics (medians, rates, shares): the group's value can only be
   * estimated, as the mean of its members' values weighted by `weight`. Flagged as an estimate.
   */
  | 'weightedMean';

export interface VariableInfo {
  /** Canonical id, stable across INSEE editions: `${stem}@${year}` (e.g. `POP@2018`), or `stem` when undated. */
  id: string;
  /** Edition-agnostic name: `POP`, `EMPLT`, `MED`, `ETTOT`, `NAIS`, `ESS_ETAB` ... */
  stem: string;
  /** Year of the value (end year of a period); null when undated (e.g. `SUPERF`). */
  year: number | null;
  /** For flows over a period (births 2013-2018): [start, end]. */
  period?: [number, number];
  /** Column name in the source file (`P18_POP`). */
  source: string;
  /** Which input it came from. */
  origin: 'comparateur' | 'ess-sirene' | 'ess-cres' | 'ess-synthetic';
  /** Short French label (INSEE `LIB_VAR`). */
  label: string;
  /** Long French label (INSEE `LIB_VAR_LONG`). */
  labelLong: string;
  /** Unit, in French: `habitants`, `km²`, `€`, `%`, `établissements`, `emplois`, `logements`, `ménages` ... */
  unit: string;
  aggregation: Aggregation;
  /** For `weightedMean`: the canonical id of the weight variable. */
  weight?: string;
  /** Number of communes in scope where the value is missing (empty cell: not available or withheld). */
  missing: number;
  /** Number of communes in scope whose value is an estimate (e.g. recomputed for a merged commune). */
  estimated: number;
  /** True when the values are simulated (demonstration ESS layer). */
  synthetic: boolean;
}

/** Aliases that let a framework name variables without knowing the edition. */
export interface VariableAliases {
  /** stem -> id of its most recent year (`POP` -> `POP@2018`). */
  latest: Record<string, string>;
  /** stem -> id of the year before the latest, when the source has two (`POP` -> `POP@2013`). */
  previous: Record<string, string>;
}

export interface VariablesFile {
  formatVersion: number;
  variables: VariableInfo[];
  aliases: VariableAliases;
}

export interface CommunesFile {
  formatVersion: number;
  /** Commune codes (COG of the zonings table, 5 characters, leading zeros kept). */
  codes: string[];
  names: string[];
  /** Département code of each commune. */
  dep: string[];
  /**
   * 1 when the commune is in the vintage's scope (its département was asked for); 0 when it
   * is only here because an EPCI of the scope reaches outside (its statistics come from the
   * national file so that EPCI totals are complete).
   */
  inScope: (0 | 1)[];
  /** 1 when the commune has a polygon in `geo/commune.geojson`. */
  hasPolygon: (0 | 1)[];
  /** zoning id -> code of the unit each commune belongs to ('' when none). */
  zonings: Record<string, string[]>;
  /** variable id -> value per commune, `null` when missing. */
  columns: Record<string, (number | null)[]>;
  /** variable id -> indices of communes whose value is an estimate. */
  estimated: Record<string, number[]>;
}

export interface ZoningUnit {
  code: string;
  name: string;
  /** Legal nature for EPCI (`CC`, `CA`, `CU`, `ME`), when known. */
  nature?: string;
  /** Number of member communes in France (INSEE `NB_COM`), when known. */
  membersTotal: number | null;
  /** Member communes present in the vintage (in scope or added from outside). */
  membersInVintage: number;
  /** Member communes in the scope (the asked départements). */
  membersInScope: number;
  /** True when every member commune of France is in the vintage, so totals are complete. */
  complete: boolean;
}

export interface ZoningLevel {
  /** `epci`, `arr`, `cv`, `canton`, `bv2012`, `ze2020`, `aav2020`, `uu2020`, `dep` */
  id: string;
  /** French label for users (`Intercommunalités (EPCI)`). */
  label: string;
  labelEn: string;
  /** Where membership comes from: the INSEE table column, or a spatial join with polygons. */
  membership:
    | { source: 'insee-table'; column: string }
    | { source: 'polygons'; file: string; method: string };
  cog: number | null;
  /** Geometry file under the vintage folder (`geo/epci.geojson`). */
  geometry: string;
  /** How the geometry was made: dissolved from commune polygons, or read from a polygon file. */
  geometrySource: 'dissolved' | 'file';
  /** Whether members outside the scope were added so that totals are complete. */
  completedOutsideScope: boolean;
  units: ZoningUnit[];
}

export interface ZoningsFile {
  formatVersion: number;
  levels: ZoningLevel[];
}

export interface InputRecord {
  /** `comparateur`, `comparateur-meta`, `appartenance`, `appartenance-zones`, `polygons`, `cantons`, `ess-sirene-etab`, `ess-sirene-ul`, `ess-cres`, `decoupage-administratif` */
  role: string;
  /** Path as given or resolved (absolute), or the package name for an npm data package. */
  path: string;
  /** How it was found: `--source`, `PTCE_RAW_DIR`, the shared folder, a download, an npm package. */
  origin: 'source-option' | 'env' | 'shared' | 'download' | 'package';
  url?: string;
  sha256: string;
  bytes: number;
  /** Data rows read (features for GeoJSON). */
  rows: number;
  format: string;
  edition?: string;
}

export interface MergeRecord {
  /** Code in the source (an older COG). */
  from: string;
  /** Code of the current commune it was merged into. */
  to: string;
  /** Which source needed the mapping. */
  source: 'polygons' | 'statistics';
  /** `fusion` (polygon union / sum of counts), `split` (a re-established commune shares its parent's polygon). */
  kind: 'fusion' | 'split';
}

export interface BuildWarning {
  code: string;
  message: string;
}

export interface VintageManifest {
  formatVersion: number;
  id: string;
  title: string;
  createdAt: string;
  scope: { departements: string[]; label: string; all: boolean };
  /** COG year of each family of inputs, and the reference used for codes (the zonings'). */
  cog: { reference: number; statistics: number; zonings: number; polygons: number | null };
  /** Editions: `comparateur` (e.g. 2021), `decoupage-administratif` package version ... */
  editions: Record<string, string>;
  inputs: InputRecord[];
  synthetic: {
    /** True when the ESS layer is simulated: every screen and document must say so. */
    ess: boolean;
    description?: string;
    seed?: number;
  };
  ess: { origin: 'ess-sirene' | 'ess-cres' | 'ess-synthetic'; year: number | null; note: string };
  counts: {
    communes: number;
    communesInScope: number;
    communesOutsideScope: number;
    withPolygon: number;
    unmatched: number;
    /** Rows of the comparateur skipped on purpose (municipal arrondissements, communes out of scope). */
    skippedStatisticsRows: number;
  };
  merged: MergeRecord[];
  /** Variable id -> communes in scope with a missing value. */
  missing: Record<string, number>;
  warnings: BuildWarning[];
  levels: { id: string; label: string; units: number; geometry: string }[];
  /**
   * The data files (everything but the manifest and the report), with their hashes: what a
   * result depends on, so a result hash built on them is the same for two identical builds.
   */
  outputs: { path: string; sha256: string; bytes: number }[];
  /** The build report (report.md), apart: it carries the build date. */
  report: { path: string; sha256: string; bytes: number };
  tool: { name: string; version: string; node: string };
  durationMs: number;
}

/** A vintage in memory, as the engine reads it: columns as Float64Array with NaN for missing. */
export interface Vintage {
  manifest: VintageManifest;
  variables: VariableInfo[];
  /** Variable id -> info. */
  variableIndex: Map<string, VariableInfo>;
  aliases: VariableAliases;
  communes: {
    codes: string[];
    names: string[];
    dep: string[];
    inScope: Uint8Array;
    hasPolygon: Uint8Array;
    zonings: Record<string, string[]>;
    columns: Record<string, Float64Array>;
    /** Variable id -> 1 where the commune's value is an estimate. */
    estimated: Record<string, Uint8Array>;
    /** Commune code -> row index. */
    index: Map<string, number>;
  };
  zonings: ZoningLevel[];
}
