// Restitution offers on a case: a manager offers one to three options, the customer chooses on
// their case page (/c/TOKEN), and an open offer can be withdrawn.
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/common.ts';
import { restitutionOfferInputSchema, restitutionOfferSchema, type RestitutionOfferInput } from '../../../contract/restitution.ts';
import { caseRestitutionOffers, offerRestitution, withdrawRestitutionOffer } from '../../domain/recovery/restitution-offers.ts';
import { defineRoute } from '../route.ts';
import { signalDeps } from '../services.ts';

const error = (description: string) => ({ description, schema: errorBodySchema });
const offer = { description: 'The offer', schema: restitutionOfferSchema };

export const restitutionOfferRoutes = [
  defineRoute<{ id: string }>({
    method: 'get',
    path: '/api/v1/cases/{id}/restitution-offers',
    tag: 'Cases',
    summary: 'The restitutions offered on a case, newest first, with the customer’s answers',
    access: 'agent',
    params: z.object({ id: z.string() }),
    responses: {
      200: { description: 'The offers', schema: z.object({ items: z.array(restitutionOfferSchema) }) },
      404: error('No such case'),
    },
    handle: async ({ params, principal, services }) => ({
      status: 200,
      body: { items: await caseRestitutionOffers(services.db, principal.workspaceId, params.id) },
    }),
  }),
  defineRoute<{ id: string }, undefined, RestitutionOfferInput>({
    method: 'post',
    path: '/api/v1/cases/{id}/restitution-offers',
    tag: 'Cases',
    summary: 'Offer the customer one to three restitutions to choose from',
    description:
      'The customer is written to (through the outbox) with the options and the link to their case page, where they pick one or ' +
      'write what else would make it right. The offer is the approval: the option picked is recorded as the case’s restitution ' +
      'with its cost, approved by the manager who offered it, and the answer as the “ask what would make it right” step. ' +
      'An offer fits where the playbook asks what would make it right: the steps before it done or skipped (409 ' +
      '`out_of_order` with `details.missing`), no restitution recorded yet (409 `restitution_recorded`), and no other open ' +
      'offer (409 `offer_open`). A negative cost is refused with 400 naming the option.',
    access: 'manager',
    params: z.object({ id: z.string() }),
    body: restitutionOfferInputSchema,
    responses: {
      201: offer,
      400: error('Invalid offer: no option or more than three, a negative cost, a bad currency, or an approver who is not a manager'),
      403: error('An approval named for someone else'),
      404: error('No such case'),
      409: error('The case is closed, the playbook is not there yet, a restitution is recorded, or an offer is open'),
    },
    handle: async ({ params, body, principal, services }) => ({
      status: 201,
      body: await offerRestitution(signalDeps(services), principal, params.id, body),
    }),
  }),
  defineRoute<{ id: string; offerId: string }>({
    method: 'post',
    path: '/api/v1/cases/{id}/restitution-offers/{offerId}/withdraw',
    tag: 'Cases',
    summary: 'Withdraw an open offer: the customer can no longer choose from it',
    access: 'agent',
    params: z.object({ id: z.string(), offerId: z.string() }),
    responses: {
      200: offer,
      404: error('No such case or offer'),
      409: error('The customer answered it already, it was withdrawn already, or the case is closed'),
    },
    handle: async ({ params, principal, services }) => ({
      status: 200,
      body: await withdrawRestitutionOffer(signalDeps(services), principal, params.id, params.offerId),
    }),
  }),
];
