// The OpenAPI 3.1 document, generated from the same route declarations and zod schemas that
// validate requests, so the document cannot drift from what the server accepts.
import { z } from 'zod';
import type { RouteDef } from './route.ts';

type JsonSchema = Record<string, unknown>;

export function buildOpenApi(routes: RouteDef[], version: string) {
  const components: Record<string, JsonSchema> = {};
  // Schemas with a meta id become components and are referred to by $ref.
  const toSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
    const raw = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
    const out = JSON.parse(JSON.stringify(raw).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema & {
      $defs?: Record<string, JsonSchema>;
    };
    for (const [id, def] of Object.entries(out.$defs ?? {})) components[id] ??= def;
    delete out.$defs;
    delete out.$schema;
    return out;
  };

  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ['path', r.params],
      ['query', r.query],
    ] as const) {
      if (!schema) continue;
      const js = toSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
      for (const [name, prop] of Object.entries(js.properties ?? {})) {
        const { description, ...rest } = prop;
        parameters.push({
          name,
          in: where,
          required: where === 'path' || (js.required ?? []).includes(name),
          ...(description ? { description } : {}),
          schema: rest,
        });
      }
    }
    const security = r.access === 'public' ? [] : r.access === 'session' ? [{ session: [] }] : [{ bearer: [] }, { session: [] }];
    const responses = Object.fromEntries(
      Object.entries(r.responses).map(([status, resp]) => [
        status,
        {
          description: resp.description,
          ...(resp.schema ? { content: { 'application/json': { schema: toSchema(resp.schema, 'output') } } } : {}),
        },
      ]),
    );
    const error = (description: string) => ({
      description,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    });
    if (r.access !== 'public') {
      responses['401'] ??= error('Not signed in, or the token is not valid');
      responses['403'] ??= error(
        r.access === 'session'
          ? 'Needs a signed-in person (not an API token); a write made with the session cookie must send its X-CSRF-Token'
          : `Needs the ${r.access} role or higher (docs/roles.md); a write made with a session cookie must send its X-CSRF-Token`,
      );
    }
    responses['400'] ??= error(
      'Invalid input: `details.problems` names each field (also a NUL character, a lone UTF-16 surrogate, or nesting too deep)',
    );
    if (r.body || r.rawBody) {
      responses['413'] ??= error(r.rawBody ? `The body is over ${r.rawBody.maxBytes} bytes` : 'The body is over 1 MiB');
      responses['415'] ??= error(
        r.rawBody ? `The body is not ${r.rawBody.mediaType}` : 'The body is not JSON (send Content-Type: application/json)',
      );
    }
    responses['431'] = { description: 'The request headers are too large (answered by the HTTP server, without a body)' };
    (paths[r.path] ??= {})[r.method] = {
      operationId: `${r.method}${r.path
        .replace(/^\/api\/v1/, '')
        .replace(/\{(\w+)\}/g, 'By$1')
        .replace(/[^a-zA-Z0-9]+(.)?/g, (_, ch: string | undefined) => (ch ?? '').toUpperCase())}`,
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      tags: [r.tag],
      'x-kept-role': r.access,
      security,
      ...(parameters.length ? { parameters } : {}),
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(r.body, 'input') } } } } : {}),
      ...(r.rawBody
        ? {
            requestBody: {
              required: true,
              description: `${r.rawBody.description} At most ${r.rawBody.maxBytes} bytes.`,
              content: { [r.rawBody.mediaType]: { schema: { type: 'string', contentMediaType: r.rawBody.mediaType } } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Kept API',
      version,
      description:
        'Kept closes the loop between what customers say and what the company does. Errors always read `{ "error": { "code", "message", "details" } }`.',
      license: { name: 'AGPL-3.0-only', identifier: 'AGPL-3.0-only' },
    },
    servers: [{ url: '/' }],
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name, description: `${name} endpoints` })),
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'An API token made with `kept token create` or POST /api/v1/tokens' },
        session: { type: 'apiKey', in: 'cookie', name: 'kept_session', description: 'Staff session; writes must send X-CSRF-Token' },
      },
    },
  };
}
