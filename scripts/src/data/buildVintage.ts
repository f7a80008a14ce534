import { readdirSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  type BuildWarning,
  type CommunesFile,
  type InputRecord,
  type MergeRecord,
  type VariableInfo,
  type VariablesFile,
  VINTAGE_FORMAT_VERSION,
  type VintageManifest,
  type ZoningLevel,
  type ZoningsFile,
} from '@ptce/engine';
import { decodeText } from '../lib/decodeText.ts';
import { inputLabel, readInput } from '../lib/readInput.ts';
import { repoRoot } from '../lib/repoRoot.ts';
import { assembleColumn } from './assembleStatistics.ts';
import { assignCantons } from './assignCantons.ts';
import { buildReport } from './buildReport.ts';
import { aggregationFromLabel, unitFromLabel } from './canonicalVariable.ts';
import { loadCogHistory } from './cogHistory.ts';
import { contextOutlines, mainPlaces } from './contextLayers.ts';
import { DataError } from './DataError.ts';
import { type LevelJob, levelDrawer, levelFeatureCollection } from './dissolveLevels.ts';
import { type EssLayer, type EssStem, essVariableInfos } from './ess/essVariables.ts';
import { readCresEss } from './ess/readCresEss.ts';
import { readSireneEss } from './ess/readSireneEss.ts';
import { SYNTHETIC_ESS_DESCRIPTION, SYNTHETIC_ESS_SEED, syntheticEss } from './ess/syntheticEss.ts';
import { type CommunePolygon, communePolygons } from './flatPolygons.ts';
import { type AreaGeometry, flattenRings } from './geometry.ts';
import {
  inputRecord,
  type LoadOptions,
  loadTables,
  PATTERNS,
  polygonPatterns,
  resolveRole,
  sourceFinder,
} from './loadSources.ts';
import { type MeshShape, PolygonMesh } from './polygonMesh.ts';
import { type PolygonReader, polygonReader } from './polygonReader.ts';
import type { AppartenanceRow } from './readAppartenance.ts';
import { type PolygonFeature, readPolygons } from './readPolygons.ts';
import { reconcileCodes } from './reconcileCodes.ts';
import type { SourceFinder } from './sources.ts';
import { VintageWriter } from './writeVintageFolder.ts';
import { TABLE_LEVELS } from './zoningLevels.ts';

export type Progress = (step: string, done?: number, total?: number) => void;

export interface BuildOptions extends LoadOptions {
  /** Départements in scope (default: the Bas-Rhin, 67). */
  deps?: string[];
  /** Every département of the table. */
  all?: boolean;
  /** Vintage id (default: `<scope>-<edition>`, e.g. `bas-rhin-2021`). */
  id?: string;
  /** Where vintages are written (default: <repo>/datasets/build). */
  outDir?: string;
  /** Seed of the demonstration ESS layer. */
  seed?: number;
  /** COG year of the polygons when known (the shared IGN files are COG 2018). */
  polygonsCog?: number | null;
  /**
   * Read the polygon files of the asked départements in a worker thread while the INSEE tables
   * are read here (default: when they weigh 2 MB or more, as for France).
   */
  polygonWorker?: boolean;
  progress?: Progress;
  now?: () => Date;
}

export interface BuildSummary {
  vintage: string;
  dir: string;
  /** Communes in scope. */
  communes: number;
  /** Communes added from outside the scope to complete EPCI totals. */
  communesOutsideScope: number;
  /** Communes in scope with a polygon. */
  withPolygon: number;
  unmatched: number;
  merged: { from: string; to: string; source: string; kind: string }[];
  syntheticEss: boolean;
  warnings: string[];
  levels: { id: string; units: number }[];
  durationMs: number;
}

/** From this many bytes of polygon files (on disk), a worker thread reads them (France: 13 MB; the Bas-Rhin: 0.5 MB). */
const MIN_POLYGON_BYTES_FOR_WORKER = 2_000_000;
/** From this many polygons a worker thread draws zoning levels (France: 35,000; a département: 500). */
const MIN_POLYGONS_FOR_WORKER = 5000;
/**
 * Zoning levels the worker draws, of the eight: the others and the communes are drawn here.
 * Four balances the two threads on France (the worker's: EPCI, arrondissements, cantons-villes,
 * bassins de vie; this thread's: the other four and the communes, which cost the most to write).
 */
const LEVELS_IN_WORKER = 4;

/** Above this share of communes in scope without a polygon, the polygon file is deemed wrong. */
const MAX_MISSING_POLYGON_SHARE = 0.005;

const depOf = (code: string) => (code.startsWith('97') ? code.slice(0, 3) : code.slice(0, 2));

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function listCodes(codes: string[], names?: (c: string) => string | undefined): string {
  const shown = codes.slice(0, 12).map((c) => (names?.(c) ? `${c} (${names(c)})` : c));
  return `${shown.join(', ')}${codes.length > 12 ? ` et ${codes.length - 12} autre(s)` : ''}`;
}

/**
 * `ptce data build`: turns the raw INSEE and IGN files into a dataset vintage (see
 * datasets/README.md). Reconciles the COG vintages of the sources, keeps missing values
 * missing, completes cross-border EPCI from the national file, attaches an ESS layer (CRESS
 * file, SIRENE extract, or a labelled demonstration layer), dissolves zoning geometries from
 * commune polygons, and writes everything atomically with a provenance manifest and a report.
 */
export async function buildVintage(options: BuildOptions = {}): Promise<BuildSummary> {
  const started = performance.now();
  const finder = sourceFinder(options);
  // The polygons do not depend on the INSEE tables: they are read meanwhile, in a worker thread.
  const ahead = polygonFilesAhead(finder, options);
  const polygons = polygonReader(ahead.paths, {
    worker: options.polygonWorker ?? ahead.bytes >= MIN_POLYGON_BYTES_FOR_WORKER,
    // France uses every polygon file, as it is: the worker builds their mesh too.
    mesh: options.all === true,
  });
  try {
    return await buildWith(options, started, finder, polygons);
  } finally {
    polygons.close();
  }
}

async function buildWith(
  options: BuildOptions,
  started: number,
  finder: SourceFinder,
  polygons: PolygonReader,
): Promise<BuildSummary> {
  const progress: Progress = options.progress ?? (() => {});
  const now = options.now ?? (() => new Date());
  const warnings: BuildWarning[] = [];

  progress('Lecture des tables INSEE');
  const tables = await loadTables(options, finder);
  warnings.push(...tables.warnings);
  const { appartenance, comparateur } = tables;
  const inputs: InputRecord[] = [...tables.inputs];
  const history = loadCogHistory();
  inputs.push({
    role: 'decoupage-administratif',
    path: history.source,
    origin: 'package',
    sha256: '',
    bytes: 0,
    rows: 0,
    format: 'npm',
  });

  // --- Scope: the asked départements, plus the outside members of their EPCI.
  const allDeps = [...new Set(appartenance.rows.map((r) => r.values.DEP))].sort();
  const deps = options.all ? allDeps : (options.deps ?? ['67']);
  const unknownDeps = deps.filter((d) => !allDeps.includes(d));
  if (unknownDeps.length > 0) {
    throw new DataError('UNKNOWN_DEPARTEMENT', {
      fr: `Département(s) inconnu(s) de la table d’appartenance : ${unknownDeps.join(', ')}.`,
      en: `Département(s) unknown to the table: ${unknownDeps.join(', ')}.`,
      hintFr:
        'Donnez des codes de département à 2 caractères (67, 2A) ou 3 pour l’outre-mer (974), séparés par des virgules.',
      hintEn: 'Give 2-character département codes (67, 2A), or 3 for overseas (974), comma-separated.',
    });
  }
  const depSet = new Set(deps);
  const epciLevel = TABLE_LEVELS[0];
  const inScopeRows = appartenance.rows.filter((r) => depSet.has(r.values.DEP));
  const scopeEpci = new Set(inScopeRows.map((r) => r.values.EPCI).filter((c) => !epciLevel.isNone(c)));
  const outsideRows = appartenance.rows.filter(
    (r) => !depSet.has(r.values.DEP) && scopeEpci.has(r.values.EPCI),
  );
  const rows: AppartenanceRow[] = [...inScopeRows, ...outsideRows].sort((a, b) =>
    a.code.localeCompare(b.code),
  );
  const codes = rows.map((r) => r.code);
  const index = new Map(codes.map((c, i) => [c, i]));
  const inScope = rows.map((r) => (depSet.has(r.values.DEP) ? 1 : 0) as 0 | 1);
  const reference = new Set(appartenance.rows.map((r) => r.code));
  const polygonNames = new Map<string, string>();
  const nameOf = (c: string) =>
    appartenance.byCode.get(c)?.name ??
    tables.statisticsNames.get(c) ??
    history.name(c) ??
    polygonNames.get(c);

  // --- Identity of the vintage, and its writer (files go to a temporary folder as they are made).
  const scopeLabel = options.all
    ? 'France entière'
    : deps.map((d) => appartenance.zones.get(`DEP:${d}`)?.name ?? d).join(', ');
  const id =
    options.id ??
    `${options.all ? 'france' : deps.length === 1 ? slug(appartenance.zones.get(`DEP:${deps[0]}`)?.name ?? deps[0]) : `dep-${deps.join('-')}`}-${tables.statisticsEdition}`;
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(id)) {
    throw new DataError('INVALID_ID', {
      fr: `Identifiant de millésime invalide : « ${id} ».`,
      en: `Invalid vintage id: "${id}".`,
      hintFr: 'Utilisez des minuscules, chiffres et tirets (ex. bas-rhin-2021).',
      hintEn: 'Use lower-case letters, digits and hyphens (e.g. bas-rhin-2021).',
    });
  }
  const outDir = options.outDir ?? join(repoRoot(), 'datasets', 'build');
  cleanStaleTemporaries(outDir);
  const writer = new VintageWriter(outDir, id);
  let drawer: ReturnType<typeof levelDrawer> | undefined;
  try {
    return await assemble();
  } catch (error) {
    writer.abort();
    drawer?.close();
    throw error;
  }

  async function assemble(): Promise<BuildSummary> {
    // --- Statistics (COG of the comparateur) -> reference communes.
    progress('Rapprochement des codes communes (statistiques)');
    const statRows = comparateur.codes
      .map((c, r) => ({ c, r }))
      .filter(({ c }) => !history.isMunicipalArrondissement(c));
    const statRec = reconcileCodes(
      statRows.map((s) => s.c),
      reference,
      history,
    );
    if (statRec.unknown.length > 0 || statRec.ambiguous.length > 0) {
      const bad = [...statRec.unknown, ...statRec.ambiguous.map((a) => a.from)];
      const first = comparateur.codes.indexOf(bad[0]);
      throw new DataError(
        'UNKNOWN_CODE',
        {
          fr: `${bad.length} code(s) commune du comparateur introuvable(s) dans le COG ${tables.zoningsCog} et dans l’historique des communes : ${listCodes(bad)}.`,
          en: `${bad.length} commune code(s) of the comparateur not found in COG ${tables.zoningsCog} nor in the commune history: ${listCodes(bad)}.`,
          hintFr:
            'Vérifiez ces codes (zéro initial perdu ? commune d’un autre pays ?) ; une table d’appartenance plus récente peut aussi manquer.',
          hintEn:
            "Check these codes (lost leading zero? another country?); a more recent table d'appartenance may also be needed.",
        },
        { file: comparateur.file, line: comparateur.lines[first], field: 'CODGEO', value: bad[0] },
      );
    }
    const statsByCommune: number[][] = codes.map(() => []);
    let skippedStatisticsRows = comparateur.codes.length - statRows.length;
    for (const { c, r } of statRows) {
      const i = index.get(statRec.target.get(c) as string);
      if (i === undefined) skippedStatisticsRows++;
      else statsByCommune[i].push(r);
    }
    const noStatistics = codes.filter((_, i) => statsByCommune[i].length === 0);
    if (noStatistics.length > 0) {
      throw new DataError('UNMATCHED_COMMUNES', {
        fr: `${noStatistics.length} commune(s) sans ligne dans le comparateur : ${listCodes(noStatistics, nameOf)}.`,
        en: `${noStatistics.length} commune(s) without a row in the comparateur: ${listCodes(noStatistics, nameOf)}.`,
        hintFr:
          'Le comparateur est-il complet (France entière) ? Est-il d’une géographie plus récente que la table d’appartenance ?',
        hintEn:
          'Is the comparateur complete (all of France)? Is it on a more recent geography than the table?',
      });
    }
    const merged: MergeRecord[] = statRec.merged
      .filter((m) => index.has(m.to))
      .map((m) => ({ from: m.from, to: m.to, source: 'statistics', kind: 'fusion' }));

    // --- Variables.
    progress('Assemblage des variables');
    const columns: CommunesFile['columns'] = {};
    const estimated: CommunesFile['estimated'] = {};
    const variables: VariableInfo[] = [];
    const latestOf = (stem: string) =>
      comparateur.variables.filter((v) => v.stem === stem).sort((a, b) => (b.year ?? 0) - (a.year ?? 0))[0];
    const weightVariable = latestOf('NBMENFISC') ?? latestOf('POP');
    const missingCount = (values: (number | null)[]) =>
      values.reduce<number>((n, v, i) => n + (v === null && inScope[i] ? 1 : 0), 0);
    const estimatedInScope = (list: number[]) => list.filter((i) => inScope[i]).length;
    for (const v of comparateur.variables) {
      const label = tables.labels.get(v.source);
      const text = label?.labelLong ?? label?.label ?? v.stem;
      const aggregation = label
        ? aggregationFromLabel(text)
        : /^(MED|TP60|PIMP)$/.test(v.stem)
          ? 'weightedMean'
          : 'sum';
      const assembled = assembleColumn(
        statsByCommune,
        comparateur.values.get(v.id) as Float64Array,
        aggregation,
        weightVariable ? comparateur.values.get(weightVariable.id) : undefined,
      );
      columns[v.id] = assembled.values;
      if (assembled.estimated.length > 0) estimated[v.id] = assembled.estimated;
      variables.push({
        id: v.id,
        stem: v.stem,
        year: v.year,
        ...(v.period ? { period: v.period } : {}),
        source: v.source,
        origin: 'comparateur',
        label: label?.label ?? v.source,
        labelLong: label?.labelLong ?? v.source,
        unit: unitFromLabel(text),
        aggregation,
        ...(aggregation === 'weightedMean' && weightVariable ? { weight: weightVariable.id } : {}),
        missing: missingCount(assembled.values),
        estimated: estimatedInScope(assembled.estimated),
        synthetic: false,
      });
    }

    // --- ESS layer.
    progress('Couche ESS');
    const ess = await loadEss(
      options,
      tables,
      codes,
      reference,
      history,
      columns,
      latestOf,
      inputs,
      warnings,
    );
    for (const info of essVariableInfos(ess)) {
      const stemValues = ess.values[info.stem as EssStem] as Map<string, number | null>;
      const values = codes.map((c) => stemValues.get(c) ?? null);
      columns[info.id] = values;
      const est = ess.estimatedStems.includes(info.stem as EssStem)
        ? codes.map((_, i) => i).filter((i) => values[i] !== null)
        : [];
      if (est.length > 0) estimated[info.id] = est;
      variables.push({ ...info, missing: missingCount(values), estimated: estimatedInScope(est) });
    }
    warnings.push(...ess.warnings);

    // --- Polygons.
    progress('Lecture des polygones des communes');
    const polygonDeps = [...new Set(codes.map(depOf))].sort();
    const { features, records, missingOutsideDeps, files } = await loadPolygonFeatures(
      options,
      tables,
      polygons,
      polygonDeps,
      depSet,
    );
    inputs.push(...records);
    for (const f of features) polygonNames.set(f.properties.code, f.properties.name);
    for (const dep of missingOutsideDeps) {
      warnings.push({
        code: 'NO_POLYGONS_OUTSIDE',
        message: `Pas de polygones pour le département ${dep} (hors périmètre) : les communes membres d’EPCI du périmètre qui s’y trouvent n’ont pas de contour.`,
      });
    }
    progress('Rapprochement des codes communes (polygones)');
    const polyRec = reconcileCodes(
      features.map((f) => f.properties.code),
      reference,
      history,
    );
    const unknownPolygons = [...polyRec.unknown, ...polyRec.ambiguous.map((a) => a.from)].filter((c) =>
      depSet.has(depOf(c)),
    );
    if (unknownPolygons.length > 0) {
      throw new DataError('UNKNOWN_CODE', {
        fr: `${unknownPolygons.length} polygone(s) au code commune inconnu du COG ${tables.zoningsCog} et de l’historique : ${listCodes(unknownPolygons)}.`,
        en: `${unknownPolygons.length} polygon(s) with a commune code unknown to COG ${tables.zoningsCog} and to the history: ${listCodes(unknownPolygons)}.`,
        hintFr:
          'Vérifiez la propriété « code » de ces polygones (code INSEE de la commune, pas le code postal).',
        hintEn: 'Check the "code" property of these polygons (INSEE commune code, not the postcode).',
      });
    }
    const polygonSources: string[][] = codes.map(() => []);
    for (const f of features) {
      const target = polyRec.target.get(f.properties.code);
      const i = target === undefined ? undefined : index.get(target);
      if (i !== undefined) polygonSources[i].push(f.properties.code);
    }
    for (const m of polyRec.merged)
      if (index.has(m.to)) merged.push({ from: m.from, to: m.to, source: 'polygons', kind: 'fusion' });
    const withoutPolygon = codes.filter((_, i) => polygonSources[i].length === 0);
    const inScopeWithoutPolygon = withoutPolygon.filter((c) => inScope[index.get(c) as number]);
    if (
      inScopeWithoutPolygon.length > Math.max(0, Math.floor(MAX_MISSING_POLYGON_SHARE * inScopeRows.length))
    ) {
      throw new DataError('UNMATCHED_COMMUNES', {
        fr: `${inScopeWithoutPolygon.length} commune(s) du périmètre sans polygone : ${listCodes(inScopeWithoutPolygon, nameOf)}.`,
        en: `${inScopeWithoutPolygon.length} commune(s) in scope without a polygon: ${listCodes(inScopeWithoutPolygon, nameOf)}.`,
        hintFr:
          'Le fichier de polygones est-il complet et du bon département ? Donnez des contours IGN complets (Admin Express).',
        hintEn:
          'Is the polygon file complete and of the right département? Give complete IGN outlines (Admin Express).',
      });
    }
    if (withoutPolygon.length > 0) {
      warnings.push({
        code: 'NO_POLYGON',
        message: `${withoutPolygon.length} commune(s) sans polygone (créées ou rétablies après la géographie des contours, ou hors périmètre sans contour) : ${listCodes(withoutPolygon, nameOf)}. Elles sont notées mais pas dessinées ; leurs voisinages sont incomplets.`,
      });
    }
    progress('Maillage et fusion des contours');
    const used = features.filter((f) => index.has(polyRec.target.get(f.properties.code) ?? ''));
    // Commune of each polygon; zonings are dissolved from these.
    const featureCommune = Int32Array.from(
      used,
      (f) => index.get(polyRec.target.get(f.properties.code) as string) as number,
    );
    const groupsOf = (membership: string[], unitCodes: string[]) => {
      const unitIndex = new Map(unitCodes.map((c, k) => [c, k]));
      return Int32Array.from(featureCommune, (i) => unitIndex.get(membership[i]) ?? -1);
    };

    // --- Zonings: units and what to dissolve, which needs no geometry (France: done while the
    // worker finishes the mesh).
    const zoningMembership: Record<string, string[]> = {};
    const levels: ZoningLevel[] = [];
    const jobs: LevelJob[] = [];
    for (const level of TABLE_LEVELS) {
      const membership = rows.map((r, i) => {
        const code = r.values[level.column];
        if (level.isNone(code)) return '';
        return inScope[i] || level.completeOutsideScope ? code : '';
      });
      const unitCodes = [...new Set(membership.filter((c, i) => c !== '' && inScope[i]))].sort();
      const unitSet = new Set(unitCodes);
      for (let i = 0; i < membership.length; i++) if (!unitSet.has(membership[i])) membership[i] = '';
      zoningMembership[level.id] = membership;
      const membersOf = groupIndices(membership);
      const units = unitCodes.map((code) => {
        const zone = appartenance.zones.get(`${level.nivgeo}:${code}`);
        const members = membersOf.get(code) ?? [];
        const inScopeCount = members.filter((i) => inScope[i]).length;
        return {
          code,
          name: zone?.name ?? code,
          ...(level.id === 'epci' ? { nature: rows[members[0]].values.NATURE_EPCI } : {}),
          membersTotal: zone?.communes ?? null,
          membersInVintage: members.length,
          membersInScope: inScopeCount,
          complete: zone?.communes != null && members.length === zone.communes,
        };
      });
      jobs.push({
        groupOf: groupsOf(membership, unitCodes),
        properties: units.map((u) => ({ code: u.code, name: u.name })),
      });
      levels.push({
        id: level.id,
        label: level.label,
        labelEn: level.labelEn,
        membership: { source: 'insee-table', column: level.column },
        cog: tables.zoningsCog,
        geometry: `geo/${level.id}.geojson`,
        geometrySource: 'dissolved',
        completedOutsideScope: level.completeOutsideScope,
        units,
      });
      const incomplete = units.filter((u) => !u.complete);
      if (level.id === 'epci' && incomplete.length > 0) {
        warnings.push({
          code: 'EPCI_INCOMPLETE',
          message: `EPCI incomplet(s) malgré l’ajout des communes hors périmètre : ${incomplete.map((u) => `${u.name} (${u.membersInVintage}/${u.membersTotal})`).join(', ')}.`,
        });
      }
    }

    // When every polygon read is used, the mesh the worker built of the same files (France) is
    // this one.
    const built = used.length === features.length && files ? await polygons.mesh(files) : undefined;
    // Zoning levels are drawn on two threads where they cost seconds (France): by the polygon
    // reader's worker when it has finished, else by one that loads while the mesh is built.
    drawer = used.length >= MIN_POLYGONS_FOR_WORKER ? levelDrawer(polygons.handOver()) : undefined;
    const mesh = built ? PolygonMesh.fromState(built) : new PolygonMesh(used.map((f) => f.geometry));
    // Every commune goes through the mesh, merged or not: same rounding, same ring orientation.
    const communeShapes = mesh.dissolve(featureCommune, codes.length);
    const communeGeometry = (i: number): AreaGeometry | null => {
      const shape = communeShapes[i];
      return shape ? mesh.geometry(shape) : null;
    };

    progress('Zonages');
    const communeFeatures = codes.flatMap((code, i) => {
      const shape = communeShapes[i];
      return shape ? [{ shape, properties: { code, name: rows[i].name, inScope: inScope[i] === 1 } }] : [];
    });

    // The worker draws the first levels while this thread draws the others and the communes.
    const drawing = drawer
      ? drawer.run(mesh, jobs, LEVELS_IN_WORKER)
      : Promise.resolve({ bytes: jobs.map((job) => levelFeatureCollection(mesh, job)) });
    writer.write('geo/commune.geojson', mesh.featureCollection(communeFeatures));
    const drawn = (await drawing).bytes;
    levels.forEach((level, k) => {
      writer.write(level.geometry, drawn[k]);
    });

    // Cantons (IGN polygons), where a canton file exists for the départements in scope.
    const cantonLevel = await buildCantonLevel(tables, deps, rows, inScope, communeGeometry, inputs);
    if (cantonLevel) {
      zoningMembership.canton = cantonLevel.membership;
      levels.splice(3, 0, cantonLevel.level);
      writer.write('geo/canton.geojson', cantonLevel.geojson);
    }

    // --- Context layers.
    progress('Couches de contexte');
    const scopeShapes = communeShapes.filter(
      (shape, i): shape is MeshShape => shape !== null && inScope[i] === 1,
    );
    const context = contextOutlines(
      tables,
      deps,
      scopeShapes.length > 0 ? mesh.bounds(scopeShapes) : null,
      inputs,
      warnings,
    );
    writer.write('geo/context.geojson', JSON.stringify(context));
    const popVariable = latestOf('POP');
    writer.write(
      'geo/places.geojson',
      JSON.stringify(
        mainPlaces(
          codes,
          rows,
          inScope,
          communeGeometry,
          popVariable ? (columns[popVariable.id] as (number | null)[]) : [],
          zoningMembership.epci,
          communeShapes.map((shape) => (shape ? 1 : 0)),
        ),
      ),
    );

    // --- Catalogue and aliases.
    const aliases: VariablesFile['aliases'] = { latest: {}, previous: {} };
    const byStem = new Map<string, VariableInfo[]>();
    for (const v of variables) byStem.set(v.stem, [...(byStem.get(v.stem) ?? []), v]);
    for (const [stem, list] of byStem) {
      const sorted = [...list].sort((a, b) => (b.year ?? 0) - (a.year ?? 0));
      aliases.latest[stem] = sorted[0].id;
      if (sorted[1]) aliases.previous[stem] = sorted[1].id;
    }

    // --- Write.
    const communesFile: CommunesFile = {
      formatVersion: VINTAGE_FORMAT_VERSION,
      codes,
      names: rows.map((r) => r.name),
      dep: rows.map((r) => r.values.DEP),
      inScope,
      hasPolygon: communeShapes.map((g) => (g ? 1 : 0)),
      zonings: zoningMembership,
      columns,
      estimated,
    };
    const zoningsFile: ZoningsFile = { formatVersion: VINTAGE_FORMAT_VERSION, levels };
    const variablesFile: VariablesFile = { formatVersion: VINTAGE_FORMAT_VERSION, variables, aliases };
    const missing = Object.fromEntries(variables.map((v) => [v.id, v.missing]));
    const withPolygon = codes.filter((_, i) => inScope[i] && communeShapes[i]).length;
    merged.sort((a, b) => a.source.localeCompare(b.source) || a.from.localeCompare(b.from));
    const counts: VintageManifest['counts'] = {
      communes: codes.length,
      communesInScope: inScopeRows.length,
      communesOutsideScope: outsideRows.length,
      withPolygon,
      unmatched: 0,
      skippedStatisticsRows,
    };
    const polygonsCog =
      options.polygonsCog !== undefined
        ? options.polygonsCog
        : records.every((r) => r.origin === 'shared')
          ? 2018
          : null;
    const manifestBase: Omit<VintageManifest, 'outputs' | 'report' | 'durationMs'> = {
      formatVersion: VINTAGE_FORMAT_VERSION,
      id,
      title: `${scopeLabel} — Comparateur de territoires ${tables.statisticsEdition}`,
      createdAt: now().toISOString(),
      scope: { departements: deps, label: scopeLabel, all: options.all === true },
      cog: {
        reference: tables.zoningsCog,
        statistics: tables.statisticsEdition,
        zonings: tables.zoningsCog,
        polygons: polygonsCog,
      },
      editions: {
        comparateur: String(tables.statisticsEdition),
        'table-appartenance': String(tables.zoningsCog),
        'decoupage-administratif': history.source.split('@').pop() ?? '',
      },
      inputs,
      synthetic: {
        ess: ess.origin === 'ess-synthetic',
        ...(ess.origin === 'ess-synthetic'
          ? { description: SYNTHETIC_ESS_DESCRIPTION, seed: options.seed ?? SYNTHETIC_ESS_SEED }
          : {}),
      },
      ess: { origin: ess.origin, year: ess.year, note: ess.note },
      counts,
      merged,
      missing,
      warnings,
      levels: [
        { id: 'commune', label: 'Communes', units: inScopeRows.length, geometry: 'geo/commune.geojson' },
        ...levels.map((l) => ({ id: l.id, label: l.label, units: l.units.length, geometry: l.geometry })),
      ],
      tool: { name: '@ptce/scripts', version: '0.1.0', node: process.version },
    };
    progress('Écriture du millésime');
    writer.write('variables.json', JSON.stringify(variablesFile));
    writer.write('communes.json', JSON.stringify(communesFile));
    writer.write('zonings.json', JSON.stringify(zoningsFile));
    const durationMs = () => Math.round(performance.now() - started);
    writer.write(
      'report.md',
      buildReport({
        manifest: {
          ...manifestBase,
          outputs: [],
          report: { path: 'report.md', sha256: '', bytes: 0 },
          durationMs: durationMs(),
        },
        variables,
        levels,
        rows,
        inScope,
        withoutPolygon,
        cantonDetails: cantonLevel?.details,
        nameOf,
      }),
    );
    const dir = writer.commit((outputs, report) =>
      JSON.stringify(
        {
          ...manifestBase,
          outputs,
          report: report ?? { path: 'report.md', sha256: '', bytes: 0 },
          durationMs: durationMs(),
        } satisfies VintageManifest,
        null,
        2,
      ),
    );
    return {
      vintage: id,
      dir,
      communes: inScopeRows.length,
      communesOutsideScope: outsideRows.length,
      withPolygon,
      unmatched: 0,
      merged: merged.map((m) => ({ from: m.from, to: m.to, source: m.source, kind: m.kind })),
      syntheticEss: ess.origin === 'ess-synthetic',
      warnings: warnings.map((w) => `[${w.code}] ${w.message}`),
      levels: [
        { id: 'commune', units: inScopeRows.length },
        ...levels.map((l) => ({ id: l.id, units: l.units.length })),
      ],
      durationMs: durationMs(),
    };
  }
}

/** Unit code -> indices of the communes that belong to it ('' = none, left out). */
function groupIndices(membership: string[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  membership.forEach((code, i) => {
    if (code === '') return;
    const list = groups.get(code);
    if (list) list.push(i);
    else groups.set(code, [i]);
  });
  return groups;
}

/** Removes hidden temporaries left by a build that was killed. */
function cleanStaleTemporaries(outDir: string): void {
  try {
    for (const name of readdirSync(outDir)) {
      if (/^\..+\.(tmp|old)-\d+-\d+$/.test(name))
        rmSync(join(outDir, name), { recursive: true, force: true });
    }
  } catch {
    // No folder yet.
  }
}

async function loadEss(
  options: BuildOptions,
  tables: Awaited<ReturnType<typeof loadTables>>,
  codes: string[],
  reference: Set<string>,
  history: ReturnType<typeof loadCogHistory>,
  columns: CommunesFile['columns'],
  latestOf: (stem: string) => { id: string } | undefined,
  inputs: InputRecord[],
  warnings: BuildWarning[],
): Promise<EssLayer> {
  const finder = tables.finder;
  const cres = options.files?.cres
    ? { path: options.files.cres, origin: 'source-option' as const }
    : finder.find([...PATTERNS.cres]);
  const etab = options.files?.sireneEtablissements
    ? { path: options.files.sireneEtablissements, origin: 'source-option' as const }
    : finder.find([...PATTERNS.sireneEtablissements]);
  const ul = options.files?.sireneUnitesLegales
    ? { path: options.files.sireneUnitesLegales, origin: 'source-option' as const }
    : finder.find([...PATTERNS.sireneUnitesLegales]);
  const codeSet = new Set(codes);
  if (cres) {
    const input = readInput(cres.path);
    const label = inputLabel(input);
    const layer = readCresEss(decodeText(input.bytes, label).text, label, {
      decimalComma: options.decimalComma,
    });
    const fileCodes = [...(layer.values.ESS_ETAB?.keys() ?? [])];
    const rec = reconcileCodes(fileCodes, reference, history);
    if (rec.unknown.length > 0) {
      throw new DataError(
        'UNKNOWN_CODE',
        {
          fr: `Codes commune inconnus dans le fichier ESS de la CRESS : ${listCodes(rec.unknown)}.`,
          en: `Unknown commune codes in the CRESS ESS file: ${listCodes(rec.unknown)}.`,
          hintFr: 'Utilisez les codes INSEE des communes (COG), pas les codes postaux.',
          hintEn: 'Use INSEE commune codes (COG), not postcodes.',
        },
        { file: label, field: 'code_commune', value: rec.unknown[0] },
      );
    }
    // Re-key on reference communes, summing communes merged since the file's geography.
    for (const stem of Object.keys(layer.values) as EssStem[]) {
      const source = layer.values[stem] as Map<string, number | null>;
      const out = new Map<string, number | null>();
      for (const [code, value] of source) {
        const target = rec.target.get(code) as string;
        if (!codeSet.has(target)) continue;
        const previous = out.get(target);
        out.set(
          target,
          previous === undefined ? value : previous === null || value === null ? null : previous + value,
        );
      }
      layer.values[stem] = out;
    }
    const absent = codes.filter((c) => !layer.values.ESS_ETAB?.has(c));
    if (absent.length > 0) {
      warnings.push({
        code: 'ESS_INCOMPLETE',
        message: `${absent.length} commune(s) absente(s) du fichier ESS de la CRESS : valeurs ESS manquantes (${listCodes(absent)}).`,
      });
    }
    inputs.push(
      inputRecord(
        'ess-cres',
        input,
        cres,
        fileCodes.length,
        'csv',
        layer.year ? String(layer.year) : undefined,
      ),
    );
    return layer;
  }
  if (etab && ul) {
    const depSet = new Set(codes.map(depOf));
    const unplaced = new Set<string>();
    const layer = await readSireneEss({
      establishments: etab.path,
      legalUnits: ul.path,
      scope: codes,
      toReference: (code) => {
        if (!depSet.has(depOf(code))) return undefined;
        const rec = reconcileCodes([code], reference, history);
        const target = rec.target.get(code);
        if (target === undefined || !codeSet.has(target)) unplaced.add(code);
        return target;
      },
    });
    if (unplaced.size > 0) {
      warnings.push({
        code: 'SIRENE_UNPLACED',
        message: `Établissements ESS dans des communes non rattachées au COG de référence ou hors périmètre : ${listCodes([...unplaced].sort())}.`,
      });
    }
    for (const [role, src] of [
      ['ess-sirene-etab', etab],
      ['ess-sirene-ul', ul],
    ] as const) {
      const { size } = await import('node:fs').then((fs) => fs.statSync(src.path));
      inputs.push({
        role,
        path: src.path,
        origin: src.origin,
        sha256: await hashFile(src.path),
        bytes: size,
        rows: 0,
        format: 'csv',
      });
    }
    return layer;
  }
  if (etab || ul) {
    warnings.push({
      code: 'SIRENE_INCOMPLETE',
      message:
        'Un seul des deux fichiers SIRENE (StockEtablissement, StockUniteLegale) a été trouvé : il faut les deux. Couche ESS simulée à la place.',
    });
  }
  const column = (stem: string) => {
    const v = latestOf(stem);
    return Float64Array.from((v ? columns[v.id] : codes.map(() => null)) as (number | null)[], (x) =>
      x === null ? Number.NaN : x,
    );
  };
  return syntheticEss(
    {
      codes,
      establishments: column('ETTOT'),
      publicSocial: column('ETOQ'),
      salariedJobs: column('EMPLT_SAL'),
    },
    options.seed,
  );
}

async function hashFile(path: string): Promise<string> {
  const { createHash } = await import('node:crypto');
  const { createReadStream } = await import('node:fs');
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });
}

/**
 * The commune polygon files to read before the INSEE tables say which départements the build
 * needs: those of the asked départements, or every one found for France. The others (members of
 * the scope's EPCI across a border) are read when known. In the order of the départements.
 */
function polygonFilesAhead(finder: SourceFinder, options: BuildOptions): { paths: string[]; bytes: number } {
  const deps = options.all
    ? finder
        .matching(/^communes-(\d{2}|2[AB]|97\d)-.*\.geojson(\.gz)?$/i)
        .map((path) => (/^communes-(\w+)-/i.exec(basename(path)) as RegExpExecArray)[1].toUpperCase())
    : (options.deps ?? ['67']).filter((dep) => /^\w{2,3}$/.test(dep));
  const paths = [...new Set(deps)]
    .sort()
    .flatMap((dep) => finder.find(polygonPatterns('communes', dep))?.path ?? []);
  let bytes = 0;
  for (const path of paths) bytes += statSync(path).size;
  return { paths, bytes };
}

async function loadPolygonFeatures(
  options: BuildOptions,
  tables: Awaited<ReturnType<typeof loadTables>>,
  polygons: PolygonReader,
  polygonDeps: string[],
  scopeDeps: Set<string>,
): Promise<{
  features: CommunePolygon[];
  records: InputRecord[];
  missingOutsideDeps: string[];
  /** The files of the features, in order; undefined when some come from the national file. */
  files: string[] | undefined;
}> {
  const finder = tables.finder;
  const features: CommunePolygon[] = [];
  const records: InputRecord[] = [];
  const missingOutsideDeps: string[] = [];
  const seen = new Map<string, string>();
  const add = (list: CommunePolygon[], file: string) => {
    for (const f of list) {
      const previous = seen.get(f.properties.code);
      if (previous !== undefined) {
        throw new DataError(
          'DUPLICATE_CODE',
          {
            fr: `Polygone en double pour la commune ${f.properties.code} (déjà dans ${previous}).`,
            en: `Duplicate polygon for commune ${f.properties.code} (already in ${previous}).`,
            hintFr: 'Ne donnez qu’un fichier de contours par département, sans doublon.',
            hintEn: 'Give one outline file per département, without duplicates.',
          },
          { file, field: 'properties.code', value: f.properties.code },
        );
      }
      seen.set(f.properties.code, file);
      features.push(f);
    }
  };
  let national: PolygonFeature[] | undefined;
  const readNational = async () => {
    if (national) return national;
    const source = await resolveRole(finder, 'polygons', PATTERNS.nationalPolygons, options);
    const input = readInput(source.path);
    national = readPolygons(input.bytes, inputLabel(input));
    records.push(inputRecord('polygons', input, source, national.length, 'geojson'));
    return national;
  };
  const wanted = new Set(polygonDeps);
  const fromNational: string[] = [];
  const files: string[] = [];
  for (const dep of polygonDeps) {
    const source = finder.find(polygonPatterns('communes', dep));
    if (!source) {
      fromNational.push(dep);
      continue;
    }
    const file = await polygons.read(source.path);
    files.push(source.path);
    records.push(inputRecord(`polygons-${dep}`, file.input, source, file.codes.length, 'geojson'));
    add(communePolygons(file), inputLabel(file.input));
  }
  const fromFiles = features.length;
  if (fromNational.length > 0) {
    try {
      const all = await readNational();
      const needed = new Set(fromNational);
      add(
        all
          .filter((f) => needed.has(depOf(f.properties.code)) && wanted.has(depOf(f.properties.code)))
          .map((f) => ({ properties: f.properties, geometry: flattenRings(f.geometry) })),
        'national',
      );
    } catch (error) {
      const inScope = fromNational.filter((d) => scopeDeps.has(d));
      if (inScope.length > 0) throw error;
      missingOutsideDeps.push(...fromNational);
    }
  }
  return {
    features,
    records,
    missingOutsideDeps,
    files: features.length === fromFiles ? files : undefined,
  };
}

async function buildCantonLevel(
  tables: Awaited<ReturnType<typeof loadTables>>,
  deps: string[],
  rows: AppartenanceRow[],
  inScope: (0 | 1)[],
  communeGeometry: (i: number) => AreaGeometry | null,
  inputs: InputRecord[],
): Promise<
  | {
      level: ZoningLevel;
      membership: string[];
      geojson: Uint8Array;
      details: ReturnType<typeof assignCantons>;
    }
  | undefined
> {
  const cantonFeatures: PolygonFeature[] = [];
  const files: string[] = [];
  for (const dep of deps) {
    const source = tables.finder.find(polygonPatterns('cantons', dep));
    if (!source) return undefined; // Canton polygons exist for some départements only: no partial level.
    const input = readInput(source.path);
    const label = inputLabel(input);
    const list = readPolygons(input.bytes, label);
    inputs.push(inputRecord(`cantons-${dep}`, input, source, list.length, 'geojson'));
    cantonFeatures.push(...list);
    files.push(label);
  }
  if (cantonFeatures.length === 0) return undefined;
  const scoped = rows.map((r, i) => ({ code: r.code, geometry: inScope[i] ? communeGeometry(i) : null }));
  const details = assignCantons(scoped, cantonFeatures);
  const membership = details.canton.map((c) => details.mergedInto.get(c) ?? c);
  const mesh = new PolygonMesh(cantonFeatures.map((f) => f.geometry));
  const nameByCode = new Map(cantonFeatures.map((f) => [f.properties.code, f.properties.name]));
  const membersOf = groupIndices(membership);
  const unitCodes = [...membersOf.keys()].sort();
  const units = unitCodes.map((code) => {
    const absorbed = [...details.mergedInto].filter(([, into]) => into === code).map(([c]) => c);
    const parts = [code, ...absorbed].sort();
    const count = membersOf.get(code)?.length ?? 0;
    return {
      code,
      name: parts.map((c) => nameByCode.get(c) ?? c).join(' + '),
      membersTotal: count,
      membersInVintage: count,
      membersInScope: count,
      complete: true,
      parts,
    };
  });
  const unitOf = new Map(units.flatMap((u, k) => u.parts.map((p) => [p, k] as const)));
  const geometries = mesh.dissolve(
    Int32Array.from(cantonFeatures, (f) => unitOf.get(f.properties.code) ?? -1),
    units.length,
  );
  const features = units.flatMap((u, k) => {
    const shape = geometries[k];
    return shape ? [{ shape, properties: { code: u.code, name: u.name } }] : [];
  });
  return {
    level: {
      id: 'canton',
      label: 'Cantons (contours IGN)',
      labelEn: 'Cantons (IGN outlines)',
      membership: {
        source: 'polygons',
        file: files.join(', '),
        method:
          'Chaque commune est placée dans le canton qui contient la plus grande part de sa surface ; un canton sans commune entière (ville partagée entre cantons) est regroupé avec le canton qui a reçu cette commune.',
      },
      cog: null,
      geometry: 'geo/canton.geojson',
      geometrySource: 'file',
      completedOutsideScope: false,
      units: units.map(({ parts: _parts, ...u }) => u),
    },
    membership,
    geojson: mesh.featureCollection(features),
    details,
  };
}
