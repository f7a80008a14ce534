/** Level of a discrete input with `count` levels from its coordinate u ∈ [0, 1): ⌊u × count⌋ (equal probabilities). */
export function discreteLevel(u: number, count: number): number {
  return Math.min(count - 1, Math.floor(u * count));
}
