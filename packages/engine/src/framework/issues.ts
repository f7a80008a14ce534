import { EngineError } from '../errors.ts';

/** One located problem in a user-supplied document: `indicators[3].weight` and what to change. */
export interface Issue {
  /** Where, as a JavaScript-like path into the document (`methods.normalisation.range[1]`). */
  path: string;
  /** What is wrong and what to do, in French. */
  message: string;
  /** The same in English. */
  messageEn: string;
}

/**
 * Collects located issues while a validator walks a document, then throws them all at once, so
 * that a user fixes a scenario in one pass instead of one error per attempt.
 */
export class IssueList {
  readonly issues: Issue[] = [];

  add(path: string, message: string, messageEn: string): void {
    this.issues.push({ path, message, messageEn });
  }

  /**
   * Throws an {@link EngineError} with the given code when any issue was collected: the message
   * lists the first ones (`path : message`), `details.issues` holds all of them.
   */
  throwIfAny(code: string, what: string): void {
    if (this.issues.length === 0) return;
    const shown = this.issues.slice(0, 8).map((i) => `${i.path} : ${i.message}`);
    const more = this.issues.length > shown.length ? ` (et ${this.issues.length - shown.length} autres)` : '';
    throw new EngineError(code, `${what} invalide — ${shown.join(' ; ')}${more}.`, {
      issues: this.issues,
    });
  }
}

/** The JSON type names used in messages. */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reports keys of `value` that are not in `allowed` (typos in a saved scenario must not pass silently). */
export function checkKeys(
  issues: IssueList,
  path: string,
  value: Record<string, unknown>,
  allowed: readonly string[],
): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      issues.add(
        path === '' ? key : `${path}.${key}`,
        `champ inconnu ; champs acceptés : ${allowed.join(', ')}`,
        `unknown field; accepted fields: ${allowed.join(', ')}`,
      );
    }
  }
}

/** A finite number ≥ min (weights, thresholds). Returns whether it passed. */
export function checkNumber(
  issues: IssueList,
  path: string,
  value: unknown,
  { min, max, integer = false }: { min?: number; max?: number; integer?: boolean } = {},
): value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    issues.add(
      path,
      `${String(value)} doit être un nombre fini`,
      `${String(value)} must be a finite number (got ${typeName(value)})`,
    );
    return false;
  }
  if (integer && !Number.isInteger(value)) {
    issues.add(path, `${value} doit être un entier`, `${value} must be an integer`);
    return false;
  }
  if (min !== undefined && value < min) {
    issues.add(path, `${value} doit être ≥ ${min}`, `${value} must be ≥ ${min}`);
    return false;
  }
  if (max !== undefined && value > max) {
    issues.add(path, `${value} doit être ≤ ${max}`, `${value} must be ≤ ${max}`);
    return false;
  }
  return true;
}

export function checkString(
  issues: IssueList,
  path: string,
  value: unknown,
  pattern?: RegExp,
): value is string {
  if (typeof value !== 'string' || value.length === 0) {
    issues.add(path, 'doit être un texte non vide', `must be a non-empty string (got ${typeName(value)})`);
    return false;
  }
  if (pattern && !pattern.test(value)) {
    issues.add(
      path,
      `« ${value} » n'a pas la forme attendue ${pattern}`,
      `"${value}" does not match ${pattern}`,
    );
    return false;
  }
  return true;
}

export function checkEnum<T extends string>(
  issues: IssueList,
  path: string,
  value: unknown,
  allowed: readonly T[],
): value is T {
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    issues.add(
      path,
      `${JSON.stringify(value)} n'est pas une valeur permise ; valeurs : ${allowed.join(', ')}`,
      `${JSON.stringify(value)} is not allowed; values: ${allowed.join(', ')}`,
    );
    return false;
  }
  return true;
}

/** Every element of `list` is a non-empty string matching `pattern`; located as `path[i]`. */
export function checkStringList(issues: IssueList, path: string, list: unknown[], pattern?: RegExp): void {
  for (const [i, value] of list.entries()) checkString(issues, `${path}[${i}]`, value, pattern);
}
