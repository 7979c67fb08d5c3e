// Commitments: make one (staff, on a case, or another system with an API token), keep or
// renegotiate it, the ledger, what the team achieved for similar promises, each team's kept rate.
import { z } from 'zod';
import {
  commitmentDetailSchema,
  commitmentInputSchema,
  commitmentKindsSchema,
  commitmentListQuerySchema,
  commitmentMadeSchema,
  commitmentPageSchema,
  commitmentStatsQuerySchema,
  commitmentStatsSchema,
  keepInputSchema,
  renegotiateInputSchema,
  suggestionQuerySchema,
  suggestionSchema,
  type CommitmentInput,
  type CommitmentListQuery,
  type CommitmentStatsQuery,
  type KeepInput,
  type RenegotiateInput,
  type SuggestionQuery,
} from '../../../contract/commitments.ts';
import { errorBodySchema } from '../../../contract/common.ts';
import {
  commitmentKinds,
  commitmentStats,
  getCommitment,
  listCommitmentPage,
  suggestCommitment,
} from '../../domain/promises/commitment-ledger.ts';
import { keepCommitment, renegotiateCommitment } from '../../domain/promises/commitment-outcomes.ts';
import { makeCommitment, type Actor } from '../../domain/promises/commitments.ts';
import { defineRoute } from '../route.ts';
import type { RequestPrincipal, Services } from '../services.ts';

const error = (description: string) => ({ description, schema: errorBodySchema });
const idParams = z.object({ id: z.string() });
const detail = { description: 'The commitment with its history', schema: commitmentDetailSchema };
/** The promise's deps, with what its notices need to link to the customer's case page. */
const commitmentDeps = (s: Services) => ({ db: s.db, clock: s.clock, links: { settings: s.settings, publicUrl: s.config.publicUrl } });

const actor = (p: RequestPrincipal): Actor => ({ userId: p.userId ?? null, tokenId: p.kind === 'token' ? (p.tokenId ?? null) : null });
const closed = error('Kept already, or broken (a commitment found past its due time is broken then): `details.status` says which');

export const commitmentRoutes = [
  defineRoute<undefined, undefined, CommitmentInput>({
    method: 'post',
    path: '/api/v1/commitments',
    tag: 'Commitments',
    summary: 'Make a commitment to a customer; answers with what the team achieved for similar ones',
    description:
      'For staff and for other systems (with an API token). The customer is named by id, by reference like events’ customers, ' +
      'or by the case. One transaction stores it, its `commitment.made` timeline event and its clock: at `dueAt`, unless kept, ' +
      'it is broken and opens a recovery case (or joins the customer’s open one) whose clock starts at `dueAt`. The answer ' +
      'carries the suggestion for its kind and department, and a warning when it is due sooner than the team keeps 90 % of ' +
      'similar promises (a warning, never a refusal).',
    access: 'agent',
    body: commitmentInputSchema,
    responses: {
      201: { description: 'Made', schema: commitmentMadeSchema },
      200: { description: 'A repeat (same source and idempotency key): the original, `duplicate: true`', schema: commitmentMadeSchema },
      400: error(
        'Invalid: a due time not in the future, an unknown customer, owner, department or case (or one of another workspace); `details.problems` name the fields. Nothing was stored',
      ),
    },
    handle: async ({ body, principal, services }) => {
      const r = await makeCommitment(commitmentDeps(services), principal.workspaceId, actor(principal), body);
      return { status: r.duplicate ? 200 : 201, body: r };
    },
  }),
  defineRoute<undefined, CommitmentListQuery>({
    method: 'get',
    path: '/api/v1/commitments',
    tag: 'Commitments',
    summary: 'The ledger of commitments by due time',
    access: 'agent',
    query: commitmentListQuerySchema,
    responses: { 200: { description: 'A page of commitments', schema: commitmentPageSchema } },
    handle: async ({ query, principal, services }) => ({
      status: 200,
      body: await listCommitmentPage(services.db, principal.workspaceId, query),
    }),
  }),
  defineRoute<undefined, SuggestionQuery>({
    method: 'get',
    path: '/api/v1/commitments/suggestion',
    tag: 'Commitments',
    summary: 'What the team achieved for similar promises, and the due time it meets 90 % of the time',
    description:
      'Similar: the same kind, and department when given, due in the last 180 days and kept or broken. n, the kept-on-time ' +
      'rate with its 95 % Wilson interval, the median and p90 of the time from made to kept (nearest rank; a broken one counts ' +
      'as never kept) and the p90 rounded up as the suggested time. Under 30 there is no figure but n (`not_enough_data`); ' +
      'with more than 1 in 10 broken there is no p90 (`often_broken`).',
    access: 'agent',
    query: suggestionQuerySchema,
    responses: { 200: { description: 'The suggestion', schema: suggestionSchema } },
    handle: async ({ query, principal, services }) => ({
      status: 200,
      body: await suggestCommitment({ db: services.db, clock: services.clock }, principal.workspaceId, query.kind, query.departmentId),
    }),
  }),
  defineRoute<undefined, CommitmentStatsQuery>({
    method: 'get',
    path: '/api/v1/commitments/stats',
    tag: 'Commitments',
    summary: 'Each team’s kept rate, and by kind within each team',
    description:
      'Over commitments due in the last `days` days (180 by default), kept or broken: kept on time (by the due time first ' +
      'promised), kept after a renegotiation, broken, and the kept-on-time rate with its 95 % Wilson interval (none under 30). ' +
      'There is no "kept late": past its due time a commitment is broken. `openNow` counts those still open, whatever their due time.',
    access: 'agent',
    query: commitmentStatsQuerySchema,
    responses: { 200: { description: 'The kept rates', schema: commitmentStatsSchema } },
    handle: async ({ query, principal, services }) => ({
      status: 200,
      body: await commitmentStats({ db: services.db, clock: services.clock }, principal.workspaceId, query.days),
    }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/commitments/kinds',
    tag: 'Commitments',
    summary: 'The kinds of commitment in use, most used first',
    access: 'agent',
    responses: { 200: { description: 'The kinds', schema: commitmentKindsSchema } },
    handle: async ({ principal, services }) => ({ status: 200, body: await commitmentKinds(services.db, principal.workspaceId) }),
  }),
  defineRoute<{ id: string }>({
    method: 'get',
    path: '/api/v1/commitments/{id}',
    tag: 'Commitments',
    summary: 'One commitment with its history',
    access: 'agent',
    params: idParams,
    responses: { 200: detail, 404: error('No such commitment') },
    handle: async ({ params, principal, services }) => ({
      status: 200,
      body: await getCommitment(services.db, principal.workspaceId, params.id),
    }),
  }),
  defineRoute<{ id: string }, undefined, KeepInput>({
    method: 'post',
    path: '/api/v1/commitments/{id}/keep',
    tag: 'Commitments',
    summary: 'Record that the commitment was kept',
    description: 'Only while it is open or renegotiated and not past its due time. Its clock is removed.',
    access: 'agent',
    params: idParams,
    body: keepInputSchema,
    responses: { 200: detail, 404: error('No such commitment'), 409: closed },
    handle: async ({ params, body, principal, services }) => {
      await keepCommitment(commitmentDeps(services), principal.workspaceId, params.id, actor(principal), body.note);
      return { status: 200, body: await getCommitment(services.db, principal.workspaceId, params.id) };
    },
  }),
  defineRoute<{ id: string }, undefined, RenegotiateInput>({
    method: 'post',
    path: '/api/v1/commitments/{id}/renegotiate',
    tag: 'Commitments',
    summary: 'The customer agreed to a new time: move the due time',
    description:
      'Only while it is open or renegotiated and not past its due time; `newDueAt` in the future. The old due time stays in the ' +
      'history; the clock moves to the new one, and it can still be kept or broken.',
    access: 'agent',
    params: idParams,
    body: renegotiateInputSchema,
    responses: { 200: detail, 400: error('newDueAt not in the future, or no note'), 404: error('No such commitment'), 409: closed },
    handle: async ({ params, body, principal, services }) => {
      await renegotiateCommitment(commitmentDeps(services), principal.workspaceId, params.id, actor(principal), body);
      return { status: 200, body: await getCommitment(services.db, principal.workspaceId, params.id) };
    },
  }),
];
