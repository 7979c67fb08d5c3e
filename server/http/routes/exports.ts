// Exports: GET /api/v1/exports/{kind} for every list, with the list's own filters plus the
// file's options. The body streams a page at a time, only as fast as the client reads it; a
// client that goes away cancels the stream and no further page is queried.
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/common.ts';
import { exportOptionKeys, exportOptionsSchema, type ExportOptions } from '../../../contract/exports.ts';
import { auditExport, contentTypeOf, fileNameOf, openExport, type ExportKind } from '../../domain/measurement/export.ts';
import { exportKindList } from '../../domain/measurement/export-kinds.ts';
import { clientAddress } from '../client-address.ts';
import { defineRoute } from '../route.ts';

/** The query: the options, and everything else is the list's filter (already parsed by its schema). */
function split(query: Record<string, unknown>): { options: ExportOptions; filter: Record<string, unknown> } {
  const options: Record<string, unknown> = {};
  const filter: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(query)) ((exportOptionKeys as string[]).includes(k) ? options : filter)[k] = v;
  return { options: options as ExportOptions, filter };
}

const exportRoute = (kind: ExportKind) =>
  defineRoute<undefined, Record<string, unknown>>({
    method: 'get',
    path: `/api/v1/exports/${kind.name}`,
    tag: 'Exports',
    summary: `Export ${kind.name} as CSV or JSON Lines`,
    description:
      `Every ${kind.name.replace(/s$/, '')} the list's filters match, in the list's order, ` +
      'in one streamed download (no paging). CSV cells a spreadsheet would read as a formula (starting with =, +, -, @, ' +
      'a tab or CR) are written as text with a leading apostrophe. Each export is recorded in the audit log. See docs/export.md.',
    access: 'manager',
    query: kind.filter.extend(exportOptionsSchema.shape) as unknown as z.ZodType<Record<string, unknown>>,
    responses: {
      200: { description: '`text/csv` with a header row, or `application/x-ndjson` with one object per line', schema: z.string() },
      400: { description: 'A filter or option that does not parse, named in `details.problems`', schema: errorBodySchema },
    },
    handle: async ({ query, principal, services, c }) => {
      const { options, filter } = split(query);
      const request = { kind, filter, options };
      const scope = { db: services.db, workspaceId: principal.workspaceId, userId: principal.userId };
      const chunks = await openExport(scope, request);
      await auditExport(services.db, services.clock.now(), principal.workspaceId, principal, request, {
        client: clientAddress(c, services.config.trustProxy),
        requestId: c.get('requestId'),
      });
      const encoder = new TextEncoder();
      const log = c.get('log');
      const stream = new ReadableStream<Uint8Array>(
        {
          async pull(ctl) {
            try {
              for (;;) {
                const next = await chunks.next();
                if (next.done) return ctl.close();
                if (next.value) return ctl.enqueue(encoder.encode(next.value));
              }
            } catch (err) {
              // The status is sent already: the download ends short, and the log says why.
              log.error({ err, kind: kind.name }, 'export failed while streaming');
              ctl.error(err);
            }
          },
          async cancel() {
            await chunks.return(undefined);
          },
        },
        { highWaterMark: 1 },
      );
      return new Response(stream, {
        headers: {
          'Content-Type': contentTypeOf(options.format),
          'Content-Disposition': `attachment; filename="${fileNameOf(kind.name, options.format, services.clock.now())}"`,
          'Cache-Control': 'no-store',
          'X-Content-Type-Options': 'nosniff',
        },
      });
    },
  });

export const exportRoutes = exportKindList.map(exportRoute);
