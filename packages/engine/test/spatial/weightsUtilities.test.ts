import { describe, expect, it } from 'vitest';
import { imputeFromNeighbours } from '../../src/spatial/imputeFromNeighbours.ts';
import { connectedComponents } from '../../src/spatial/weights/connectedComponents.ts';
import { rowStandardize } from '../../src/spatial/weights/rowStandardize.ts';
import { weightsFromNeighbourLists } from '../../src/spatial/weights/weightsFromNeighbourLists.ts';
import { errorCode as codeOf, rows } from './helpers/fixtures.ts';

describe('weightsFromNeighbourLists / rowStandardize / connectedComponents', () => {
  it('weightsFromNeighbourLists(lists) sorts rows, drops duplicates and self-links, detects asymmetry', () => {
    const w = weightsFromNeighbourLists([[2, 1, 1, 0], [0], [0]]);
    expect(rows(w)).toEqual([[1, 2], [0], [0]]);
    expect(w.symmetric).toBe(true);
    expect(weightsFromNeighbourLists([[1], []]).symmetric).toBe(false);
    expect(codeOf(() => weightsFromNeighbourLists([[3], []]))).toBe('SPATIAL_BAD_NEIGHBOUR');
  });

  it('rowStandardize(w) makes rows sum to 1, leaves the input alone, and refuses zero rows', () => {
    const w = weightsFromNeighbourLists([[1, 2, 3], [0], [0], [0], []]);
    const r = rowStandardize(w);
    expect(Array.from(r.weights)).toEqual([1 / 3, 1 / 3, 1 / 3, 1, 1, 1]);
    expect(r.transform).toBe('row');
    expect(Array.from(w.weights)).toEqual([1, 1, 1, 1, 1, 1]);
    const zero = { ...w, weights: Float64Array.of(0, 0, 0, 1, 1, 1) };
    expect(codeOf(() => rowStandardize(zero))).toBe('SPATIAL_ZERO_ROW');
  });

  it('connectedComponents(n, graph) labels components by their lowest member, links taken both ways', () => {
    // 0 → 2 only (one-way), 1 alone, 3 – 4
    const graph = { offsets: Int32Array.of(0, 1, 1, 1, 2, 3), neighbours: Int32Array.of(2, 4, 3) };
    expect(connectedComponents(5, graph)).toEqual({ count: 3, labels: Int32Array.of(0, 1, 0, 2, 2) });
  });

  it('imputeFromNeighbours(values, w) checks the length against the graph', () => {
    const w = weightsFromNeighbourLists([[1], [0]]);
    expect(codeOf(() => imputeFromNeighbours(Float64Array.of(1, 2, 3), w))).toBe('SPATIAL_LENGTH_MISMATCH');
    // only offsets and neighbours are needed (what the composite passes)
    const graph = { offsets: w.offsets, neighbours: w.neighbours };
    expect(Array.from(imputeFromNeighbours(Float64Array.of(Number.NaN, 2), graph).values)).toEqual([2, 2]);
  });
});
