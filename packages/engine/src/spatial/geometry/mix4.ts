/** Murmur3-style finalised mix of four 32-bit words into one unsigned 32-bit hash (Appleby 2011). */
export function mix4(a: number, b: number, c: number, d: number): number {
  let h =
    Math.imul(a, 0xcc9e2d51) ^ Math.imul(b, 0x1b873593) ^ Math.imul(c, 0x85ebca6b) ^ Math.imul(d, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
