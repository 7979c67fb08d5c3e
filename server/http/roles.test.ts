// docs/roles.md shows the role matrix the routes enforce, and the OpenAPI document gives every
// operation that needs credentials its 403.
import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { buildOpenApi } from './openapi.ts';
import { roleMatrix } from './roles.ts';
import { apiRoutes } from './routes/index.ts';

const start = '<!-- role matrix: generated from the routes; `KEPT_WRITE_DOCS=1 npx vitest run server/http/roles.test.ts` -->';
const end = '<!-- end of role matrix -->';

describe('the role matrix', () => {
  it('docs/roles.md lists every operation with the least role the route enforces', async () => {
    const doc = await readFile('docs/roles.md', 'utf8');
    const table = `${start}\n\n${roleMatrix(apiRoutes())}\n\n${end}`;
    if (process.env.KEPT_WRITE_DOCS) {
      await writeFile('docs/roles.md', doc.slice(0, doc.indexOf(start)) + table + doc.slice(doc.indexOf(end) + end.length));
    } else expect(doc).toContain(table);
  });

  it('an import of answers, a release of a held message and the webhooks need the roles the matrix says', () => {
    const access = Object.fromEntries(apiRoutes().map((r) => [`${r.method.toUpperCase()} ${r.path}`, r.access]));
    expect(access['POST /api/v1/responses']).toBe('manager');
    expect(access['POST /api/v1/messages/{id}/release']).toBe('manager');
    expect(access['POST /api/v1/messages/{id}/cancel']).toBe('agent');
    expect(access['POST /api/v1/webhooks']).toBe('admin');
  });

  it('every operation that needs credentials documents 403', () => {
    const doc = buildOpenApi(apiRoutes(), '0') as { paths: Record<string, Record<string, { responses: object; 'x-kept-role': string }>> };
    const missing = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).flatMap(([m, op]) => (op['x-kept-role'] !== 'public' && !('403' in op.responses) ? [`${m} ${path}`] : [])),
    );
    expect(missing).toEqual([]);
  });
});
