import { cloneJson } from './cloneJson.ts';
import data from './ptce-default.json' with { type: 'json' };
import type { Framework } from './types.ts';
import { validateFramework } from './validateFramework.ts';

/**
 * The default PTCE framework (`ptce-default.json`): four dimensions — economic fabric and ESS
 * (potential), precarity and desertification risk (need) — with 4 to 5 indicators each, computed
 * from the INSEE comparateur and the ESS layer of a vintage. Validated when the module loads, so a
 * broken edit of the JSON fails at once. Frozen: copy it (`cloneJson`) to edit.
 */
export const defaultFramework: Framework = deepFreeze(validateFramework(cloneJson(data)));

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
