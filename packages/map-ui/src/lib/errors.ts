/**
 * Errors a user can cause in the map UI (manual class breaks that are not increasing, a URL
 * that names an unknown level...). `code` is stable so the UI can switch on it; `message` is
 * French, in plain words, and says what to change; `details` says where.
 */
export class UiError extends Error {
  override readonly name = 'UiError';
  readonly code: string;
  readonly details: Record<string, unknown>;

  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.code = code;
    this.details = details;
  }
}
