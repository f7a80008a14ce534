import { describe, expect, it } from 'vitest';
import { nextSelection } from './nextSelection.ts';

describe('nextSelection', () => {
  it('nextSelection(current, code, add) selects alone, toggles, and keeps at most 4', () => {
    const current = Object.freeze(['a', 'b']) as readonly string[];
    expect(nextSelection(current, 'c', false)).toEqual(['c']);
    expect(nextSelection(current, 'c', true)).toEqual(['a', 'b', 'c']);
    expect(nextSelection(current, 'a', true)).toEqual(['b']);
    expect(nextSelection(['a', 'b', 'c', 'd'], 'e', true)).toEqual(['b', 'c', 'd', 'e']);
  });
});
