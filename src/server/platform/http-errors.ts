import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError } from './errors.js';

interface Body {
  error: { code: string; message: string; details?: unknown };
}

const FASTIFY_CODES: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'BODY_TOO_LARGE', message: 'The request body is too large.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'This content type is not accepted here.',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'MALFORMED_JSON', message: 'The request body is not valid JSON.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'MALFORMED_JSON', message: 'The request body is empty.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'BAD_REQUEST', message: 'Invalid Content-Length.' },
  FST_REQ_FILE_TOO_LARGE: { status: 413, code: 'FILE_TOO_LARGE', message: 'The file is too large.' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Send the file as multipart/form-data.',
  },
};

/** Turns every failure into `{ error: { code, message, details? } }`; unknown errors never leak their message. */
export function toErrorBody(err: FastifyError | AppError | Error): { status: number; body: Body } {
  if (err instanceof AppError) {
    return {
      status: err.status,
      body: { error: { code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) } },
    };
  }
  const fe = err as FastifyError;
  if (fe.validation) {
    return {
      status: 400,
      body: {
        error: {
          code: 'VALIDATION_FAILED',
          message: 'Some fields are missing or invalid.',
          details: fe.validation.map((v) => ({
            field: `${fe.validationContext ?? 'body'}${v.instancePath.replaceAll('/', '.')}`,
            rule: v.keyword,
            message: v.message,
            ...(v.keyword === 'additionalProperties' ? { property: (v.params as { additionalProperty?: string }).additionalProperty } : {}),
          })),
        },
      },
    };
  }
  if (err instanceof SyntaxError && (fe.statusCode ?? 400) === 400) {
    return { status: 400, body: { error: { code: 'MALFORMED_JSON', message: 'The request body is not valid JSON.' } } };
  }
  const known = fe.code ? FASTIFY_CODES[fe.code] : undefined;
  if (known) {
    return { status: known.status, body: { error: { code: known.code, message: known.message } } };
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return { status: fe.statusCode, body: { error: { code: 'BAD_REQUEST', message: 'The request could not be processed.' } } };
  }
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'Something went wrong on our side. Try again.' } } };
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const { status, body } = toErrorBody(err);
    if (status >= 500) {
      req.log.error({ err }, 'unhandled error');
    }
    if (err instanceof AppError && err.retryAfter !== undefined) {
      void reply.header('retry-after', String(err.retryAfter));
    }
    return reply.status(status).type('application/json; charset=utf-8').send(body);
  });
}
