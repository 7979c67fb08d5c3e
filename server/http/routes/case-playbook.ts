// The playbook of a case: take or skip its steps, write to the customer, reassign, close.
import { z } from 'zod';
import { caseDetailSchema, caseUpdateSchema, closeCaseInputSchema, type CaseUpdate, type CloseCaseInput } from '../../../contract/cases.ts';
import { errorBodySchema } from '../../../contract/common.ts';
import {
  caseMessageInputSchema,
  caseMessageSchema,
  playbookStepSchema,
  skipInputSchema,
  stepInputSchema,
  stepNameSchema,
  type CaseMessageInput,
  type SkipInput,
  type StepInput,
  type StepName,
} from '../../../contract/playbook.ts';
import { closeCase, skipStep, takeStep, updateCase } from '../../domain/recovery/case-actions.ts';
import { getCaseDetail } from '../../domain/recovery/case-detail.ts';
import { caseMessages, writeToCustomer } from '../../domain/recovery/case-messages.ts';
import { defineRoute } from '../route.ts';
import { signalDeps } from '../services.ts';

const error = (description: string) => ({ description, schema: errorBodySchema });
const idParams = z.object({ id: z.string() });
const detail = { description: 'The case with its playbook', schema: caseDetailSchema };
const notFoundCase = error('No such case');

export const casePlaybookRoutes = [
  defineRoute<{ id: string }, undefined, CaseUpdate>({
    method: 'patch',
    path: '/api/v1/cases/{id}',
    tag: 'Cases',
    summary: 'Reassign a case, change its severity, link it to a cause, or set the title the customer reads',
    description:
      'A change of owner or department is recorded in the case’s assignments. A closed case takes only `causeId` and `customerTitle`.',
    access: 'agent',
    params: idParams,
    body: caseUpdateSchema,
    responses: { 200: detail, 400: error('Invalid change'), 404: notFoundCase, 409: error('The case is closed') },
    handle: async ({ params, body, principal, services }) => {
      await updateCase(signalDeps(services), principal, params.id, body);
      return { status: 200, body: await getCaseDetail(signalDeps(services), principal.workspaceId, params.id) };
    },
  }),
  defineRoute<{ id: string }>({
    method: 'get',
    path: '/api/v1/cases/{id}/steps',
    tag: 'Cases',
    summary: 'The playbook: the seven steps in order, each done, skipped or pending',
    access: 'agent',
    params: idParams,
    responses: { 200: { description: 'The steps', schema: z.object({ items: z.array(playbookStepSchema) }) }, 404: notFoundCase },
    handle: async ({ params, principal, services }) => ({
      status: 200,
      body: { items: (await getCaseDetail(signalDeps(services), principal.workspaceId, params.id)).playbook },
    }),
  }),
  defineRoute<{ id: string }, undefined, StepInput>({
    method: 'post',
    path: '/api/v1/cases/{id}/steps',
    tag: 'Cases',
    summary: 'Take the next step of the playbook',
    description:
      'Steps go in order: acknowledge, apologise, investigate, fix, ask, restitution, follow_up; each once. A step whose earlier ' +
      'steps are neither done nor skipped is refused with 409 and `details.missing`. The acknowledge (with a message) and apologise ' +
      'steps write to the customer by e-mail; an apology that does not own the mistake ("we apologise for any inconvenience") is ' +
      'refused with 400. Once acknowledge, apologise and fix are done or skipped the case is recovered and its clock stops.',
    access: 'agent',
    params: idParams,
    body: stepInputSchema,
    responses: {
      201: detail,
      400: error('Invalid step input, or an apology that does not own the mistake'),
      404: notFoundCase,
      409: error('Out of order, taken already, or the case is closed'),
    },
    handle: async ({ params, body, principal, services }) => {
      await takeStep(signalDeps(services), principal, params.id, body);
      return { status: 201, body: await getCaseDetail(signalDeps(services), principal.workspaceId, params.id) };
    },
  }),
  defineRoute<{ id: string; step: StepName }, undefined, SkipInput>({
    method: 'post',
    path: '/api/v1/cases/{id}/steps/{step}/skip',
    tag: 'Cases',
    summary: 'Skip a step, with the reason it does not apply',
    access: 'agent',
    params: z.object({ id: z.string(), step: stepNameSchema }),
    body: skipInputSchema,
    responses: { 200: detail, 400: error('No reason, or no such step'), 404: notFoundCase, 409: error('Out of order or taken already') },
    handle: async ({ params, body, principal, services }) => {
      await skipStep(signalDeps(services), principal, params.id, params.step, body);
      return { status: 200, body: await getCaseDetail(signalDeps(services), principal.workspaceId, params.id) };
    },
  }),
  defineRoute<{ id: string }, undefined, CloseCaseInput>({
    method: 'post',
    path: '/api/v1/cases/{id}/close',
    tag: 'Cases',
    summary: 'Close a case',
    description: 'Refused with 409 and `details.missing` while a step the workspace requires is neither done nor skipped.',
    access: 'agent',
    params: idParams,
    body: closeCaseInputSchema,
    responses: { 200: detail, 404: notFoundCase, 409: error('Required steps missing, or closed already') },
    handle: async ({ params, body, principal, services }) => {
      await closeCase(signalDeps(services), principal, params.id, body.note);
      return { status: 200, body: await getCaseDetail(signalDeps(services), principal.workspaceId, params.id) };
    },
  }),
  defineRoute<{ id: string }>({
    method: 'get',
    path: '/api/v1/cases/{id}/messages',
    tag: 'Cases',
    summary: 'Messages with the customer, oldest first',
    access: 'agent',
    params: idParams,
    responses: { 200: { description: 'The thread', schema: z.object({ items: z.array(caseMessageSchema) }) }, 404: notFoundCase },
    handle: async ({ params, principal, services }) => ({
      status: 200,
      body: { items: await caseMessages(services.db, principal.workspaceId, params.id) },
    }),
  }),
  defineRoute<{ id: string }, undefined, CaseMessageInput>({
    method: 'post',
    path: '/api/v1/cases/{id}/messages',
    tag: 'Cases',
    summary: 'Write to the customer about the case',
    description: 'Sent by e-mail with the link to the customer’s own page for the case, where they can reply.',
    access: 'agent',
    params: idParams,
    body: caseMessageInputSchema,
    responses: { 201: { description: 'Sent', schema: caseMessageSchema }, 400: error('Empty or too long'), 404: notFoundCase },
    handle: async ({ params, body, principal, services }) => ({
      status: 201,
      body: await writeToCustomer(signalDeps(services), principal.workspaceId, params.id, body.body, principal.userId ?? null),
    }),
  }),
];
