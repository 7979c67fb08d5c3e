// Learning: the friction ranking of the rules for a period, and the items behind each figure.
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/common.ts';
import {
  drillQuerySchema,
  drillSchema,
  periodQuerySchema,
  rankingSchema,
  type DrillQuery,
  type PeriodQuery,
} from '../../../contract/learning-review.ts';
import { frictionItems, frictionRanking } from '../../domain/learning/ranking.ts';
import { defineRoute } from '../route.ts';

const err = (description: string) => ({ description, schema: errorBodySchema });

export const rankingRoutes = [
  defineRoute<undefined, PeriodQuery>({
    method: 'get',
    path: '/api/v1/rules/ranking',
    tag: 'Rules',
    summary: 'The friction ranking: the rules that cause the most friction in a period, worst first',
    description:
      'Per rule: complaints, tagged cases and answers (by when they happened), exceptions (by when they were recorded), ' +
      'customers affected, cost (exceptions that are not pending plus the restitution recorded on the tagged cases) and the ' +
      'same figures for the previous period of the same length; trend is the change in friction. Rules without friction in ' +
      'either period are left out.',
    access: 'agent',
    query: periodQuerySchema,
    responses: { 200: { description: 'The ranking', schema: rankingSchema }, 400: err('The period is not valid') },
    handle: async ({ query, principal, services }) => ({
      status: 200,
      body: await frictionRanking(services.db, principal.workspaceId, query),
    }),
  }),
  defineRoute<{ id: string }, DrillQuery>({
    method: 'get',
    path: '/api/v1/rules/{id}/items',
    tag: 'Rules',
    summary: 'The items behind one figure of a rule’s ranking row',
    access: 'agent',
    params: z.object({ id: z.string() }),
    query: drillQuerySchema,
    responses: { 200: { description: 'The items', schema: drillSchema }, 400: err('Invalid query'), 404: err('No such rule') },
    handle: async ({ params, query, principal, services }) => ({
      status: 200,
      body: await frictionItems(services.db, principal.workspaceId, params.id, query),
    }),
  }),
];
