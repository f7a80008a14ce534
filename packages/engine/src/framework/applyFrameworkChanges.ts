import { EngineError } from '../errors.ts';
import { cloneJson } from './cloneJson.ts';
import type { Framework, FrameworkChanges } from './types.ts';
import { validateFramework } from './validateFramework.ts';

/**
 * Applies a configuration's edits to a framework and returns a new, validated framework (the
 * input is not touched): removals first, then per-indicator and per-dimension overrides, pillar
 * weights, and finally added indicators.
 *
 * Complexity: O(indicators + changes).
 *
 * @throws {EngineError} `UNKNOWN_INDICATOR` (a change or a removal names no indicator of the
 *   framework), `UNKNOWN_DIMENSION`, `DUPLICATE_INDICATOR` (an added id already exists),
 *   `INVALID_FRAMEWORK` (the edited framework is not valid, e.g. every dimension weight is 0).
 * @example
 * applyFrameworkChanges(defaultFramework, { remove: ['des_density'], dimensions: { ess: { weight: 2 } } })
 */
export function applyFrameworkChanges(
  framework: Framework,
  changes: FrameworkChanges | undefined,
): Framework {
  const out = copyFramework(framework);
  if (!changes) return out;
  const known = () => out.indicators.map((i) => i.id).join(', ');
  const dimensionIds = new Set(out.dimensions.map((d) => d.id));

  for (const id of changes.remove ?? []) {
    const at = out.indicators.findIndex((i) => i.id === id);
    if (at < 0) {
      throw new EngineError(
        'UNKNOWN_INDICATOR',
        `changes.remove : l’indicateur « ${id} » n’existe pas dans le cadre ; indicateurs : ${known()}.`,
        { path: 'changes.remove', indicator: id },
      );
    }
    out.indicators.splice(at, 1);
  }
  for (const [id, change] of Object.entries(changes.indicators ?? {})) {
    const at = out.indicators.findIndex((i) => i.id === id);
    if (at < 0) {
      throw new EngineError(
        'UNKNOWN_INDICATOR',
        `changes.indicators.${id} : indicateur inconnu (ou retiré) ; indicateurs : ${known()}.`,
        { path: `changes.indicators.${id}`, indicator: id },
      );
    }
    if (change.dimension !== undefined && !dimensionIds.has(change.dimension)) {
      throw new EngineError(
        'UNKNOWN_DIMENSION',
        `changes.indicators.${id}.dimension : dimension « ${change.dimension} » inconnue ; dimensions : ${[...dimensionIds].join(', ')}.`,
        { path: `changes.indicators.${id}.dimension`, dimension: change.dimension },
      );
    }
    const ind = own(out.indicators, at);
    if (change.weight !== undefined) ind.weight = change.weight;
    if (change.direction !== undefined) ind.direction = change.direction;
    if (change.dimension !== undefined) ind.dimension = change.dimension;
  }
  for (const [id, change] of Object.entries(changes.dimensions ?? {})) {
    const at = out.dimensions.findIndex((d) => d.id === id);
    if (at < 0) {
      throw new EngineError(
        'UNKNOWN_DIMENSION',
        `changes.dimensions.${id} : dimension inconnue ; dimensions : ${[...dimensionIds].join(', ')}.`,
        { path: `changes.dimensions.${id}`, dimension: id },
      );
    }
    if (change.weight !== undefined) own(out.dimensions, at).weight = change.weight;
  }
  if (changes.pillars?.need !== undefined) out.pillars.need = changes.pillars.need;
  if (changes.pillars?.potential !== undefined) out.pillars.potential = changes.pillars.potential;
  for (const [k, ind] of (changes.add ?? []).entries()) {
    if (out.indicators.some((i) => i.id === ind.id)) {
      throw new EngineError(
        'DUPLICATE_INDICATOR',
        `changes.add[${k}].id : l’indicateur « ${ind.id} » existe déjà ; choisissez un autre identifiant ou modifiez-le par changes.indicators.`,
        { path: `changes.add[${k}].id`, indicator: ind.id },
      );
    }
    out.indicators.push(cloneJson(ind));
  }
  return validateFramework(out);
}

/**
 * A copy of a framework that the changes can edit. A frozen framework (the default one) cannot
 * change, so its frozen dimensions and indicators are shared, not copied: an edit copies the one
 * it touches first ({@link own}). Anything else is copied deeply, so that the result never
 * changes with the caller's object. Sharing keeps a scoring from copying the whole framework, and
 * lets the result hash print the shared parts once (`canonicalJson` keeps the text of deeply
 * frozen values).
 */
function copyFramework(framework: Framework): Framework {
  if (!Object.isFrozen(framework)) return cloneJson(framework);
  const share = <T>(x: T): T => (Object.isFrozen(x) ? x : cloneJson(x));
  const out: Framework = {
    ...framework,
    pillars: { ...framework.pillars },
    dimensions: framework.dimensions.map(share),
    indicators: framework.indicators.map(share),
  };
  if (framework.withheldStems) out.withheldStems = [...framework.withheldStems];
  return out;
}

/** `list[at]`, first copied (shallow: only its own fields are edited) when it is a shared frozen one. */
function own<T extends object>(list: T[], at: number): T {
  const item = list[at]!;
  if (!Object.isFrozen(item)) return item;
  const copy = { ...item };
  list[at] = copy;
  return copy;
}
