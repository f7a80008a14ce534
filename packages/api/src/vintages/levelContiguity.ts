import { contiguityWeights } from '@ptce/engine';
import { levelGeometry } from './levels.ts';
import type { LoadedVintage, VintageRegistry } from './registry.ts';

/** Contiguity of a level's territories in the form the engine's ScoreContext takes (CSR + codes). */
export interface Contiguity {
  offsets: Int32Array;
  neighbours: Int32Array;
  codes: string[];
}

const cache = new WeakMap<LoadedVintage, Map<string, Promise<Contiguity>>>();

/**
 * Queen contiguity of the territories of `level`, from the vintage's own GeoJSON (engine
 * `contiguityWeights`, exact shared vertices), computed once per loaded vintage and level: what
 * the `neighbours` imputation needs. About 13 ms for the Bas-Rhin communes, 2 s for France.
 * @throws {ApiError} 404 `UNKNOWN_LEVEL`.
 */
export function levelContiguity(
  registry: VintageRegistry,
  loaded: LoadedVintage,
  level: string,
): Promise<Contiguity> {
  let levels = cache.get(loaded);
  if (!levels) {
    levels = new Map();
    cache.set(loaded, levels);
  }
  let contiguity = levels.get(level);
  if (!contiguity) {
    const path = levelGeometry(loaded, level);
    contiguity = registry.file(loaded.id, path).then((payload) => {
      const { features } = JSON.parse(payload.body.toString('utf8')) as {
        features: Parameters<typeof contiguityWeights>[0];
      };
      const weights = contiguityWeights(features);
      return {
        offsets: weights.offsets,
        neighbours: weights.neighbours,
        codes: features.map((f) => String(f.properties?.code ?? '')),
      };
    });
    levels.set(level, contiguity);
    contiguity.catch(() => levels.delete(level));
  }
  return contiguity;
}
