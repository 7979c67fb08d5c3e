// Learning, internal customers: hand-offs between departments, their ratings and the figures per pair.
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/common.ts';
import {
  handOffInputSchema,
  handOffListQuerySchema,
  handOffPageSchema,
  handOffRatingSchema,
  handOffSchema,
  internalSatisfactionSchema,
  type HandOffInput,
  type HandOffListQuery,
  type HandOffRating,
} from '../../../contract/learning-people.ts';
import { periodQuerySchema, type PeriodQuery } from '../../../contract/learning-review.ts';
import { internalSatisfaction } from '../../domain/learning/hand-off-figures.ts';
import { getHandOff, listHandOffs, rateHandOff, requestHandOff } from '../../domain/learning/hand-offs.ts';
import { defineRoute } from '../route.ts';

const idParams = z.object({ id: z.string() });
const err = (description: string) => ({ description, schema: errorBodySchema });

export const handOffRoutes = [
  defineRoute<undefined, HandOffListQuery>({
    method: 'get',
    path: '/api/v1/hand-offs',
    tag: 'Internal customers',
    summary: 'Hand-offs between departments, newest first (unrated ones wait for the requesting department)',
    access: 'agent',
    query: handOffListQuerySchema,
    responses: { 200: { description: 'A page of hand-offs', schema: handOffPageSchema }, 400: err('Invalid query') },
    handle: async ({ query, principal, services }) => ({
      status: 200,
      body: await listHandOffs(services.db, principal.workspaceId, query),
    }),
  }),
  defineRoute<undefined, undefined, HandOffInput>({
    method: 'post',
    path: '/api/v1/hand-offs',
    tag: 'Internal customers',
    summary: 'Record work one department asked of another',
    description: 'Cases reassigned to another department and closed tasks record their hand-offs themselves.',
    access: 'agent',
    body: handOffInputSchema,
    responses: { 201: { description: 'Recorded', schema: handOffSchema }, 400: err('Unknown departments, or the same one twice') },
    handle: async ({ body, principal, services }) => ({
      status: 201,
      body: await requestHandOff({ db: services.db, clock: services.clock }, principal, body),
    }),
  }),
  defineRoute<undefined, PeriodQuery>({
    method: 'get',
    path: '/api/v1/hand-offs/satisfaction',
    tag: 'Internal customers',
    summary: 'Internal satisfaction per pair of departments: n, share of 4-5 with its interval, mean, trend and comments',
    access: 'agent',
    query: periodQuerySchema,
    responses: { 200: { description: 'The pairs', schema: internalSatisfactionSchema }, 400: err('The period is not valid') },
    handle: async ({ query, principal, services }) => ({
      status: 200,
      body: await internalSatisfaction(services.db, principal.workspaceId, query),
    }),
  }),
  defineRoute<{ id: string }>({
    method: 'get',
    path: '/api/v1/hand-offs/{id}',
    tag: 'Internal customers',
    summary: 'One hand-off',
    access: 'agent',
    params: idParams,
    responses: { 200: { description: 'The hand-off', schema: handOffSchema }, 404: err('No such hand-off') },
    handle: async ({ params, principal, services }) => ({
      status: 200,
      body: await getHandOff(services.db, principal.workspaceId, params.id),
    }),
  }),
  defineRoute<{ id: string }, undefined, HandOffRating>({
    method: 'post',
    path: '/api/v1/hand-offs/{id}/rating',
    tag: 'Internal customers',
    summary: 'The requesting department rates the hand-off, 1-5 with a comment, once',
    description: 'A rating of 2 or less is mailed to the giving department’s managers.',
    access: 'agent',
    params: idParams,
    body: handOffRatingSchema,
    responses: {
      200: { description: 'Rated', schema: handOffSchema },
      400: err('A rating outside 1-5'),
      403: err('Not of the requesting department (not_requesting_department)'),
      404: err('No such hand-off (also one of another workspace)'),
      409: err('Rated already (hand_off_rated)'),
    },
    handle: async ({ params, body, principal, services }) => ({
      status: 200,
      body: await rateHandOff({ db: services.db, clock: services.clock, publicUrl: services.config.publicUrl }, principal, params.id, body),
    }),
  }),
];
