/** A small typed client for the Tessuto API: JSON in and out, the session cookie, and the CSRF header on writes. */

export interface ApiErrorDetail {
  field?: string;
  rule?: string;
  message?: string;
}

/** Every failed request becomes one of these; the app branches on `code`, never on `message`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Seconds to wait, when the server said so (rate limits and sign-in delays). */
  get retryAfter(): number | null {
    const d = this.details;
    if (d && typeof d === 'object' && 'retryAfter' in d && typeof d.retryAfter === 'number') {
      return d.retryAfter;
    }
    return null;
  }

  /** True when the server rejected the given field (e.g. a malformed link token). */
  rejectedField(name: string): boolean {
    return this.code === 'VALIDATION_FAILED' && this.fieldErrors.some((f) => f.field?.split('.').pop() === name);
  }

  /** Validation problems as a list, when the server sent them. */
  get fieldErrors(): ApiErrorDetail[] {
    return Array.isArray(this.details) ? (this.details as ApiErrorDetail[]) : [];
  }
}

let csrfToken: string | null = null;

/** Remember the token from /api/me or from a sign-in style response. */
export function setCsrfToken(token: string | null | undefined): void {
  csrfToken = token ?? null;
}

type Listener = (err: ApiError) => void;
const listeners = new Set<Listener>();

/** Lets the app react to session-wide errors (signed out, two-step set-up required) in one place. */
export function onApiError(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | boolean | null | undefined>;
  signal?: AbortSignal;
  /** Do not tell global listeners about failures (e.g. the /api/me probe). */
  quiet?: boolean;
  /** Extra request headers, e.g. an `Idempotency-Key` that makes a retried write happen once. */
  headers?: Record<string, string>;
}

function buildUrl(path: string, query?: RequestOptions['query']): string {
  if (!query) {
    return path;
  }
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') {
      params.set(k, String(v));
    }
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

async function toError(res: Response): Promise<ApiError> {
  let code = res.status === 0 ? 'NETWORK' : `HTTP_${res.status}`;
  let message = res.statusText || 'Request failed';
  let details: unknown;
  try {
    const data = (await res.json()) as { error?: { code?: unknown; message?: unknown; details?: unknown } };
    if (data.error && typeof data.error.code === 'string') {
      code = data.error.code;
      message = typeof data.error.message === 'string' ? data.error.message : message;
      details = data.error.details;
    }
  } catch {
    // not JSON: keep the HTTP status as the code
  }
  return new ApiError(res.status, code, message, details);
}

/** Send one request; resolves with the parsed JSON body, or throws an ApiError. */
export async function request<T>(method: Method, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { ...opts.headers, accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) {
    body = opts.body;
  } else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (method !== 'GET' && csrfToken) {
    headers['x-csrf-token'] = csrfToken;
  }
  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), { method, headers, body, credentials: 'same-origin', signal: opts.signal });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') {
      throw err;
    }
    throw new ApiError(0, 'NETWORK', 'The server could not be reached.');
  }
  if (!res.ok) {
    const err = await toError(res);
    if (!opts.quiet) {
      for (const l of listeners) {
        l(err);
      }
    }
    throw err;
  }
  if (res.status === 204) {
    return undefined as T;
  }
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, opts?: RequestOptions) => request<T>('GET', path, opts),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('POST', path, { ...opts, body }),
  put: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('PUT', path, { ...opts, body }),
  patch: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('PATCH', path, { ...opts, body }),
  delete: <T>(path: string, opts?: RequestOptions) => request<T>('DELETE', path, opts),
};

/** A page of a cursor-paginated list. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Sends a file as multipart with XMLHttpRequest, which (unlike fetch) reports upload progress. Fields
 * go before the file: the server reads them as the file starts streaming. Errors are ApiErrors, as
 * with `request`.
 */
export function uploadWithProgress<T>(
  url: string,
  file: File,
  fields: Record<string, string>,
  csrf: string | null,
  onProgress: (fraction: number) => void,
): { promise: Promise<T>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<T>((resolve, reject) => {
    xhr.open('POST', url);
    xhr.responseType = 'text';
    xhr.setRequestHeader('accept', 'application/json');
    if (csrf) {
      xhr.setRequestHeader('x-csrf-token', csrf);
    }
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) {
        onProgress(e.loaded / e.total);
      }
    };
    xhr.onload = () => {
      let data: unknown;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        data = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300 && data) {
        resolve(data as T);
        return;
      }
      const e = (data as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
      reject(new ApiError(xhr.status, e?.code ?? `HTTP_${xhr.status}`, e?.message ?? 'Upload failed', e?.details));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'The server could not be reached.'));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) {
      form.append(name, value);
    }
    form.append('file', file);
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}
