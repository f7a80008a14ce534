import type { RandomSource } from './xoshiro128.ts';

/**
 * One standard normal draw N(0, 1) by Marsaglia's polar method (Marsaglia & Bray 1964, "A
 * convenient method for generating normal variables", SIAM Review 6(3)): draw (u, v) uniform in
 * the unit disc, then u·√(−2 ln s / s) with s = u² + v². The second variate of the pair is
 * discarded so that the function keeps no state: the same generator state gives the same draw.
 *
 * Complexity: O(1) expected (4/π ≈ 1.27 pairs of uniforms per draw).
 * @throws never
 * @example
 * standardNormal(createRandom(1)) // the same number on every machine
 */
export function standardNormal(random: RandomSource): number {
  for (;;) {
    const u = 2 * random.float() - 1;
    const v = 2 * random.float() - 1;
    const s = u * u + v * v;
    if (s > 0 && s < 1) return u * Math.sqrt((-2 * Math.log(s)) / s);
  }
}
