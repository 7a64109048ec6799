import { isProblemCode, problemSchema, type FieldIssue, type ProblemCode } from '@docket/domain';
import type { z } from 'zod';

/**
 * The one way the web app talks to the server: same-origin JSON over fetch, the CSRF token on every write, and
 * every failure turned into an ApiError that carries the problem's stable `code` and the fields at fault.
 */

/**
 * The code of an ApiError: one the server answers with (the domain's `ERROR_CODES`), or one of the client's own
 * for a failure that brought no problem+json: no answer at all, an answer of the wrong shape, a cancelled upload,
 * or a bare HTTP status (also for a code this build does not know).
 */
export type ApiErrorCode =
  ProblemCode | 'NETWORK_ERROR' | 'UNEXPECTED_RESPONSE' | 'ABORTED' | `HTTP_${number}`;

/** A failed request: the server's problem+json, or a stand-in for a network or format failure. */
export class ApiError extends Error {
  constructor(
    /** The HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    /** Docket's stable error code, e.g. `VERSION_CONFLICT` or `VALIDATION_FAILED`. */
    readonly code: ApiErrorCode,
    /** A sentence for people. */
    readonly detail: string,
    /** The fields at fault, by path. */
    readonly issues: FieldIssue[] = [],
    /** From a 429's `Retry-After`: how many seconds to wait before trying again, when the server said. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}

export function isApiError(error: unknown, code?: ApiErrorCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

/** A readable sentence for any error a page may catch. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.detail;
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}

let csrfToken: string | null = null;
/**
 * Why a request may be sent again: the session has ended (401), or this page's CSRF token is stale (403
 * `CSRF_FAILED`), as it is once the user has signed in again in another tab.
 */
export type SessionTrouble = 'ended' | 'stale-token';

let onSessionTrouble: ((trouble: SessionTrouble) => Promise<boolean>) | null = null;

/** Keeps the token that login and `GET /api/me` hand out; writes send it as `x-csrf-token`. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/**
 * Called when a request other than a login attempt finds the session ended or its CSRF token stale. The handler
 * resolves to true once the same user holds a session again, and the request is then sent once more, with that
 * session's CSRF token; to false when not, and the request fails as it was answered. Requests that fail together
 * wait for the same answer.
 */
export function setSessionTroubleHandler(
  handler: ((trouble: SessionTrouble) => Promise<boolean>) | null,
): void {
  onSessionTrouble = handler;
}

let onSessionTimes: ((times: { idleExpiresAt: string; expiresAt: string }) => void) | null = null;

/** Hears the session's times that every answer of a live session carries (when it idles out, when it ends). */
export function setSessionTimesListener(
  listener: ((times: { idleExpiresAt: string; expiresAt: string }) => void) | null,
): void {
  onSessionTimes = listener;
}

function heardSessionTimes(header: (name: string) => string | null): void {
  const idleExpiresAt = header('x-session-idle-expires');
  const expiresAt = header('x-session-expires');
  if (idleExpiresAt && expiresAt) onSessionTimes?.({ idleExpiresAt, expiresAt });
}

/** Whether a failed request may be sent again: the session was renewed for the same user. */
async function signedInAgain(error: ApiError, quiet: boolean | undefined): Promise<boolean> {
  if (quiet || !onSessionTrouble) return false;
  if (error.status === 401) return onSessionTrouble('ended');
  if (error.status === 403 && error.code === 'CSRF_FAILED') return onSessionTrouble('stale-token');
  return false;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestOptions<S extends z.ZodType | undefined> {
  body?: unknown;
  /** Parses the response body; omit for answers without one (204). */
  schema?: S;
  /** Skip the session-ended handler (the login form handles its own 401). */
  quietUnauthenticated?: boolean;
}

type Result<S> = S extends z.ZodType ? z.output<S> : undefined;

export async function request<S extends z.ZodType | undefined = undefined>(
  method: Method,
  path: string,
  options: RequestOptions<S> = {},
): Promise<Result<S>> {
  try {
    return await send(method, path, options);
  } catch (error) {
    if (error instanceof ApiError && (await signedInAgain(error, options.quietUnauthenticated))) {
      return send(method, path, options);
    }
    throw error;
  }
}

async function send<S extends z.ZodType | undefined>(
  method: Method,
  path: string,
  options: RequestOptions<S>,
): Promise<Result<S>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(
      0,
      'NETWORK_ERROR',
      'Docket could not reach the server. Check your connection and try again.',
    );
  }

  heardSessionTimes((name) => response.headers.get(name));
  if (!response.ok) throw await problemFrom(response);
  if (!options.schema) return undefined as Result<S>;
  const json: unknown = await response.json().catch(() => undefined);
  const parsed = options.schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError(
      response.status,
      'UNEXPECTED_RESPONSE',
      `The server's answer to ${method} ${path} was not in the expected shape.`,
    );
  }
  return parsed.data as Result<S>;
}

async function problemFrom(response: Response): Promise<ApiError> {
  const json: unknown = await response.json().catch(() => undefined);
  const { headers } = response;
  return problemOf(response.status, headers.get('content-type') ?? '', json, headers.get('retry-after'));
}

/** `Retry-After` in seconds; null when absent or given as a date (Docket always sends seconds). */
export function retryAfterSeconds(header: string | null): number | null {
  return header !== null && /^\d{1,9}$/.test(header.trim()) ? Number(header.trim()) : null;
}

/** The ApiError of a failed answer: its problem+json when it has one, else a sentence for its status. */
function problemOf(status: number, contentType: string, json: unknown, retryAfter: string | null): ApiError {
  const wait = retryAfterSeconds(retryAfter);
  const fallback = new ApiError(status, `HTTP_${status}`, statusSentence(status), [], wait);
  if (!contentType.includes('json')) return fallback;
  const problem = problemSchema.safeParse(json);
  if (!problem.success) return fallback;
  const { code, detail, issues } = problem.data;
  return new ApiError(
    problem.data.status || status,
    isProblemCode(code) ? code : fallback.code,
    detail || fallback.detail,
    issues ?? [],
    wait,
  );
}

export interface Upload<T> {
  /** Settles with the parsed answer, or an ApiError (status 0 for a network failure or an abort). */
  result: Promise<T>;
  abort(): void;
}

/**
 * Sends one file as `multipart/form-data` (field `file`) with the CSRF token, reporting progress as it goes; sent
 * again after the user signs in again, when the session had ended. XMLHttpRequest rather than fetch: only it
 * reports upload progress.
 */
export function uploadFile<S extends z.ZodType>(
  path: string,
  file: File,
  schema: S,
  onProgress: (sent: number, total: number) => void,
): Upload<z.output<S>> {
  let current: XMLHttpRequest | null = null;
  let aborted = false;
  const attempt = () =>
    sendFile(path, file, schema, onProgress, (xhr) => {
      current = xhr;
    });
  const result = (async () => {
    try {
      return await attempt();
    } catch (error) {
      if (aborted || !(error instanceof ApiError) || !(await signedInAgain(error, false))) throw error;
      if (aborted) throw new ApiError(0, 'ABORTED', 'The upload was cancelled.');
      return attempt();
    }
  })();
  return {
    result,
    abort: () => {
      aborted = true;
      current?.abort();
    },
  };
}

function sendFile<S extends z.ZodType>(
  path: string,
  file: File,
  schema: S,
  onProgress: (sent: number, total: number) => void,
  started: (xhr: XMLHttpRequest) => void,
): Promise<z.output<S>> {
  const xhr = new XMLHttpRequest();
  started(xhr);
  return new Promise<z.output<S>>((resolve, reject) => {
    xhr.open('POST', path);
    xhr.responseType = 'text';
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    };
    const networkError = () =>
      reject(
        new ApiError(
          0,
          'NETWORK_ERROR',
          'The upload did not reach the server. Check your connection and try again.',
        ),
      );
    xhr.onerror = networkError;
    xhr.ontimeout = networkError;
    xhr.onabort = () => reject(new ApiError(0, 'ABORTED', 'The upload was cancelled.'));
    xhr.onload = () => {
      heardSessionTimes((name) => xhr.getResponseHeader(name));
      let json: unknown;
      try {
        json = JSON.parse(xhr.responseText);
      } catch {
        json = undefined;
      }
      if (xhr.status < 200 || xhr.status >= 300) {
        const type = xhr.getResponseHeader('content-type') ?? '';
        reject(problemOf(xhr.status, type, json, xhr.getResponseHeader('retry-after')));
        return;
      }
      const parsed = schema.safeParse(json);
      if (parsed.success) resolve(parsed.data as z.output<S>);
      else
        reject(
          new ApiError(
            xhr.status,
            'UNEXPECTED_RESPONSE',
            `The server's answer to the upload was not in the expected shape.`,
          ),
        );
    };
    const body = new FormData();
    body.append('file', file, file.name);
    xhr.send(body);
  });
}

function statusSentence(status: number): string {
  if (status === 401) return 'Your session has ended. Sign in again.';
  if (status === 403) return 'You may not do that.';
  if (status === 404) return 'Not found.';
  if (status === 413) return 'The file is too large.';
  if (status === 415) return 'Docket does not accept this type of file.';
  if (status === 429) return 'Too many attempts. Wait a minute and try again.';
  if (status >= 500) return 'The server ran into a problem. Try again in a moment.';
  return `The request failed (HTTP ${status}).`;
}
