/**
 * Thresholds typed the French way: `;` between values, decimal comma, spaces in thousands.
 * @example parseThresholds('1 000,5 ; 2000') // [1000.5, 2000]
 */
export function parseThresholds(text: string): number[] {
  return text
    .split(';')
    .map((x) => x.trim())
    .filter((x) => x !== '')
    .map((x) => Number(x.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.')));
}
