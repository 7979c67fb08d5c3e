// The recovery report and the cases behind each of its figures.
import {
  recoveryCasesQuerySchema,
  recoveryReportCasePageSchema,
  recoveryReportQuerySchema,
  recoveryReportSchema,
  type RecoveryCasesQuery,
  type RecoveryReportQuery,
} from '../../../contract/recovery-report.ts';
import { recoveryTrendQuerySchema, recoveryTrendSchema, type RecoveryTrendQuery } from '../../../contract/recovery-trend.ts';
import { errorBodySchema } from '../../../contract/common.ts';
import { listRecoveryCases, recoveryReport } from '../../domain/recovery/recovery-report.ts';
import { recoveryTrend } from '../../domain/recovery/recovery-trend.ts';
import { defineRoute, type RouteDef } from '../route.ts';

const period =
  'Cases belong to the period by the moment of their oops: `from` is included, `to` is not; a date is midnight UTC. ' +
  'What is pending, open or late is judged now (`asOf`).';

export const recoveryReportRoutes: RouteDef[] = [
  defineRoute<undefined, RecoveryReportQuery>({
    method: 'get',
    path: '/api/v1/reports/recovery',
    tag: 'Reports',
    summary: 'How fast and how well cases are recovered, what restitution costs, and the service-recovery paradox',
    description:
      `${period} Counts are always given. A share, a mean, a median or a score from fewer than 30 is \`enoughData: false\` with ` +
      'no value. Every figure carries `drillDown`: the GET /api/v1/reports/recovery/cases query that lists exactly its cases.',
    access: 'manager',
    query: recoveryReportQuerySchema,
    responses: {
      200: { description: 'The report', schema: recoveryReportSchema },
      400: { description: 'A bad period, origin or department', schema: errorBodySchema },
      403: { description: 'Managers and admins only', schema: errorBodySchema },
    },
    handle: async ({ query, principal, services }) => ({
      status: 200,
      body: await recoveryReport(services.db, services.clock, principal.workspaceId, query),
    }),
  }),
  defineRoute<undefined, RecoveryTrendQuery>({
    method: 'get',
    path: '/api/v1/reports/recovery/trend',
    tag: 'Reports',
    summary: 'The recovery report over time: cases, the share recovered within 24 hours, breaches and restitution costs per period',
    description:
      `${period} One point per UTC day, ISO week or month, periods without a case included with zeros. The share within 24 hours ` +
      'from fewer than 30 cases with a known outcome is `enoughData: false` with no value: a gap with its n, not a point. ' +
      'Each point carries the drill-downs of its own period.',
    access: 'manager',
    query: recoveryTrendQuerySchema,
    responses: {
      200: { description: 'The points', schema: recoveryTrendSchema },
      400: { description: 'A bad period, interval, origin or department', schema: errorBodySchema },
      403: { description: 'Managers and admins only', schema: errorBodySchema },
    },
    handle: async ({ query, principal, services }) => ({
      status: 200,
      body: await recoveryTrend(services.db, services.clock, principal.workspaceId, query),
    }),
  }),
  defineRoute<undefined, RecoveryCasesQuery>({
    method: 'get',
    path: '/api/v1/reports/recovery/cases',
    tag: 'Reports',
    summary: 'The cases behind a figure of the recovery report, newest oops first',
    description: `${period} Keyset-paginated: pass \`nextCursor\` as \`cursor\`.`,
    access: 'manager',
    query: recoveryCasesQuerySchema,
    responses: {
      200: { description: 'A page of cases', schema: recoveryReportCasePageSchema },
      400: { description: 'A bad bucket, period or filter', schema: errorBodySchema },
      403: { description: 'Managers and admins only', schema: errorBodySchema },
    },
    handle: async ({ query, principal, services }) => ({
      status: 200,
      body: await listRecoveryCases(services.db, services.clock, principal.workspaceId, query),
    }),
  }),
];
