/** The one error type the server throws on purpose; the error handler turns it into the JSON error shape. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** Seconds before retrying makes sense; sent as Retry-After. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

export const badRequest = (code: string, message: string, details?: unknown) => new AppError(400, code, message, details);
export const unauthorized = (code = 'UNAUTHENTICATED', message = 'Sign in to continue.') => new AppError(401, code, message);
export const forbidden = (code = 'FORBIDDEN', message = 'You are not allowed to do this.') => new AppError(403, code, message);
/** What a user may not see answers 404 so that its existence is not revealed. */
export const notFound = (what: string) => new AppError(404, 'NOT_FOUND', `This ${what} does not exist or you cannot see it.`);
export const conflict = (code: string, message: string, details?: unknown) => new AppError(409, code, message, details);
export const gone = (code: string, message: string) => new AppError(410, code, message);
export const tooMany = (retryAfter: number, code = 'RATE_LIMITED', message = 'Too many attempts. Try again later.') =>
  new AppError(429, code, message, { retryAfter }, retryAfter);
export const unprocessable = (code: string, message: string, details?: unknown) => new AppError(422, code, message, details);

/** PostgreSQL SQLSTATE of a driver error, if it is one. */
export function pgCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const code = err.code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

export const isUniqueViolation = (err: unknown) => pgCode(err) === '23505';
