/**
 * The selection after a click on `code`: a plain click selects it alone; an added click toggles
 * it in the comparison set, keeping at most 4 (the oldest drops out).
 * @example nextSelection(['a', 'b'], 'c', true) // ['a', 'b', 'c']
 */
export function nextSelection(current: readonly string[], code: string, add: boolean): string[] {
  if (!add) return [code];
  if (current.includes(code)) return current.filter((c) => c !== code);
  return [...current, code].slice(-4);
}
