import type { ZoneGeometry, ZoneWeights } from './types.ts';

/**
 * Polsby–Popper compactness of a group of communes, 4π·A / P² (Polsby & Popper 1991, "The third
 * criterion: compactness as a procedural safeguard against partisan gerrymandering", Yale Law &
 * Policy Review 9(2)): 1 for a disc, near 0 for a long thin or ragged zone. A is the sum of the
 * members' areas; the perimeter of the union is the sum of their perimeters minus twice the
 * borders they share (from the contiguity weights' `borderLengths`), so no polygon union is
 * needed. NaN when the geometry or the border lengths are missing.
 *
 * Complexity: O(Σ members' neighbours).
 */
export function zoneCompactness(
  members: ArrayLike<number>,
  inZone: (i: number) => boolean,
  geometry: ZoneGeometry | undefined,
  w: ZoneWeights,
): number {
  if (!geometry || !w.borderLengths) return Number.NaN;
  let area = 0;
  let perimeter = 0;
  for (let m = 0; m < members.length; m++) {
    const i = members[m]!;
    area += geometry.area[i]!;
    perimeter += geometry.perimeter[i]!;
    // each shared border is met from both sides: subtracting it each time removes it twice
    for (let k = w.offsets[i]!; k < w.offsets[i + 1]!; k++) {
      if (inZone(w.neighbours[k]!)) perimeter -= w.borderLengths[k]!;
    }
  }
  return (4 * Math.PI * area) / (perimeter * perimeter);
}
