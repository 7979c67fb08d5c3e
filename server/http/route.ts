// A route is declared once, with the schemas that validate it; the same declaration mounts it
// on the app and writes its part of the OpenAPI document (openapi.ts).
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { z } from 'zod';
import type { Role } from '../../contract/common.ts';
import { KeptError } from '../domain/core/errors.ts';
import { recordAudit } from '../domain/core/audit.ts';
import { requireRole } from '../domain/core/principal.ts';
import { authenticateSession } from '../domain/core/staff.ts';
import { maxBodyBytes, readBodyBytes, readBodyText, requestHeader } from './body.ts';
import { clientAddress } from './client-address.ts';
import { errorResponse, fieldProblems } from './errors.ts';
import { checkInput, jsonMayHoldBadText } from './input-check.ts';
import type { AppEnv, RequestPrincipal, Services } from './services.ts';

export const sessionCookie = 'kept_session';

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface HandlerInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  principal: RequestPrincipal;
  services: Services;
  c: Context<AppEnv>;
}

export interface RouteDef<P = unknown, Q = unknown, B = unknown> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI-style path: /api/v1/customers/{id} */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  /** The least role that may call it, or 'public' (no credentials), or 'session' (a signed-in person, any role). */
  access: Role | 'public' | 'session';
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /**
   * A body that is not JSON (a raw e-mail): accepted only with this media type and up to
   * `maxBytes` (instead of the API's 1 MiB); the handler gets its bytes as `body` (a Uint8Array).
   */
  rawBody?: { mediaType: string; maxBytes: number; description: string };
  /** Pick the schema for a body by its shape (e.g. one event or a batch); `body` stays the documented union. */
  bodyFor?: (raw: unknown) => { schema: z.ZodType<B>; path: (string | number)[] };
  responses: Record<number, { description: string; schema?: z.ZodType }>;
  /**
   * Every successful write by a person or token (not GET) is recorded in the audit log by mount():
   * who, the route, its path parameters, the status, the client address. 'self': the handler
   * records its own entry (with before and after, in its transaction), so mount() records none.
   */
  audit?: 'self';
  handle(input: HandlerInput<P, Q, B>): Promise<Reply | Response>;
}

export const defineRoute = <P = undefined, Q = undefined, B = undefined>(def: RouteDef<P, Q, B>) =>
  def as RouteDef<unknown, unknown, unknown>;

function parse<T>(schema: z.ZodType<T>, value: unknown, where: string, prefix: (string | number)[] = []): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw new KeptError('invalid_input', `The ${where} is not valid`, { problems: fieldProblems(r.error, prefix) });
}

async function readJson(c: Context): Promise<unknown> {
  const type = requestHeader(c, 'content-type') ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new KeptError('unsupported_media_type', 'Send the body as JSON with Content-Type: application/json');
  }
  const text = await readBodyText(c, maxBodyBytes);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new KeptError('invalid_json', `The body is not valid JSON: ${(err as Error).message}`);
  }
  checkInput(value, 'body', [], { textsChecked: !jsonMayHoldBadText(text) });
  if (c.req.method === 'PATCH' && typeof value === 'object' && value !== null && !Array.isArray(value) && !Object.keys(value).length) {
    throw new KeptError('invalid_input', 'Nothing to change: send at least one field', { problems: [{ path: [], message: 'is empty' }] });
  }
  return value;
}

async function readRaw(c: Context, mediaType: string, maxBytes: number): Promise<Uint8Array> {
  const type = (requestHeader(c, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== mediaType) throw new KeptError('unsupported_media_type', `Send the body with Content-Type: ${mediaType}`);
  return new Uint8Array(await readBodyBytes(c, maxBytes));
}

async function authenticate(c: Context<AppEnv>, s: Services): Promise<RequestPrincipal | undefined> {
  const auth = requestHeader(c, 'authorization');
  if (auth) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    if (!m) throw new KeptError('unauthenticated', 'Use Authorization: Bearer <API token>');
    return s.tokens.authenticate(m[1]!);
  }
  const cookie = requestHeader(c, 'cookie') === undefined ? undefined : getCookie(c, sessionCookie);
  if (cookie) return authenticateSession(s.db, s.clock, s.config.sessionHours, cookie);
  return undefined;
}

/** Writes made with a session cookie must echo its CSRF token (a header no other site can set). */
function checkCsrf(c: Context, p: RequestPrincipal): void {
  if (!p.csrfToken || c.req.method === 'GET' || c.req.method === 'HEAD') return;
  if (requestHeader(c, 'x-csrf-token') !== p.csrfToken) {
    throw new KeptError('forbidden', 'Missing or wrong X-CSRF-Token header for a write made with a session cookie');
  }
}

/** The audit record of a successful write by a person or a token (a sign-in sets its principal as it succeeds). */
async function audit(c: Context<AppEnv>, r: RouteDef, params: unknown, status: number): Promise<void> {
  const principal = c.get('principal');
  if (!principal || status >= 400) return;
  const services = c.get('services');
  const target = params && typeof params === 'object' ? new URLSearchParams(params as Record<string, string>).toString() : '';
  try {
    await recordAudit(
      services.db,
      services.clock.now(),
      principal.workspaceId,
      principal,
      { action: `${r.method.toUpperCase()} ${r.path}`, target: target || null, status },
      { client: clientAddress(c, services.config.trustProxy), requestId: c.get('requestId') },
    );
  } catch (err) {
    // The change is made and cannot be taken back here: say loudly that its record is missing.
    c.get('log').error({ err, action: `${r.method.toUpperCase()} ${r.path}`, target }, 'audit record not written');
  }
}

export function mount(app: Hono<AppEnv>, routes: RouteDef[]): void {
  for (const r of routes) {
    const honoPath = r.path.replace(/\{(\w+)\}/g, ':$1');
    const rawBody = r.rawBody;
    if (rawBody) {
      const onError = (c: Context) => errorResponse(c, new KeptError('payload_too_large', `The body is over ${rawBody.maxBytes} bytes`));
      app.on(r.method.toUpperCase(), honoPath, bodyLimit({ maxSize: rawBody.maxBytes, onError }));
    }
    app.on(r.method.toUpperCase(), honoPath, async (c) => {
      try {
        const services = c.get('services');
        let principal: RequestPrincipal | undefined;
        if (r.access !== 'public') {
          principal = await authenticate(c, services);
          if (!principal) throw new KeptError('unauthenticated', 'Sign in, or send an API token as Authorization: Bearer <token>');
          if (r.access === 'session') {
            if (principal.kind !== 'user') throw new KeptError('forbidden', 'This needs a signed-in person, not an API token');
          } else requireRole(principal, r.access);
          checkCsrf(c, principal);
          c.set('principal', principal);
        }
        const rawParams = c.req.param();
        const rawQuery = Object.fromEntries(new URL(c.req.url).searchParams);
        checkInput(rawParams, 'path');
        checkInput(rawQuery, 'query string');
        const params = r.params ? parse(r.params, rawParams, 'path') : undefined;
        const query = r.query ? parse(r.query, rawQuery, 'query string') : undefined;
        let body: unknown;
        if (rawBody) body = await readRaw(c, rawBody.mediaType, rawBody.maxBytes);
        else if (r.body) {
          const raw = await readJson(c);
          const pick = r.bodyFor?.(raw) ?? { schema: r.body, path: [] };
          body = parse(pick.schema, raw, 'body', pick.path);
        }
        const out = await r.handle({ params, query, body, principal: principal!, services, c });
        if (r.method !== 'get' && r.audit !== 'self') await audit(c, r, params, out.status);
        if (out instanceof Response) return out;
        return c.json(out.body as object, out.status as 200, out.headers);
      } catch (err) {
        return errorResponse(c, err);
      }
    });
  }
}
