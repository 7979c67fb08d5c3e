// The recovery report and the cases behind each of its figures.
import {
  recoveryCasesQuerySchema,
  recoveryReportCasePageSchema,
  recoveryReportQuerySchema,
  recoveryReportSchema,
  type RecoveryCasesQuery,
  type RecoveryReportQuery,
} from '../../../contract/recovery-report.ts';
import { errorBodySchema } from '../../../contract/common.ts';
import { listRecoveryCases, recoveryReport } from '../../domain/recovery/recovery-report.ts';
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
