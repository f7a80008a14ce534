import { isEngineError } from '@ptce/engine';
import { type ErrorBody, isApiError } from '../errors.ts';
import { StoreError } from '../store/types.ts';
import { type ValidationIssue, validationError } from './validationMessage.ts';

export interface ErrorReply {
  status: number;
  body: ErrorBody;
  /** True for a server fault (5xx): logged with its stack, never shown to the caller. */
  fault: boolean;
}

const STORE_STATUS: Record<StoreError['code'], number> = {
  NOT_FOUND: 404,
  VERSION_CONFLICT: 409,
  SHORTLIST_PUBLISHED: 409,
};

/** Fastify's own request errors, in plain French. */
const FASTIFY_ERRORS: Record<string, { code: string; message: (limit?: number) => string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    code: 'INVALID_JSON',
    message: () =>
      "Le corps de la requête n'est pas du JSON valide : vérifiez guillemets, virgules et accolades.",
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'EMPTY_BODY',
    message: () =>
      'Corps de requête vide alors que Content-Type est application/json : envoyez un objet JSON.',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: () => 'Type de contenu non pris en charge : envoyez du JSON (Content-Type: application/json).',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: 'BODY_TOO_LARGE',
    message: (limit) =>
      `Corps de requête trop gros${limit ? ` (limite : ${limit} octets)` : ''} : allégez-le (PTCE_BODY_LIMIT côté serveur).`,
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'INVALID_CONTENT_LENGTH',
    message: () => "L'en-tête Content-Length ne correspond pas au corps envoyé.",
  },
  FST_ERR_BAD_URL: { code: 'BAD_URL', message: () => "L'adresse demandée est mal encodée." },
};

interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message?: string;
  validation?: ValidationIssue[];
  validationContext?: string;
}

/**
 * Turns anything thrown while handling a request into the `{ code, message, details }` reply.
 * Caller errors keep their status and say what to fix; anything unexpected becomes a bare 500
 * (`INTERNAL_ERROR`, no message from the exception, no stack), logged by the caller.
 */
export function errorReply(error: unknown, bodyLimit?: number): ErrorReply {
  if (isApiError(error)) {
    return {
      status: error.statusCode,
      body: { code: error.code, message: error.message, details: error.details },
      fault: error.statusCode >= 500 && error.statusCode !== 503 && error.statusCode !== 501,
    };
  }
  if (isEngineError(error)) {
    return {
      status: 400,
      body: { code: error.code, message: error.message, details: error.details },
      fault: false,
    };
  }
  if (error instanceof StoreError) {
    return {
      status: STORE_STATUS[error.code],
      body: { code: error.code, message: error.message, details: error.details },
      fault: false,
    };
  }
  const e = (typeof error === 'object' && error !== null ? error : {}) as FastifyLikeError;
  if (Array.isArray(e.validation)) {
    const { message, details } = validationError(e.validationContext ?? 'body', e.validation);
    return { status: 400, body: { code: 'VALIDATION_ERROR', message, details }, fault: false };
  }
  const known = e.code ? FASTIFY_ERRORS[e.code] : undefined;
  if (known) {
    return {
      status: e.statusCode ?? 400,
      body: { code: known.code, message: known.message(bodyLimit), details: {} },
      fault: false,
    };
  }
  if (e.statusCode !== undefined && e.statusCode >= 400 && e.statusCode < 500) {
    return {
      status: e.statusCode,
      body: { code: e.code ?? 'BAD_REQUEST', message: e.message ?? 'Requête refusée.', details: {} },
      fault: false,
    };
  }
  return {
    status: 500,
    body: {
      code: 'INTERNAL_ERROR',
      message:
        "Erreur interne du serveur. Elle est enregistrée dans le journal ; réessayez ou signalez l'identifiant de requête.",
      details: {},
    },
    fault: true,
  };
}
