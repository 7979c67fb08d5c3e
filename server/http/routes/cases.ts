// Recovery cases: report an oops by hand, the inbox, one case.
import { z } from 'zod';
import {
  caseListQuerySchema,
  casePageSchema,
  caseDetailSchema,
  manualOopsInputSchema,
  reportResultSchema,
  type CaseListQuery,
  type ManualOopsInput,
} from '../../../contract/cases.ts';
import { errorBodySchema } from '../../../contract/common.ts';
import { getCase, listCases } from '../../domain/recovery/case-list.ts';
import { reportOops } from '../../domain/recovery/cases.ts';
import { resolveCustomerId } from '../../domain/core/customers.ts';
import { getCaseDetail } from '../../domain/recovery/case-detail.ts';
import { defineRoute } from '../route.ts';
import { signalDeps } from '../services.ts';

const error = (description: string) => ({ description, schema: errorBodySchema });

export const caseRoutes = [
  defineRoute<undefined, undefined, ManualOopsInput>({
    method: 'post',
    path: '/api/v1/cases',
    tag: 'Cases',
    summary: 'Report an oops by hand: opens a case, or joins the customer’s open one',
    description:
      'The case’s clock starts at `occurredAt` (the incident time), not now. Owner: the one named, else the next member of ' +
      'the department in turn. A customer has at most one open case; a second oops joins it (200, `joined: true`).',
    access: 'agent',
    body: manualOopsInputSchema,
    responses: {
      201: { description: 'A case was opened', schema: reportResultSchema },
      200: { description: 'The oops joined the customer’s open case', schema: reportResultSchema },
      400: error('Invalid report, or a customerId, departmentId or ownerId that is not of this workspace: `details.problems` names it'),
    },
    handle: async ({ body, principal, services }) => {
      const customerId = await resolveCustomerId(services.db, services.clock, principal.workspaceId, body);
      const r = await reportOops({ db: services.db, clock: services.clock }, principal.workspaceId, {
        kind: 'manual',
        customerId,
        occurredAt: body.occurredAt ? new Date(body.occurredAt) : services.clock.now(),
        summary: body.summary,
        customerTitle: body.customerTitle ?? null,
        severity: body.severity,
        departmentId: body.departmentId ?? null,
        ownerId: body.ownerId ?? null,
        ref: principal.userId ? { userId: principal.userId } : { tokenId: principal.tokenId },
        byUser: principal.userId ?? null,
      });
      return {
        status: r.joined ? 200 : 201,
        body: { case: await getCase(services.db, principal.workspaceId, r.caseId), joined: r.joined },
      };
    },
  }),
  defineRoute<undefined, CaseListQuery>({
    method: 'get',
    path: '/api/v1/cases',
    tag: 'Cases',
    summary: 'The inbox: open cases by time left (closed ones newest first)',
    access: 'agent',
    query: caseListQuerySchema,
    responses: { 200: { description: 'A page of cases', schema: casePageSchema } },
    handle: async ({ query, principal, services }) => ({
      status: 200,
      body: await listCases(services.db, principal.workspaceId, principal.userId, query),
    }),
  }),
  defineRoute<{ id: string }>({
    method: 'get',
    path: '/api/v1/cases/{id}',
    tag: 'Cases',
    summary: 'One case: its oopses and clock, the playbook, the messages with the customer, the assignments',
    access: 'agent',
    params: z.object({ id: z.string() }),
    responses: { 200: { description: 'The case', schema: caseDetailSchema }, 404: error('No such case') },
    handle: async ({ params, principal, services }) => ({
      status: 200,
      body: await getCaseDetail(signalDeps(services), principal.workspaceId, params.id),
    }),
  }),
];
