// The audit log (admins) and the retention settings, whose changes it records.
import { z } from 'zod';
import {
  auditExportQuerySchema,
  auditPageSchema,
  auditQuerySchema,
  type AuditExportQuery,
  type AuditQuery,
} from '../../../contract/audit.ts';
import { errorBodySchema } from '../../../contract/common.ts';
import { retentionSettingsSchema, type RetentionSettingsBody } from '../../../contract/privacy.ts';
import { exportAudit, readAudit } from '../../domain/core/audit.ts';
import { changeRetention, getRetention } from '../../domain/core/retention.ts';
import { clientAddress } from '../client-address.ts';
import { defineRoute } from '../route.ts';

const invalid = { description: 'Invalid filter or cursor', schema: errorBodySchema };

export const auditRoutes = [
  defineRoute<undefined, AuditQuery>({
    method: 'get',
    path: '/api/v1/audit',
    tag: 'Audit',
    summary: 'The audit log: who changed what, when and from where, newest first',
    description:
      'Every successful write by a person or an API token, sign-ins, erasures and retention runs. Append-only: the ' +
      'database refuses to change or delete an entry. Keyset-paginated; filters combine.',
    access: 'admin',
    query: auditQuerySchema,
    responses: { 200: { description: 'A page of entries', schema: auditPageSchema }, 400: invalid },
    handle: async ({ query, principal, services }) => ({ status: 200, body: await readAudit(services.db, principal.workspaceId, query) }),
  }),
  defineRoute<undefined, AuditExportQuery>({
    method: 'get',
    path: '/api/v1/audit/export',
    tag: 'Audit',
    summary: 'The audit log as CSV or JSON lines, newest first',
    description: 'The same filters as the list, without paging: every matching entry in one download.',
    access: 'admin',
    query: auditExportQuerySchema,
    responses: {
      200: { description: '`text/csv` with a header row, or `application/x-ndjson` with one entry per line', schema: z.string() },
      400: invalid,
    },
    handle: async ({ query, principal, services }) => {
      const lines = exportAudit(services.db, principal.workspaceId, query);
      const encoder = new TextEncoder();
      const stream = new ReadableStream<Uint8Array>({
        async pull(ctl) {
          const next = await lines.next();
          if (next.done) ctl.close();
          else ctl.enqueue(encoder.encode(next.value));
        },
      });
      const csv = query.format === 'csv';
      return new Response(stream, {
        headers: {
          'Content-Type': csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
          'Content-Disposition': `attachment; filename="kept-audit.${csv ? 'csv' : 'jsonl'}"`,
        },
      });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/settings/retention',
    tag: 'Audit',
    summary: 'How long old events and mails are kept',
    access: 'admin',
    responses: { 200: { description: 'Settings; null keeps forever', schema: retentionSettingsSchema } },
    handle: async ({ principal, services }) => ({ status: 200, body: await getRetention(services.db, principal.workspaceId) }),
  }),
  defineRoute<undefined, undefined, RetentionSettingsBody>({
    method: 'put',
    path: '/api/v1/settings/retention',
    tag: 'Audit',
    summary: 'Change how long old events and mails are kept',
    description: 'An hourly job deletes older events (except those a webhook still has to deliver) and finished mails.',
    access: 'admin',
    audit: 'self',
    body: retentionSettingsSchema,
    responses: {
      200: { description: 'Changed', schema: retentionSettingsSchema },
      400: { description: 'Invalid', schema: errorBodySchema },
    },
    handle: async ({ body, principal, services, c }) => ({
      status: 200,
      body: await changeRetention(services.db, services.clock.now(), principal.workspaceId, principal, body, {
        client: clientAddress(c, services.config.trustProxy),
        requestId: c.get('requestId'),
      }),
    }),
  }),
];
