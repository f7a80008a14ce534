import { fromLinear, hexToRgb, type Rgb, toLinear } from './rgb.ts';

export type Deficiency = 'protanopia' | 'deuteranopia' | 'tritanopia';

/**
 * Simulation matrices at severity 1.0 from Machado, Oliveira & Fernandes (2009), "A
 * physiologically-based model for simulation of color vision deficiency", IEEE TVCG 15(6),
 * table of precomputed matrices; applied to linear RGB.
 */
const MACHADO_2009: Record<Deficiency, number[]> = {
  protanopia: [0.152286, 1.052583, -0.204868, 0.114503, 0.786281, 0.099216, -0.003882, -0.048116, 1.051998],
  deuteranopia: [0.367322, 0.860646, -0.227968, 0.280085, 0.672501, 0.047413, -0.01182, 0.04294, 0.968881],
  tritanopia: [1.255528, -0.076749, -0.178779, -0.078411, 0.930809, 0.147602, 0.004733, 0.691367, 0.3039],
};

/** How a colour appears to a person with the given colour vision deficiency. */
export function simulateDeficiency(hex: string, deficiency: Deficiency): Rgb {
  const m = MACHADO_2009[deficiency];
  const [r, g, b] = hexToRgb(hex).map(toLinear) as [number, number, number];
  return [
    fromLinear(m[0]! * r + m[1]! * g + m[2]! * b),
    fromLinear(m[3]! * r + m[4]! * g + m[5]! * b),
    fromLinear(m[6]! * r + m[7]! * g + m[8]! * b),
  ];
}
