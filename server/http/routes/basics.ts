// Brilliant at the basics: the basic promises (conditions on timeline events) and their rates.
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/common.ts';
import {
  basicInputSchema,
  basicListSchema,
  basicRatesQuerySchema,
  basicRatesSchema,
  basicSchema,
  type BasicInput,
  type BasicRatesQuery,
} from '../../../contract/basics.ts';
import { basicRates, deleteBasic, getBasic, listBasics, saveBasic } from '../../domain/measurement/basics.ts';
import { defineRoute } from '../route.ts';

const error = (description: string) => ({ description, schema: errorBodySchema });
const tag = 'Basics';
const idParams = z.object({ id: z.string() });

export const basicRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/basics',
    tag,
    summary: 'The basic promises: the right product, place, time and way, as conditions on events',
    access: 'agent',
    responses: { 200: { description: 'Basics', schema: basicListSchema } },
    handle: async ({ principal, services }) => ({ status: 200, body: { items: await listBasics(services.db, principal.workspaceId) } }),
  }),
  defineRoute<undefined, BasicRatesQuery>({
    method: 'get',
    path: '/api/v1/basics/rates',
    tag,
    summary: 'Each basic’s rate per period, with its 95 % interval and trend, per department',
    access: 'agent',
    query: basicRatesQuerySchema,
    responses: { 200: { description: 'Rates', schema: basicRatesSchema }, 400: error('Invalid query') },
    handle: async ({ query, principal, services }) => ({
      status: 200,
      body: await basicRates(services.db, services.clock, principal.workspaceId, query),
    }),
  }),
  defineRoute<{ id: string }>({
    method: 'get',
    path: '/api/v1/basics/{id}',
    tag,
    summary: 'One basic',
    access: 'agent',
    params: idParams,
    responses: { 200: { description: 'The basic', schema: basicSchema }, 404: error('No such basic') },
    handle: async ({ params, principal, services }) => ({
      status: 200,
      body: await getBasic(services.db, principal.workspaceId, params.id),
    }),
  }),
  defineRoute<undefined, undefined, BasicInput>({
    method: 'post',
    path: '/api/v1/basics',
    tag,
    summary: 'Name a basic promise',
    description:
      'From now on, every event of the type that it applies to and that fails a keptWhen condition is a broken basic: an ' +
      'oops (origin basic) at the event’s time, once per event, through the recovery worker.',
    access: 'manager',
    body: basicInputSchema,
    responses: { 201: { description: 'Created', schema: basicSchema }, 400: error('Invalid conditions or department') },
    handle: async ({ body, principal, services }) => ({
      status: 201,
      body: await saveBasic(services.db, services.clock, principal.workspaceId, body),
    }),
  }),
  defineRoute<{ id: string }, undefined, BasicInput>({
    method: 'put',
    path: '/api/v1/basics/{id}',
    tag,
    summary: 'Change a basic (events already reported stay reported)',
    access: 'manager',
    params: idParams,
    body: basicInputSchema,
    responses: { 200: { description: 'Changed', schema: basicSchema }, 400: error('Invalid'), 404: error('No such basic') },
    handle: async ({ params, body, principal, services }) => ({
      status: 200,
      body: await saveBasic(services.db, services.clock, principal.workspaceId, body, params.id),
    }),
  }),
  defineRoute<{ id: string }>({
    method: 'delete',
    path: '/api/v1/basics/{id}',
    tag,
    summary: 'Remove a basic',
    access: 'manager',
    params: idParams,
    responses: { 204: { description: 'Deleted' }, 404: error('No such basic') },
    handle: async ({ params, principal, services, c }) => {
      await deleteBasic(services.db, principal.workspaceId, params.id);
      return c.body(null, 204);
    },
  }),
];
