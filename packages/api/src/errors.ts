/**
 * Errors a caller can cause, answered as `{ code, message, details }` with a 4xx status.
 * `code` is stable (clients switch on it); `message` is French and says what to fix;
 * `details` says where (field, value, allowed values).
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly statusCode: number;
  readonly code: string;
  readonly details: Record<string, unknown>;

  constructor(statusCode: number, code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.statusCode = statusCode;
    this.code = code;
    this.details = details;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** The JSON body of every error response. */
export interface ErrorBody {
  code: string;
  message: string;
  details: Record<string, unknown>;
}
