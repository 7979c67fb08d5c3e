// Surveys, their triggers and invitations.
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/common.ts';
import {
  builtInTextsQuerySchema,
  builtInTextsSchema,
  handInvitationInputSchema,
  invitationListQuerySchema,
  invitationPageSchema,
  invitationSchema,
  sampleInputSchema,
  sampleResultSchema,
  surveyInputSchema,
  surveyListQuerySchema,
  surveyListSchema,
  surveyPatchSchema,
  surveySchema,
  triggerInputSchema,
  triggerSchema,
} from '../../../contract/surveys.ts';
import { listInvitations } from '../../domain/signals/invitation-list.ts';
import { drawSample, inviteByHand } from '../../domain/signals/invitations.ts';
import {
  addTrigger,
  archiveSurvey,
  createSurvey,
  getSurvey,
  listSurveys,
  listTriggers,
  removeTrigger,
  updateSurvey,
} from '../../domain/signals/surveys.ts';
import { builtInTexts, chooseBuiltInLocale } from '../../domain/signals/survey-texts.ts';
import { defineRoute } from '../route.ts';
import { signalDeps } from '../services.ts';

const idParams = z.object({ id: z.uuid() });
const triggerParams = z.object({ id: z.uuid(), triggerId: z.uuid() });
const error = (description: string) => ({ description, schema: errorBodySchema });

export const surveyRoutes = [
  defineRoute<undefined, z.infer<typeof surveyListQuerySchema>>({
    method: 'get',
    path: '/api/v1/surveys',
    tag: 'Surveys',
    summary: 'Surveys, newest first',
    access: 'agent',
    query: surveyListQuerySchema,
    responses: { 200: { description: 'Surveys', schema: surveyListSchema } },
    handle: async ({ query, principal, services }) => ({
      status: 200,
      body: { items: await listSurveys(services.db, principal.workspaceId, query.archived) },
    }),
  }),
  defineRoute<undefined, undefined, z.infer<typeof surveyInputSchema>>({
    method: 'post',
    path: '/api/v1/surveys',
    tag: 'Surveys',
    summary: 'Create a survey',
    description: 'NPS asks 0-10, CSAT 1-5, CES 1-7. Texts not given are the built-in ones (English, French, German).',
    access: 'manager',
    body: surveyInputSchema,
    responses: { 201: { description: 'Created', schema: surveySchema }, 400: error('Invalid survey') },
    handle: async ({ body, principal, services }) => ({
      status: 201,
      body: await createSurvey(services.db, services.clock, principal.workspaceId, body),
    }),
  }),
  defineRoute<undefined, z.infer<typeof builtInTextsQuerySchema>>({
    method: 'get',
    path: '/api/v1/surveys/built-in-texts',
    tag: 'Surveys',
    summary: 'The texts a survey shows when it sets none of its own',
    access: 'agent',
    query: builtInTextsQuerySchema,
    responses: { 200: { description: 'Built-in texts', schema: builtInTextsSchema } },
    handle: async ({ query }) => {
      const locale = chooseBuiltInLocale([query.locale]);
      return { status: 200, body: { locale, texts: builtInTexts(query.kind, locale) } };
    },
  }),
  defineRoute<{ id: string }>({
    method: 'get',
    path: '/api/v1/surveys/{id}',
    tag: 'Surveys',
    summary: 'One survey',
    access: 'agent',
    params: idParams,
    responses: { 200: { description: 'The survey', schema: surveySchema }, 404: error('No such survey') },
    handle: async ({ params, principal, services }) => ({
      status: 200,
      body: await getSurvey(services.db, principal.workspaceId, params.id),
    }),
  }),
  defineRoute<{ id: string }, undefined, z.infer<typeof surveyPatchSchema>>({
    method: 'patch',
    path: '/api/v1/surveys/{id}',
    tag: 'Surveys',
    summary: 'Change a survey',
    description: 'Its kind cannot change, so all its answers stay on one scale.',
    access: 'manager',
    params: idParams,
    body: surveyPatchSchema,
    responses: {
      200: { description: 'Changed', schema: surveySchema },
      404: error('No such survey'),
      409: error('The survey is archived'),
    },
    handle: async ({ params, body, principal, services }) => ({
      status: 200,
      body: await updateSurvey(services.db, services.clock, principal.workspaceId, params.id, body),
    }),
  }),
  defineRoute<{ id: string }>({
    method: 'post',
    path: '/api/v1/surveys/{id}/archive',
    tag: 'Surveys',
    summary: 'Archive a survey: it sends nothing more and takes no new answers; its answers stay',
    access: 'manager',
    params: idParams,
    responses: { 200: { description: 'Archived', schema: surveySchema }, 404: error('No such survey') },
    handle: async ({ params, principal, services }) => ({
      status: 200,
      body: await archiveSurvey(services.db, services.clock, principal.workspaceId, params.id),
    }),
  }),
  defineRoute<{ id: string }>({
    method: 'get',
    path: '/api/v1/surveys/{id}/triggers',
    tag: 'Surveys',
    summary: 'The triggers that send this survey after events',
    access: 'agent',
    params: idParams,
    responses: { 200: { description: 'Triggers', schema: z.object({ items: z.array(triggerSchema) }) }, 404: error('No such survey') },
    handle: async ({ params, principal, services }) => ({
      status: 200,
      body: { items: await listTriggers(services.db, principal.workspaceId, params.id) },
    }),
  }),
  defineRoute<{ id: string }, undefined, z.infer<typeof triggerInputSchema>>({
    method: 'post',
    path: '/api/v1/surveys/{id}/triggers',
    tag: 'Surveys',
    summary: 'Send this survey N hours after an event of a type',
    description:
      'Each event of the type schedules one e-mail invitation at its occurredAt + delayHours (sampling, the contact rule and ' +
      'unsubscribes apply when it is due). Events whose send time is more than 2 days past (backfills) invite nobody.',
    access: 'manager',
    params: idParams,
    body: triggerInputSchema,
    responses: {
      201: { description: 'Added', schema: triggerSchema },
      404: error('No such survey'),
      409: error('Archived, or the same trigger exists'),
    },
    handle: async ({ params, body, principal, services }) => ({
      status: 201,
      body: await addTrigger(services.db, services.clock, principal.workspaceId, params.id, body),
    }),
  }),
  defineRoute<{ id: string; triggerId: string }>({
    method: 'delete',
    path: '/api/v1/surveys/{id}/triggers/{triggerId}',
    tag: 'Surveys',
    summary: 'Stop a trigger (invitations it already scheduled still go out)',
    access: 'manager',
    params: triggerParams,
    responses: { 204: { description: 'Stopped' }, 404: error('No such trigger') },
    handle: async ({ params, principal, services, c }) => {
      await removeTrigger(services.db, services.clock, principal.workspaceId, params.id, params.triggerId);
      return c.body(null, 204);
    },
  }),
  defineRoute<{ id: string }, z.infer<typeof invitationListQuerySchema>>({
    method: 'get',
    path: '/api/v1/surveys/{id}/invitations',
    tag: 'Surveys',
    summary: 'Invitations of a survey, newest first, with why any was not sent',
    access: 'agent',
    params: idParams,
    query: invitationListQuerySchema,
    responses: { 200: { description: 'A page of invitations', schema: invitationPageSchema }, 404: error('No such survey') },
    handle: async ({ params, query, principal, services }) => ({
      status: 200,
      body: await listInvitations(signalDeps(services), principal.workspaceId, params.id, query),
    }),
  }),
  defineRoute<{ id: string }, undefined, z.infer<typeof handInvitationInputSchema>>({
    method: 'post',
    path: '/api/v1/surveys/{id}/invitations',
    tag: 'Surveys',
    summary: 'Invite one customer, chosen by hand',
    description:
      'The invitation is marked hand-picked, and headline scores leave hand-picked answers out by default. ' +
      'It skips sampling but not the contact rule or an unsubscribe: those answer 409 with the reason.',
    access: 'agent',
    params: idParams,
    body: handInvitationInputSchema,
    responses: {
      201: { description: 'Sent; `url` is the answer page', schema: invitationSchema },
      404: error('No such survey'),
      409: error('Not sent: contact rule, unsubscribed, no e-mail, or archived survey'),
    },
    handle: async ({ params, body, principal, services }) => ({
      status: 201,
      body: await inviteByHand(signalDeps(services), principal.workspaceId, params.id, body, principal.userId ?? null),
    }),
  }),
  defineRoute<{ id: string }, undefined, z.infer<typeof sampleInputSchema>>({
    method: 'post',
    path: '/api/v1/surveys/{id}/samples',
    tag: 'Surveys',
    summary: 'E-mail the survey to a random sample of a segment',
    description: 'Draws at random among customers with an e-mail who have not unsubscribed and whom the contact rule allows.',
    access: 'manager',
    params: idParams,
    body: sampleInputSchema,
    responses: {
      201: { description: 'Scheduled', schema: sampleResultSchema },
      404: error('No such survey'),
      409: error('The survey is archived'),
    },
    handle: async ({ params, body, principal, services }) => ({
      status: 201,
      body: await drawSample(signalDeps(services), principal.workspaceId, params.id, body),
    }),
  }),
];
