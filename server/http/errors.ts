// Turning any thrown value into the one error shape: { error: { code, message, details } }.
// Known errors keep their message; unknown ones are logged with their cause and answered
// with a plain 500, never a stack trace.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { KeptError, type ErrorCode, type FieldProblem } from '../domain/core/errors.ts';

export const httpStatusOf: Record<ErrorCode, ContentfulStatusCode> = {
  invalid_input: 400,
  invalid_json: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};

export function fieldProblems(err: z.ZodError, prefix: (string | number)[] = []): FieldProblem[] {
  return err.issues.map((i) => ({
    path: [...prefix, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
    message: i.code === 'unrecognized_keys' ? `unknown field(s): ${i.keys.join(', ')}` : i.message,
  }));
}

export function errorResponse(c: Context, err: unknown): Response {
  if (err instanceof KeptError) {
    const headers: Record<string, string> = {};
    if (err.code === 'rate_limited') {
      const retry = (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      if (retry) headers['Retry-After'] = String(retry);
    }
    return c.json(
      { error: { code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) } },
      httpStatusOf[err.code],
      headers,
    );
  }
  c.get('log')?.error({ err }, 'unhandled error');
  return c.json({ error: { code: 'internal', message: 'Something went wrong on our side; it has been logged' } }, 500);
}
