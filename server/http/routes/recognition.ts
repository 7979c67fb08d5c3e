// Learning, the people half: recognition (kudos) and the staff's obsession score.
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/common.ts';
import { improvementSchema } from '../../../contract/learning-review.ts';
import {
  catchInputSchema,
  kudosConfirmSchema,
  kudosListQuerySchema,
  kudosPageSchema,
  kudosSchema,
  obsessionAnswerInputSchema,
  obsessionImprovementInputSchema,
  obsessionQuerySchema,
  obsessionSchema,
  quarterSchema,
  type CatchInput,
  type KudosConfirm,
  type KudosListQuery,
  type ObsessionAnswerInput,
  type ObsessionImprovementInput,
} from '../../../contract/learning-people.ts';
import { answerObsession, improveFromObsession, obsessionReport } from '../../domain/learning/obsession.ts';
import { catchSomeone, confirmKudos, dismissKudos, listKudos } from '../../domain/learning/recognition.ts';
import { defineRoute } from '../route.ts';
import type { Services } from '../services.ts';

const idParams = z.object({ id: z.string() });
const err = (description: string) => ({ description, schema: errorBodySchema });
const deps = (s: Services) => ({
  db: s.db,
  clock: s.clock,
  publicUrl: s.config.publicUrl,
});

export const recognitionRoutes = [
  defineRoute<undefined, KudosListQuery>({
    method: 'get',
    path: '/api/v1/kudos',
    tag: 'Recognition',
    summary: 'The recognition feed: praise that named a person, newest first',
    description:
      'Filter by department (the feed of one team), person or status (pending: a name that fits several people, waiting for a ' +
      'manager to say who was meant). There is no score per person and no ranking of people, on purpose.',
    access: 'agent',
    query: kudosListQuerySchema,
    responses: { 200: { description: 'A page of kudos', schema: kudosPageSchema }, 400: err('Invalid query') },
    handle: async ({ query, principal, services }) => ({ status: 200, body: await listKudos(services.db, principal.workspaceId, query) }),
  }),
  defineRoute<undefined, undefined, CatchInput>({
    method: 'post',
    path: '/api/v1/kudos',
    tag: 'Recognition',
    summary: 'Catch someone doing a great job (managers)',
    description: 'The person and their team lead are told by mail; it shows in their departments’ feeds. Agents get 403 managers_only.',
    access: 'agent',
    body: catchInputSchema,
    responses: {
      201: { description: 'Recognised', schema: kudosSchema },
      400: err('Invalid input, or no such active person'),
      403: err('Not a manager (managers_only)'),
      409: err('Yourself (self_recognition)'),
    },
    handle: async ({ body, principal, services }) => ({ status: 201, body: await catchSomeone(deps(services), principal, body) }),
  }),
  defineRoute<{ id: string }, undefined, KudosConfirm>({
    method: 'post',
    path: '/api/v1/kudos/{id}/confirm',
    tag: 'Recognition',
    summary: 'Say who an ambiguous name meant: that person and their lead are told',
    access: 'manager',
    params: idParams,
    body: kudosConfirmSchema,
    responses: {
      200: { description: 'Sent', schema: kudosSchema },
      400: err('No such active person'),
      404: err('No such kudos'),
      409: err('Not pending (kudos_resolved)'),
    },
    handle: async ({ params, body, principal, services }) => ({
      status: 200,
      body: await confirmKudos(deps(services), principal, params.id, body),
    }),
  }),
  defineRoute<{ id: string }>({
    method: 'post',
    path: '/api/v1/kudos/{id}/dismiss',
    tag: 'Recognition',
    summary: 'Not praise for anyone here: nobody is told',
    access: 'manager',
    params: idParams,
    responses: {
      200: { description: 'Dismissed', schema: kudosSchema },
      404: err('No such kudos'),
      409: err('Not pending (kudos_resolved)'),
    },
    handle: async ({ params, principal, services }) => ({ status: 200, body: await dismissKudos(deps(services), principal, params.id) }),
  }),
  defineRoute<undefined, { quarter?: string }>({
    method: 'get',
    path: '/api/v1/obsession',
    tag: 'Obsession',
    summary: 'The staff’s 0-10 customer-obsession rating for a quarter, beside the customers’ NPS',
    description: 'Anonymous: answers hold no person. Under `minAnswers` answers only n is shown (and no “what has to happen” answers).',
    access: 'agent',
    query: obsessionQuerySchema,
    responses: { 200: { description: 'The quarter', schema: obsessionSchema }, 400: err('Not a quarter') },
    handle: async ({ query, principal, services }) => ({
      status: 200,
      body: await obsessionReport(services.db, services.clock, principal, query.quarter),
    }),
  }),
  defineRoute<undefined, undefined, ObsessionAnswerInput>({
    method: 'post',
    path: '/api/v1/obsession/answers',
    tag: 'Obsession',
    summary: '“From 0 to 10, how would you rate your company when it comes to customer obsession? What has to happen to be a 10?”',
    description: 'Once per person per quarter (409 answered_this_quarter); the answer is stored without the person.',
    access: 'session',
    body: obsessionAnswerInputSchema,
    responses: {
      201: { description: 'Stored', schema: z.object({ quarter: quarterSchema }) },
      400: err('Invalid input'),
      403: err('An API token (people_only)'),
      409: err('Answered this quarter already'),
    },
    handle: async ({ body, principal, services }) => ({
      status: 201,
      body: await answerObsession(services.db, services.clock, principal, body),
    }),
  }),
  defineRoute<{ id: string }, undefined, ObsessionImprovementInput>({
    method: 'post',
    path: '/api/v1/obsession/answers/{id}/improvement',
    tag: 'Obsession',
    summary: 'Turn a “what has to happen to be a 10” answer into an improvement',
    access: 'manager',
    params: idParams,
    body: obsessionImprovementInputSchema,
    responses: {
      201: { description: 'The improvement (planned)', schema: improvementSchema },
      404: err('No such answer (or it has no words)'),
      409: err('It is an improvement already'),
    },
    handle: async ({ params, body, principal, services }) => ({
      status: 201,
      body: await improveFromObsession(services.db, services.clock, principal, params.id, body),
    }),
  }),
];
