import {
  checkEnum,
  checkKeys,
  checkNumber,
  checkString,
  checkStringList,
  type IssueList,
  IssueList as Issues,
  isPlainObject,
  typeName,
} from './issues.ts';
import type { Framework } from './types.ts';

const ID = /^[A-Za-z][A-Za-z0-9_]*$/;
/** A variable reference: `POP`, `POP@prev`, `EMPLT@2013`; a term may start with `-`. */
const VARIABLE = /^[A-Za-z][A-Za-z0-9_]*(@[A-Za-z0-9]+)?$/;
const TERM = /^-?[A-Za-z][A-Za-z0-9_]*(@[A-Za-z0-9]+)?$/;

const FRAMEWORK_KEYS = [
  'id',
  'version',
  'label',
  'labelEn',
  'description',
  'pillars',
  'dimensions',
  'indicators',
  'withheldStems',
] as const;
const DIMENSION_KEYS = ['id', 'label', 'labelEn', 'pillar', 'weight', 'description'] as const;
const INDICATOR_KEYS = [
  'id',
  'label',
  'labelEn',
  'dimension',
  'direction',
  'weight',
  'unit',
  'formula',
  'rationale',
  'rationaleEn',
  'goalposts',
] as const;
const FORMULA_KEYS: Record<string, readonly string[]> = {
  ratio: ['kind', 'numerator', 'denominator', 'scale'],
  change: ['kind', 'current', 'previous', 'scale'],
  shannon: ['kind', 'counts', 'evenness', 'scale'],
  weightedMean: ['kind', 'variable', 'weight'],
  variable: ['kind', 'variable', 'scale'],
};

/**
 * Checks that a value is a well-formed {@link Framework} (the default PTCE framework, a user's
 * edited copy, a framework saved in a scenario) and returns it typed. Every problem is located
 * (`indicators[3].weight : -1 doit être ≥ 0`) and all are reported at once.
 *
 * Structural only: whether the variables exist is checked against a vintage when scoring
 * (`UNKNOWN_VARIABLE`).
 *
 * Complexity: O(size of the framework).
 *
 * @throws {EngineError} `INVALID_FRAMEWORK` with `details.issues: { path, message, messageEn }[]`.
 * @example
 * validateFramework(defaultFramework).indicators.length // 19
 * validateFramework({ ...defaultFramework, indicators: [] }) // throws INVALID_FRAMEWORK "indicators : ..."
 */
export function validateFramework(value: unknown, path = ''): Framework {
  const issues = new Issues();
  collectFrameworkIssues(issues, value, path);
  issues.throwIfAny('INVALID_FRAMEWORK', 'Cadre d’indicateurs');
  return value as Framework;
}

/** Same checks, collected into a caller's list (used by the score configuration validator). */
export function collectFrameworkIssues(issues: IssueList, value: unknown, path: string): void {
  const at = (key: string) => (path === '' ? key : `${path}.${key}`);
  if (!isPlainObject(value)) {
    issues.add(path || '(racine)', `doit être un objet, pas ${typeName(value)}`, 'must be an object');
    return;
  }
  checkKeys(issues, path, value, FRAMEWORK_KEYS);
  checkString(issues, at('id'), value.id);
  checkString(issues, at('version'), value.version);
  checkString(issues, at('label'), value.label);
  checkString(issues, at('labelEn'), value.labelEn);
  if (value.description !== undefined) checkString(issues, at('description'), value.description);
  if (value.withheldStems !== undefined) {
    if (!Array.isArray(value.withheldStems)) {
      issues.add(at('withheldStems'), 'doit être une liste de radicaux', 'must be an array of stems');
    } else {
      checkStringList(issues, at('withheldStems'), value.withheldStems, ID);
    }
  }
  if (!isPlainObject(value.pillars)) {
    issues.add(at('pillars'), 'doit être { need, potential }', 'must be { need, potential }');
  } else {
    checkKeys(issues, at('pillars'), value.pillars, ['need', 'potential']);
    const okNeed = checkNumber(issues, `${at('pillars')}.need`, value.pillars.need, { min: 0 });
    const okPot = checkNumber(issues, `${at('pillars')}.potential`, value.pillars.potential, { min: 0 });
    if (okNeed && okPot && value.pillars.need === 0 && value.pillars.potential === 0) {
      issues.add(
        at('pillars'),
        'les poids des besoins et du potentiel sont tous deux nuls ; donnez un poids > 0 à au moins un',
        'need and potential weights are both zero; give at least one a weight > 0',
      );
    }
  }

  const dimensionIds = new Set<string>();
  if (!Array.isArray(value.dimensions) || value.dimensions.length === 0) {
    issues.add(at('dimensions'), 'doit être une liste non vide de dimensions', 'must be a non-empty array');
  } else {
    let anyWeight = false;
    value.dimensions.forEach((d, i) => {
      const p = `${at('dimensions')}[${i}]`;
      if (!isPlainObject(d)) {
        issues.add(p, 'doit être un objet', 'must be an object');
        return;
      }
      checkKeys(issues, p, d, DIMENSION_KEYS);
      if (checkString(issues, `${p}.id`, d.id, ID)) {
        if (dimensionIds.has(d.id))
          issues.add(`${p}.id`, `« ${d.id} » est en double`, `"${d.id}" is duplicated`);
        dimensionIds.add(d.id);
      }
      checkString(issues, `${p}.label`, d.label);
      checkString(issues, `${p}.labelEn`, d.labelEn);
      checkEnum(issues, `${p}.pillar`, d.pillar, ['need', 'potential']);
      if (checkNumber(issues, `${p}.weight`, d.weight, { min: 0 }) && d.weight > 0) anyWeight = true;
      if (d.description !== undefined) checkString(issues, `${p}.description`, d.description);
    });
    if (!anyWeight && dimensionIds.size > 0) {
      issues.add(
        at('dimensions'),
        'tous les poids de dimension sont nuls ; donnez un poids > 0 à au moins une dimension',
        'all dimension weights are zero; give at least one dimension a weight > 0',
      );
    }
  }

  if (!Array.isArray(value.indicators) || value.indicators.length === 0) {
    issues.add(at('indicators'), 'doit être une liste non vide d’indicateurs', 'must be a non-empty array');
    return;
  }
  const indicatorIds = new Set<string>();
  value.indicators.forEach((ind, i) => {
    const p = `${at('indicators')}[${i}]`;
    const id = collectIndicatorIssues(issues, ind, p, dimensionIds);
    if (id !== undefined) {
      if (indicatorIds.has(id)) issues.add(`${p}.id`, `« ${id} » est en double`, `"${id}" is duplicated`);
      indicatorIds.add(id);
    }
  });
}

/**
 * Checks one indicator definition (of a framework, or added by a configuration). Returns its id
 * when the id itself is valid. `dimensionIds` empty = do not check the dimension.
 */
export function collectIndicatorIssues(
  issues: IssueList,
  ind: unknown,
  p: string,
  dimensionIds: ReadonlySet<string>,
): string | undefined {
  if (!isPlainObject(ind)) {
    issues.add(p, 'doit être un objet', 'must be an object');
    return undefined;
  }
  checkKeys(issues, p, ind, INDICATOR_KEYS);
  const idOk = checkString(issues, `${p}.id`, ind.id, ID);
  checkString(issues, `${p}.label`, ind.label);
  checkString(issues, `${p}.labelEn`, ind.labelEn);
  if (checkString(issues, `${p}.dimension`, ind.dimension) && dimensionIds.size > 0) {
    if (!dimensionIds.has(ind.dimension)) {
      issues.add(
        `${p}.dimension`,
        `dimension « ${ind.dimension} » inconnue ; dimensions : ${[...dimensionIds].join(', ')}`,
        `unknown dimension "${ind.dimension}"; dimensions: ${[...dimensionIds].join(', ')}`,
      );
    }
  }
  if (ind.direction !== 1 && ind.direction !== -1) {
    issues.add(
      `${p}.direction`,
      `${JSON.stringify(ind.direction)} doit valoir 1 (plus = mieux) ou -1 (moins = mieux)`,
      `${JSON.stringify(ind.direction)} must be 1 (higher is better) or -1 (lower is better)`,
    );
  }
  checkNumber(issues, `${p}.weight`, ind.weight, { min: 0 });
  checkString(issues, `${p}.unit`, ind.unit);
  checkString(issues, `${p}.rationale`, ind.rationale);
  if (ind.rationaleEn !== undefined) checkString(issues, `${p}.rationaleEn`, ind.rationaleEn);
  if (ind.goalposts !== undefined) checkGoalposts(issues, `${p}.goalposts`, ind.goalposts);
  checkFormula(issues, `${p}.formula`, ind.formula);
  return idOk ? (ind.id as string) : undefined;
}

/** `[lower, upper]`, finite, lower < upper. */
export function checkGoalposts(issues: IssueList, path: string, value: unknown): void {
  if (!Array.isArray(value) || value.length !== 2) {
    issues.add(path, 'doit être [borne basse, borne haute]', 'must be [lower, upper]');
    return;
  }
  const ok0 = checkNumber(issues, `${path}[0]`, value[0]);
  const ok1 = checkNumber(issues, `${path}[1]`, value[1]);
  if (ok0 && ok1 && !(value[0] < value[1])) {
    issues.add(
      path,
      `la borne basse ${value[0]} doit être < la borne haute ${value[1]}`,
      `lower ${value[0]} must be < upper ${value[1]}`,
    );
  }
}

function checkTerms(issues: IssueList, path: string, value: unknown, min: number): void {
  if (!Array.isArray(value) || value.length < min) {
    issues.add(
      path,
      `doit être une liste d’au moins ${min} variable(s) (ex. ["POP"], ["NAIS", "-DECE"])`,
      `must be an array of at least ${min} variable reference(s) (e.g. ["POP"], ["NAIS", "-DECE"])`,
    );
    return;
  }
  checkStringList(issues, path, value, TERM);
}

function checkFormula(issues: IssueList, path: string, f: unknown): void {
  if (!isPlainObject(f)) {
    issues.add(path, 'doit être un objet { kind, ... }', 'must be an object { kind, ... }');
    return;
  }
  if (!checkEnum(issues, `${path}.kind`, f.kind, ['ratio', 'change', 'shannon', 'weightedMean', 'variable']))
    return;
  checkKeys(issues, path, f, FORMULA_KEYS[f.kind] ?? []);
  if (f.scale !== undefined && checkNumber(issues, `${path}.scale`, f.scale) && f.scale === 0) {
    issues.add(
      `${path}.scale`,
      'un facteur d’échelle nul annule l’indicateur',
      'a zero scale cancels the indicator',
    );
  }
  switch (f.kind) {
    case 'ratio':
      checkTerms(issues, `${path}.numerator`, f.numerator, 1);
      checkTerms(issues, `${path}.denominator`, f.denominator, 1);
      break;
    case 'change':
      checkString(issues, `${path}.current`, f.current, VARIABLE);
      checkString(issues, `${path}.previous`, f.previous, VARIABLE);
      break;
    case 'shannon':
      checkTerms(issues, `${path}.counts`, f.counts, 2);
      if (Array.isArray(f.counts) && f.counts.some((t) => typeof t === 'string' && t.startsWith('-'))) {
        issues.add(`${path}.counts`, 'des effectifs ne se soustraient pas', 'counts cannot be subtracted');
      }
      if (f.evenness !== undefined && typeof f.evenness !== 'boolean') {
        issues.add(`${path}.evenness`, 'doit valoir true ou false', 'must be true or false');
      }
      break;
    case 'weightedMean':
      checkString(issues, `${path}.variable`, f.variable, VARIABLE);
      if (f.weight !== undefined) checkString(issues, `${path}.weight`, f.weight, VARIABLE);
      break;
    case 'variable':
      checkString(issues, `${path}.variable`, f.variable, VARIABLE);
      break;
  }
}
