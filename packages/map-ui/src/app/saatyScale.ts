/**
 * Saaty's 1-9 scale as 17 positions of a slider, from "j extremely more important" (1/9)
 * through "equal" (1) to "i extremely more important" (9).
 */
export const SAATY_STEPS = [
  1 / 9,
  1 / 8,
  1 / 7,
  1 / 6,
  1 / 5,
  1 / 4,
  1 / 3,
  1 / 2,
  1,
  2,
  3,
  4,
  5,
  6,
  7,
  8,
  9,
];

/** Slider position of a judgement (nearest step). */
export function saatyPosition(value: number): number {
  let best = 8;
  SAATY_STEPS.forEach((s, i) => {
    if (Math.abs(Math.log(s) - Math.log(value)) < Math.abs(Math.log(SAATY_STEPS[best]!) - Math.log(value)))
      best = i;
  });
  return best;
}

/** French reading of a judgement of i over j. */
export function saatyLabel(value: number): string {
  const words = [
    'égale',
    'égale à modérée',
    'modérée',
    'modérée à forte',
    'forte',
    'forte à très forte',
    'très forte',
    'très forte à extrême',
    'extrême',
  ];
  if (value >= 1) return `${words[Math.round(value) - 1]} (${Math.round(value)})`;
  return `${words[Math.round(1 / value) - 1]} (1/${Math.round(1 / value)})`;
}
