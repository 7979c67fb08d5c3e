// The one way the staff app talks to Kept's API: JSON in and out, the CSRF token on every
// write, and one place that notices a session has ended so the app can send the person to sign in.
import type { ErrorBody } from '../../../contract/common.ts';

export interface FieldProblem {
  path: (string | number)[];
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  get problems(): FieldProblem[] {
    const problems = (this.details as { problems?: unknown } | undefined)?.problems;
    return Array.isArray(problems) ? (problems as FieldProblem[]) : [];
  }

  /**
   * Problems by field, for showing each under its input: by top-level name (`brand`) and by
   * whole path (`brand.colour`, `questions.0.label.en`), so a form shows each where it fits.
   */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const p of this.problems) {
      const message = p.message.charAt(0).toUpperCase() + p.message.slice(1);
      const field = String(p.path[0] ?? '');
      if (field && !out[field]) out[field] = message;
      const whole = p.path.join('.');
      if (whole && !out[whole]) out[whole] = message;
    }
    return out;
  }
}

let csrfToken: string | undefined;
let sessionEnded: ((err: ApiError) => void) | undefined;

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Called when a request answers 401: the session expired or was signed out elsewhere. */
export function onSessionEnded(handler: (err: ApiError) => void): void {
  sessionEnded = handler;
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  signal?: AbortSignal;
  /** Sign-in and the first session check expect 401 and handle it themselves. */
  expectUnauthenticated?: boolean;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
  }
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'Kept could not be reached. Check your connection and try again.');
  }

  if (res.status === 204) return undefined as T;
  const body: unknown = await res.json().catch(() => undefined);
  if (res.ok) return body as T;

  const error = (body as Partial<ErrorBody> | undefined)?.error;
  const failure = error
    ? new ApiError(res.status, error.code, error.message, error.details)
    : new ApiError(res.status, `http_${res.status}`, `The server answered ${res.status} ${res.statusText}`.trim());
  if (res.status === 401 && !options.expectUnauthenticated) sessionEnded?.(failure);
  throw failure;
}

export const isAbort = (err: unknown) => (err as Error | undefined)?.name === 'AbortError';

export function messageOf(err: unknown): string {
  return err instanceof ApiError ? err.message : 'Something went wrong. Try again.';
}
