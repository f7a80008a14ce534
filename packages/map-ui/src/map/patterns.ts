/**
 * Pattern images drawn in code (RGBA pixels), added with `map.addImage`: no sprite file.
 * Hatching marks missing values, dots mark estimates; both read in grey scale too.
 */
export function hatchPattern(size = 8): { width: number; height: number; data: Uint8Array } {
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const on = (x + y) % size === 0 || (x + y) % size === 1;
      const o = (y * size + x) * 4;
      data.set(on ? [90, 96, 105, 255] : [0, 0, 0, 0], o);
    }
  }
  return { width: size, height: size, data };
}

export function dotsPattern(size = 6): { width: number; height: number; data: Uint8Array } {
  const data = new Uint8Array(size * size * 4);
  for (const [x, y] of [
    [1, 1],
    [2, 1],
    [1, 2],
    [2, 2],
  ]) {
    data.set([255, 255, 255, 230], ((y! * size + x!) * 4) as number);
  }
  return { width: size, height: size, data };
}
