import { hexToRgb, type Rgb, toLinear } from './rgb.ts';

/** CIELAB (D65) of an sRGB colour given as channels 0..255. */
export function rgbToLab(rgb: Rgb): [number, number, number] {
  const [r, g, b] = rgb.map(toLinear) as [number, number, number];
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  const fx = f(x);
  const fy = f(y);
  const fz = f(z);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

/** CIE76 colour difference ΔE*ab between two colours (about 2.3 is a just noticeable difference). */
export function deltaE(a: string | Rgb, b: string | Rgb): number {
  const la = rgbToLab(typeof a === 'string' ? hexToRgb(a) : a);
  const lb = rgbToLab(typeof b === 'string' ? hexToRgb(b) : b);
  return Math.hypot(la[0] - lb[0], la[1] - lb[1], la[2] - lb[2]);
}
