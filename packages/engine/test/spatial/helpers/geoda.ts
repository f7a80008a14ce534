/**
 * GeoDa compiled to WebAssembly (@geoda/core, @geoda/lisa 0.0.22): the second implementation the
 * spatial module is checked against. Loaded through its CommonJS build with the .wasm files of the
 * packages given as data: URLs (the default is a CDN download, and there is no network here).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Feature } from 'geojson';

export interface GeodaLisaResult {
  isValid: boolean;
  clusters: number[];
  lagValues: number[];
  lisaValues: number[];
  pValues: number[];
  sigCategories: number[];
  nn: number[];
  labels: string[];
}

export interface Geoda {
  queen(features: Feature[]): Promise<number[][]>;
  rook(features: Feature[]): Promise<number[][]>;
  localMoran(
    data: number[],
    neighbors: number[][],
    permutation: number,
    seed?: number,
  ): Promise<GeodaLisaResult>;
  localGStar(
    data: number[],
    neighbors: number[][],
    permutation: number,
    seed?: number,
  ): Promise<GeodaLisaResult>;
  spatialLag(values: number[], neighbors: number[][]): number[];
  empiricalBayes(base: number[], events: number[]): number[];
  spatialEmpiricalBayes(base: number[], events: number[], neighbors: number[][]): number[];
}

let loaded: Promise<Geoda> | null = null;

export function loadGeoda(): Promise<Geoda> {
  loaded ??= load();
  return loaded;
}

async function load(): Promise<Geoda> {
  const g = globalThis as { navigator?: unknown };
  g.navigator ??= { userAgent: 'node' };
  const require = createRequire(import.meta.url);
  const core = require('@geoda/core');
  const lisa = require('@geoda/lisa');
  const wasm = (entry: string, file: string) =>
    `data:application/wasm;base64,${readFileSync(join(dirname(require.resolve(entry)), '..', 'wasm', file)).toString('base64')}`;
  core.setDeliveryWASM(wasm('@geoda/core', 'geoda-core.wasm'));
  lisa.setDeliveryWASM(wasm('@geoda/lisa', 'geoda-lisa.wasm'));
  // Rook with precisionThreshold 0 returns no link at all in this build; a threshold of 1e-9
  // degrees (0.1 mm, far below the 5-decimal coordinates) makes it work without merging vertices.
  const contiguity = async (features: Feature[], isQueen: boolean) =>
    (
      await core.createWeights({
        weightsType: isQueen ? 'queen' : 'rook',
        geometries: features,
        useCentroids: false,
        isQueen,
        ...(isQueen ? {} : { precisionThreshold: 1e-9 }),
      })
    ).weights as number[][];
  return {
    queen: (features) => contiguity(features, true),
    rook: (features) => contiguity(features, false),
    localMoran: (data, neighbors, permutation, seed) =>
      lisa.localMoran({ data, neighbors, permutation, ...(seed === undefined ? {} : { seed }) }),
    localGStar: (data, neighbors, permutation, seed) =>
      lisa.localGStar({ data, neighbors, permutation, ...(seed === undefined ? {} : { seed }) }),
    spatialLag: (values, neighbors) => lisa.spatialLag(values, neighbors, true),
    empiricalBayes: (base, events) => core.empiricalBayes(base, events),
    spatialEmpiricalBayes: (base, events, neighbors) => core.spatialEmpiricalBayes(base, events, neighbors),
  };
}
