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
} from '../framework/issues.ts';
import {
  checkGoalposts,
  collectFrameworkIssues,
  collectIndicatorIssues,
} from '../framework/validateFramework.ts';
import type { ScoreConfig } from './types.ts';

const CONFIG_KEYS = ['level', 'groups', 'framework', 'changes', 'methods', 'filters', 'explain'] as const;
const METHOD_KEYS: Record<string, readonly string[]> = {
  screening: ['minCoverage'],
  imputation: ['method', 'groupLevel'],
  outliers: ['method', 'skewness', 'kurtosis', 'maxWinsorised'],
  normalisation: ['method', 'range', 'goalposts'],
  weighting: ['method', 'ahp', 'maxConsistencyRatio', 'onInconsistent'],
  aggregation: ['method', 'reading', 'needPotential'],
};
const MEANS = ['arithmetic', 'geometric', 'harmonic'] as const;

/**
 * Checks that a value is a well-formed {@link ScoreConfig} (the body of `POST .../score`, a saved
 * scenario, a command-line configuration file) and returns it typed. Structural checks only, all
 * located (`methods.normalisation.range[1] : ...`) and reported together; what depends on the
 * vintage (levels, variables, communes) is checked by `resolveScoreConfig`.
 *
 * Rejects unknown fields, so that a typo (`wieght`) does not silently fall back to a default.
 *
 * Complexity: O(size of the configuration).
 *
 * @throws {EngineError} `INVALID_CONFIG` with `details.issues: { path, message, messageEn }[]`.
 * @example
 * validateScoreConfig({ level: 'epci', changes: { dimensions: { ess: { weight: 2 } } } }) // ok
 * validateScoreConfig({ changes: { indicators: { prec_unemployment: { weight: -1 } } } })
 * // throws INVALID_CONFIG "changes.indicators.prec_unemployment.weight : -1 doit être ≥ 0"
 */
export function validateScoreConfig(value: unknown): ScoreConfig {
  const issues = new Issues();
  if (!isPlainObject(value)) {
    issues.add(
      '(racine)',
      `la configuration doit être un objet, pas ${typeName(value)}`,
      'must be an object',
    );
    issues.throwIfAny('INVALID_CONFIG', 'Configuration');
    return value as ScoreConfig;
  }
  checkKeys(issues, '', value, CONFIG_KEYS);
  if (value.level !== undefined) checkString(issues, 'level', value.level, /^[A-Za-z0-9_]+$/);
  if (value.groups !== undefined) checkGroups(issues, value.groups);
  if (value.framework !== undefined) collectFrameworkIssues(issues, value.framework, 'framework');
  if (value.changes !== undefined) checkChanges(issues, value.changes);
  if (value.methods !== undefined) checkMethods(issues, value.methods);
  if (value.filters !== undefined) checkFilters(issues, value.filters);
  if (value.explain !== undefined) {
    if (!isPlainObject(value.explain)) issues.add('explain', 'doit être un objet', 'must be an object');
    else {
      checkKeys(issues, 'explain', value.explain, ['strengths', 'detail', 'territories']);
      if (value.explain.strengths !== undefined) {
        checkNumber(issues, 'explain.strengths', value.explain.strengths, { min: 0, max: 20, integer: true });
      }
      if (value.explain.detail !== undefined)
        checkEnum(issues, 'explain.detail', value.explain.detail, ['full', 'summary', 'ranking']);
      if (value.explain.territories !== undefined) {
        if (!Array.isArray(value.explain.territories)) {
          issues.add('explain.territories', 'doit être une liste de codes', 'must be an array of codes');
        } else checkStringList(issues, 'explain.territories', value.explain.territories);
      }
    }
  }
  issues.throwIfAny('INVALID_CONFIG', 'Configuration');
  return value as ScoreConfig;
}

function checkGroups(issues: IssueList, groups: unknown): void {
  if (!Array.isArray(groups)) {
    issues.add('groups', 'doit être une liste de groupes { id, name, members }', 'must be an array');
    return;
  }
  const ids = new Set<string>();
  groups.forEach((g, i) => {
    const p = `groups[${i}]`;
    if (!isPlainObject(g)) {
      issues.add(p, 'doit être un objet { id, name, members }', 'must be an object');
      return;
    }
    checkKeys(issues, p, g, ['id', 'name', 'members']);
    if (checkString(issues, `${p}.id`, g.id)) {
      if (ids.has(g.id)) issues.add(`${p}.id`, `« ${g.id} » est en double`, `"${g.id}" is duplicated`);
      ids.add(g.id);
    }
    checkString(issues, `${p}.name`, g.name);
    if (!Array.isArray(g.members) || g.members.length === 0) {
      issues.add(
        `${p}.members`,
        'doit être une liste non vide de codes commune',
        'must be a non-empty array',
      );
    } else {
      checkStringList(issues, `${p}.members`, g.members, /^[0-9AB]{5}$/);
    }
  });
}

function checkChanges(issues: IssueList, changes: unknown): void {
  if (!isPlainObject(changes)) {
    issues.add('changes', 'doit être un objet', 'must be an object');
    return;
  }
  checkKeys(issues, 'changes', changes, ['indicators', 'dimensions', 'pillars', 'add', 'remove']);
  if (changes.indicators !== undefined) {
    if (!isPlainObject(changes.indicators))
      issues.add('changes.indicators', 'doit être un objet', 'must be an object');
    else {
      for (const [id, c] of Object.entries(changes.indicators)) {
        const p = `changes.indicators.${id}`;
        if (!isPlainObject(c)) {
          issues.add(p, 'doit être un objet { weight?, direction?, dimension? }', 'must be an object');
          continue;
        }
        checkKeys(issues, p, c, ['weight', 'direction', 'dimension']);
        if (c.weight !== undefined) checkNumber(issues, `${p}.weight`, c.weight, { min: 0 });
        if (c.direction !== undefined && c.direction !== 1 && c.direction !== -1) {
          issues.add(`${p}.direction`, 'doit valoir 1 ou -1', 'must be 1 or -1');
        }
        if (c.dimension !== undefined) checkString(issues, `${p}.dimension`, c.dimension);
      }
    }
  }
  if (changes.dimensions !== undefined) {
    if (!isPlainObject(changes.dimensions))
      issues.add('changes.dimensions', 'doit être un objet', 'must be an object');
    else {
      for (const [id, c] of Object.entries(changes.dimensions)) {
        const p = `changes.dimensions.${id}`;
        if (!isPlainObject(c)) {
          issues.add(p, 'doit être un objet { weight }', 'must be an object { weight }');
          continue;
        }
        checkKeys(issues, p, c, ['weight']);
        if (c.weight !== undefined) checkNumber(issues, `${p}.weight`, c.weight, { min: 0 });
      }
    }
  }
  if (changes.pillars !== undefined) {
    if (!isPlainObject(changes.pillars))
      issues.add('changes.pillars', 'doit être un objet', 'must be an object');
    else {
      checkKeys(issues, 'changes.pillars', changes.pillars, ['need', 'potential']);
      for (const k of ['need', 'potential'] as const) {
        if (changes.pillars[k] !== undefined)
          checkNumber(issues, `changes.pillars.${k}`, changes.pillars[k], { min: 0 });
      }
    }
  }
  if (changes.add !== undefined) {
    if (!Array.isArray(changes.add))
      issues.add('changes.add', 'doit être une liste d’indicateurs', 'must be an array');
    else {
      for (const [i, ind] of changes.add.entries())
        collectIndicatorIssues(issues, ind, `changes.add[${i}]`, new Set());
    }
  }
  if (changes.remove !== undefined) {
    if (!Array.isArray(changes.remove))
      issues.add('changes.remove', 'doit être une liste d’identifiants', 'must be an array');
    else checkStringList(issues, 'changes.remove', changes.remove);
  }
}

function checkPairwise(issues: IssueList, p: string, value: unknown): void {
  if (!isPlainObject(value)) {
    issues.add(p, 'doit être { ids, matrix }', 'must be { ids, matrix }');
    return;
  }
  checkKeys(issues, p, value, ['ids', 'matrix']);
  const ids = value.ids;
  if (!Array.isArray(ids) || ids.length < 2) {
    issues.add(`${p}.ids`, 'doit lister au moins 2 éléments comparés', 'must list at least 2 compared items');
    return;
  }
  checkStringList(issues, `${p}.ids`, ids);
  const k = ids.length;
  const matrix = value.matrix;
  if (!Array.isArray(matrix) || matrix.length !== k) {
    issues.add(`${p}.matrix`, `doit être une matrice ${k} × ${k}`, `must be a ${k} × ${k} matrix`);
    return;
  }
  matrix.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== k) {
      issues.add(`${p}.matrix[${i}]`, `doit avoir ${k} valeurs`, `must have ${k} values`);
      return;
    }
    row.forEach((v, j) => {
      if (!checkNumber(issues, `${p}.matrix[${i}][${j}]`, v)) return;
      if (v <= 0) {
        issues.add(
          `${p}.matrix[${i}][${j}]`,
          `${v} doit être > 0 (échelle de Saaty 1/9 à 9)`,
          `${v} must be > 0`,
        );
      } else if (i === j && v !== 1) {
        issues.add(
          `${p}.matrix[${i}][${j}]`,
          `la diagonale doit valoir 1, pas ${v}`,
          `the diagonal must be 1, not ${v}`,
        );
      }
    });
  });
  // Reciprocity a_ji = 1 / a_ij (tolerance for judgements typed as decimals, e.g. 0.333).
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const a = matrix[i]?.[j];
      const b = matrix[j]?.[i];
      if (typeof a === 'number' && typeof b === 'number' && a > 0 && b > 0 && Math.abs(a * b - 1) > 0.01) {
        issues.add(
          `${p}.matrix[${j}][${i}]`,
          `${b} doit être l’inverse de matrix[${i}][${j}] = ${a} (soit ${1 / a})`,
          `${b} must be the reciprocal of matrix[${i}][${j}] = ${a} (i.e. ${1 / a})`,
        );
      }
    }
  }
}

function checkMethods(issues: IssueList, methods: unknown): void {
  if (!isPlainObject(methods)) {
    issues.add('methods', 'doit être un objet', 'must be an object');
    return;
  }
  checkKeys(issues, 'methods', methods, Object.keys(METHOD_KEYS));
  for (const [group, keys] of Object.entries(METHOD_KEYS)) {
    const m: unknown = methods[group];
    if (m === undefined) continue;
    const p = `methods.${group}`;
    if (!isPlainObject(m)) {
      issues.add(p, 'doit être un objet', 'must be an object');
      continue;
    }
    checkKeys(issues, p, m, keys);
    const has = (k: string) => m[k] !== undefined;
    switch (group) {
      case 'screening':
        if (has('minCoverage')) checkNumber(issues, `${p}.minCoverage`, m.minCoverage, { min: 0, max: 1 });
        break;
      case 'imputation':
        if (has('method'))
          checkEnum(issues, `${p}.method`, m.method, ['none', 'groupMean', 'groupMedian', 'neighbours']);
        if (has('groupLevel')) checkString(issues, `${p}.groupLevel`, m.groupLevel);
        break;
      case 'outliers':
        if (has('method')) checkEnum(issues, `${p}.method`, m.method, ['none', 'coinr']);
        if (has('skewness')) checkNumber(issues, `${p}.skewness`, m.skewness, { min: 0 });
        if (has('kurtosis')) checkNumber(issues, `${p}.kurtosis`, m.kurtosis);
        if (has('maxWinsorised'))
          checkNumber(issues, `${p}.maxWinsorised`, m.maxWinsorised, { min: 0, integer: true });
        break;
      case 'normalisation':
        if (has('method')) {
          checkEnum(issues, `${p}.method`, m.method, [
            'minMax',
            'zScore',
            'rank',
            'percentile',
            'distanceToReference',
            'goalposts',
          ]);
        }
        if (has('range')) checkGoalposts(issues, `${p}.range`, m.range);
        if (has('goalposts')) {
          if (!isPlainObject(m.goalposts))
            issues.add(`${p}.goalposts`, 'doit être un objet', 'must be an object');
          else
            for (const [id, g] of Object.entries(m.goalposts))
              checkGoalposts(issues, `${p}.goalposts.${id}`, g);
        }
        break;
      case 'weighting':
        if (has('method')) checkEnum(issues, `${p}.method`, m.method, ['framework', 'equal', 'ahp']);
        if (has('maxConsistencyRatio')) {
          checkNumber(issues, `${p}.maxConsistencyRatio`, m.maxConsistencyRatio, { min: 0 });
        }
        if (has('onInconsistent'))
          checkEnum(issues, `${p}.onInconsistent`, m.onInconsistent, ['reject', 'warn']);
        if (has('ahp')) {
          const ahp = m.ahp;
          if (!isPlainObject(ahp)) issues.add(`${p}.ahp`, 'doit être un objet', 'must be an object');
          else {
            checkKeys(issues, `${p}.ahp`, ahp, ['dimensions', 'indicators']);
            if (ahp.dimensions !== undefined) checkPairwise(issues, `${p}.ahp.dimensions`, ahp.dimensions);
            if (ahp.indicators !== undefined) {
              if (!isPlainObject(ahp.indicators))
                issues.add(`${p}.ahp.indicators`, 'doit être un objet', 'must be an object');
              else {
                for (const [dim, pc] of Object.entries(ahp.indicators)) {
                  checkPairwise(issues, `${p}.ahp.indicators.${dim}`, pc);
                }
              }
            }
          }
        }
        break;
      case 'aggregation':
        if (has('method')) {
          checkEnum(issues, `${p}.method`, m.method, [
            'arithmetic',
            'geometric',
            'harmonic',
            'copeland',
            'topsis',
          ]);
        }
        if (has('reading')) checkEnum(issues, `${p}.reading`, m.reading, ['needPotential', 'composite']);
        if (has('needPotential')) checkEnum(issues, `${p}.needPotential`, m.needPotential, MEANS);
        break;
    }
  }
}

function checkFilters(issues: IssueList, filters: unknown): void {
  if (!isPlainObject(filters)) {
    issues.add('filters', 'doit être un objet', 'must be an object');
    return;
  }
  checkKeys(issues, 'filters', filters, ['minPopulation', 'maxPopulation', 'departements']);
  if (filters.minPopulation !== undefined)
    checkNumber(issues, 'filters.minPopulation', filters.minPopulation, { min: 0 });
  if (filters.maxPopulation !== undefined)
    checkNumber(issues, 'filters.maxPopulation', filters.maxPopulation, { min: 0 });
  if (filters.departements !== undefined) {
    if (!Array.isArray(filters.departements)) {
      issues.add('filters.departements', 'doit être une liste de codes département', 'must be an array');
    } else {
      checkStringList(issues, 'filters.departements', filters.departements, /^[0-9AB]{2,3}$/);
    }
  }
}
