import { EngineError } from '../errors.ts';
import {
  type CommunesFile,
  type VariablesFile,
  VINTAGE_FORMAT_VERSION,
  type Vintage,
  type VintageManifest,
  type ZoningsFile,
} from './types.ts';

/** The parsed JSON files of a vintage folder. */
export interface VintageFiles {
  manifest: VintageManifest;
  variables: VariablesFile;
  communes: CommunesFile;
  zonings: ZoningsFile;
}

/**
 * Turns the parsed JSON files of a vintage into the in-memory form the engine reads:
 * columns become `Float64Array` with `NaN` for missing (JSON `null`), flags become `Uint8Array`.
 * Pure: the caller reads the files (Node `fs`, `fetch` in the browser).
 *
 * Complexity: O(communes × variables).
 *
 * @throws {EngineError} `VINTAGE_FORMAT` when the format version is not this engine's, or a
 *   column's length differs from the number of communes.
 * @example
 * const v = decodeVintage({ manifest, variables, communes, zonings });
 * v.communes.columns['POP@2018'][v.communes.index.get('67482')] // 290576 (Strasbourg)
 */
export function decodeVintage(files: VintageFiles): Vintage {
  const { manifest, variables, communes, zonings } = files;
  for (const [name, version] of [
    ['manifest.json', manifest.formatVersion],
    ['variables.json', variables.formatVersion],
    ['communes.json', communes.formatVersion],
    ['zonings.json', zonings.formatVersion],
  ] as const) {
    if (version !== VINTAGE_FORMAT_VERSION) {
      throw new EngineError(
        'VINTAGE_FORMAT',
        `${name}: format version ${String(version)} is not ${VINTAGE_FORMAT_VERSION}; rebuild the vintage with \`pnpm ptce data build\`.`,
        { file: name, formatVersion: version },
      );
    }
  }
  const n = communes.codes.length;
  const columns: Record<string, Float64Array> = {};
  for (const [id, values] of Object.entries(communes.columns)) {
    if (values.length !== n) {
      throw new EngineError(
        'VINTAGE_FORMAT',
        `communes.json: column ${id} has ${values.length} values for ${n} communes; rebuild the vintage.`,
        { file: 'communes.json', column: id },
      );
    }
    const column = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      column[i] = v === null || v === undefined ? Number.NaN : v;
    }
    columns[id] = column;
  }
  const estimated: Record<string, Uint8Array> = {};
  for (const [id, rows] of Object.entries(communes.estimated)) {
    const flags = new Uint8Array(n);
    for (const i of rows) flags[i] = 1;
    estimated[id] = flags;
  }
  const index = new Map<string, number>();
  communes.codes.forEach((code, i) => {
    index.set(code, i);
  });
  return {
    manifest,
    variables: variables.variables,
    variableIndex: new Map(variables.variables.map((v) => [v.id, v])),
    aliases: variables.aliases,
    communes: {
      codes: communes.codes,
      names: communes.names,
      dep: communes.dep,
      inScope: Uint8Array.from(communes.inScope),
      hasPolygon: Uint8Array.from(communes.hasPolygon),
      zonings: communes.zonings,
      columns,
      estimated,
      index,
    },
    zonings: zonings.levels,
  };
}
