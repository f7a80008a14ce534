/**
 * Errors a user can cause (a bad configuration, an unknown variable, weights that sum to 0).
 * `code` is stable: callers (API, command line, UI) switch on it; `message` says, in plain
 * words, what to change. `details` carries the place (indicator id, field, value).
 */
export class EngineError extends Error {
  override readonly name = 'EngineError';
  readonly code: string;
  readonly details: Record<string, unknown>;

  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.code = code;
    this.details = details;
  }
}

export function isEngineError(error: unknown): error is EngineError {
  return error instanceof EngineError;
}
