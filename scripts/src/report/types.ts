/**
 * The cabinet's shortlist report: what goes in ({@link ReportInput}, plain data the command line
 * and the API already hold) and the renderer-neutral model both the PDF and the HTML are drawn
 * from ({@link ReportModel}). The model carries numbers as numbers (`null` = missing, never 0) and
 * the French sentences the report says; renderers only lay them out and format the numbers.
 */
import type { ScoreResult, Vintage } from '@ptce/engine';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';

/* ------------------------------------------------------------------------------------------------
 * Input
 * ---------------------------------------------------------------------------------------------- */

export interface ShortlistItemInput {
  /** Territory code at the shortlist's level, or the id of a candidate zone. */
  code: string;
  name: string;
  kind: 'territory' | 'zone';
  /** For a zone: codes of the territories (at the shortlist's level) it groups. */
  members?: string[];
  /** The analysts' note (may be empty). */
  note: string;
}

export interface ShortlistInput {
  title: string;
  /** Name of the scoring scenario the list was made with (`null` when none was saved). */
  scenarioName: string | null;
  /** In the order the analysts recommend them. */
  items: ShortlistItemInput[];
  author: string;
  /** ISO 8601. */
  createdAt: string;
  /** ISO 8601, `null` while the list is a draft. */
  publishedAt: string | null;
}

/** What the robustness module measured for one territory. */
export interface TerritoryRobustness {
  /** 5th and 95th percentiles of the territory's rank over the perturbed runs (1 = best). */
  p05: number;
  p95: number;
  /** Share of the runs in which the territory stayed in the top `topK`, in [0, 1]. */
  pTopK: number;
}

/** Optional robustness results: the report shows them when given and says « non calculé » otherwise. */
export interface RobustnessInput {
  /** The k of « probabilité de rester dans les k premiers ». */
  topK: number;
  /** Number of perturbed runs. */
  runs: number;
  /** Settings shown in the method annex, in French (`{ label: 'Perturbation des poids', value: '± 25 %' }`). */
  settings: { label: string; value: string | number }[];
  /** Territory code -> its figures. Territories absent from the record show « non calculé ». */
  territories: Record<string, TerritoryRobustness>;
}

export type AreaGeometry = Polygon | MultiPolygon;

export interface GeometryInput {
  /** `geo/<level>.geojson` of the vintage: properties `code`, `name`. */
  territories: FeatureCollection<AreaGeometry, { code: string; name?: string }>;
  /** `geo/context.geojson`: département outlines, `inScope` true for the vintage's own. */
  context?: FeatureCollection<AreaGeometry, { code: string; name?: string; inScope?: boolean }>;
}

export interface ReportInput {
  vintage: Vintage;
  /** `score(vintage, config)` at the shortlist's level (with the full explanation of the listed territories). */
  result: ScoreResult;
  shortlist: ShortlistInput;
  robustness?: RobustnessInput | null;
  geometry: GeometryInput;
  /** The report's date (default: now). */
  date?: Date;
}

/* ------------------------------------------------------------------------------------------------
 * Model
 * ---------------------------------------------------------------------------------------------- */

/** How a figure is shown: its unit decides the format (`%` one decimal, `€` no decimal...). */
export type FigureUnit = 'count' | 'percent' | 'euro' | 'perThousand' | 'index' | 'points';

export interface KeyFigure {
  id: string;
  label: string;
  unit: FigureUnit;
  /** The territory's value (`null` = missing). */
  value: number | null;
  /** The département's value (all communes in the vintage's scope). */
  reference: number | null;
  /** True when the value is an estimate (non-additive statistic averaged over members, partial data). */
  estimated: boolean;
  /** Share of the territory's population whose communes have a value, in [0, 1]. */
  coverage: number | null;
  /** French note shown under the table when the value is not plain (`non diffusé pour 12 communes`...). */
  note: string | null;
}

export interface DimensionBar {
  id: string;
  label: string;
  pillar: 'need' | 'potential';
  value: number | null;
  /** Median over the ranked territories of the level, for context. */
  median: number | null;
}

export interface ArgumentLine {
  label: string;
  /** The value against the département's, in the indicator's unit: `12,0 % contre 7,8 % dans le département`. */
  comparison: string;
}

export interface EssActors {
  establishments: number | null;
  employees: number | null;
  /** Associations, coopératives, mutuelles, fondations. */
  families: { label: string; value: number | null }[];
  createdLast5Years: number | null;
  synthetic: boolean;
}

export interface TerritorySection {
  /** Position in the shortlist (1 = first recommended). */
  position: number;
  code: string;
  name: string;
  kind: 'territory' | 'zone';
  /** `Intercommunalité (CC) · 45 communes · 24 509 habitants`, built from the level and the vintage. */
  descriptor: string;
  rank: number | null;
  ranked: number;
  score: number | null;
  need: number | null;
  potential: number | null;
  robustness: TerritoryRobustness | null;
  /** One sentence: why it is recommended (also on the summary page). */
  why: string;
  keyFigures: KeyFigure[];
  dimensions: DimensionBar[];
  strengths: ArgumentLine[];
  weaknesses: ArgumentLine[];
  ess: EssActors;
  note: string;
  /** Caveats of the scores and of the territory (the key figures' own notes are in {@link KeyFigure.note}). */
  caveats: string[];
  /** Names of the member territories, for a zone. */
  members: string[];
}

export interface TableRow {
  position: number | null;
  code: string;
  name: string;
  rank: number | null;
  score: number | null;
  need: number | null;
  potential: number | null;
  robustness: TerritoryRobustness | null;
  shortlisted: boolean;
}

/** Rings of one territory, in lon/lat (WGS84). */
export interface MapArea {
  code: string;
  name: string;
  rings: [number, number][][];
  /** Position in the shortlist (1-based) when highlighted, else null. */
  position: number | null;
}

export interface MapModel {
  areas: MapArea[];
  /** Outline of the département(s) of the scope and of the neighbours. */
  context: { code: string; name: string; inScope: boolean; rings: [number, number][][] }[];
  /** `[west, south, east, north]` to frame: the scope's extent. */
  bounds: [number, number, number, number];
  /** Names of shortlisted territories that have no polygon (said under the map). */
  unmapped: string[];
}

export interface MethodRow {
  label: string;
  value: string;
}

export interface IndicatorRow {
  dimension: string;
  label: string;
  /** `↑` when more means a better PTCE site, `↓` otherwise, with the unit. */
  direction: 1 | -1;
  unit: string;
  /** Weight within its dimension, in [0, 1]. */
  weight: number;
  /** Nominal weight in the score, in [0, 1]. */
  effectiveWeight: number;
  synthetic: boolean;
}

export interface ProvenanceInput {
  role: string;
  file: string;
  edition: string;
  rows: number;
  sha256: string;
}

export interface ReportModel {
  lang: 'fr-FR';
  title: string;
  /** `Choix du site d'un pôle territorial de coopération économique — Bas-Rhin`. */
  subject: string;
  /** ISO date of the report, and the same in French (`27 novembre 2026`). */
  date: string;
  dateLabel: string;
  author: string;
  scenarioName: string | null;
  status: string;
  vintage: { id: string; title: string; scope: string };
  level: { id: string; label: string; ranked: number; territories: number };
  /** Present when simulated data entered the scores: banner on every page and watermark. */
  synthetic: { banner: string; watermark: string; description: string } | null;
  summary: {
    items: { position: number; name: string; why: string }[];
    mainCaveat: string;
    otherCaveats: string[];
  };
  map: MapModel;
  table: { rows: TableRow[]; topK: number | null; robustness: boolean; note: string };
  territories: TerritorySection[];
  method: {
    framework: string;
    settings: MethodRow[];
    dimensions: { label: string; pillar: string; weight: number }[];
    indicators: IndicatorRow[];
    robustness: MethodRow[] | null;
  };
  provenance: {
    vintage: MethodRow[];
    inputs: ProvenanceInput[];
    outputs: { file: string; sha256: string }[];
    resultHash: string;
  };
}
