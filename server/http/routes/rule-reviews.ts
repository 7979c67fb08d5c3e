// Learning: the dumb-rules review and "you said, we did" improvements.
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/common.ts';
import {
  evidenceSchema,
  feedbackInputSchema,
  improvementInputSchema,
  improvementListQuerySchema,
  improvementPageSchema,
  improvementSchema,
  questionInputSchema,
  reviewQuestionSchema,
  reviewCloseSchema,
  reviewInputSchema,
  reviewListQuerySchema,
  reviewSchema,
  type FeedbackInput,
  type ImprovementInput,
  type ImprovementListQuery,
  type QuestionInput,
  type ReviewClose,
  type ReviewInput,
  type ReviewListQuery,
} from '../../../contract/learning-review.ts';
import {
  addImprovementFeedback,
  createImprovement,
  getImprovement,
  listImprovements,
  markImprovementDone,
} from '../../domain/learning/improvements.ts';
import { closeReview, listReviews, openReview, reviewEvidence } from '../../domain/learning/reviews.ts';
import { askCustomers } from '../../domain/learning/review-questions.ts';
import { defineRoute } from '../route.ts';
import { signalDeps } from '../services.ts';

const idParams = z.object({ id: z.string() });
const err = (description: string) => ({ description, schema: errorBodySchema });

export const reviewRoutes = [
  defineRoute<{ id: string }, undefined, ReviewInput>({
    method: 'post',
    path: '/api/v1/rules/{id}/review',
    tag: 'Rules',
    summary: 'Send a rule to review, with a due date and an owner',
    description: 'The rule is under review until the review ends. One open review per rule (409 review_open).',
    access: 'manager',
    params: idParams,
    body: reviewInputSchema,
    responses: {
      201: { description: 'Opened', schema: reviewSchema },
      400: err('Invalid input (a due date in the past, an unknown owner)'),
      404: err('No such rule'),
      409: err('Under review already (review_open), or trashed'),
    },
    handle: async ({ params, body, principal, services }) => ({
      status: 201,
      body: await openReview(services.db, services.clock, principal, params.id, body),
    }),
  }),
  defineRoute<{ id: string }>({
    method: 'get',
    path: '/api/v1/rules/{id}/review',
    tag: 'Rules',
    summary: 'The rule’s review (open, else the latest) with its evidence',
    access: 'agent',
    params: idParams,
    responses: { 200: { description: 'The review and its evidence', schema: evidenceSchema }, 404: err('No such rule, or never reviewed') },
    handle: async ({ params, principal, services }) => ({
      status: 200,
      body: await reviewEvidence(services.db, services.clock, principal.workspaceId, params.id),
    }),
  }),
  defineRoute<{ id: string }, undefined, QuestionInput>({
    method: 'post',
    path: '/api/v1/rules/{id}/review/question',
    tag: 'Rules',
    summary: 'Ask the customers behind the rule’s friction one question, through the outbox',
    description:
      'Each distinct customer behind the items tagged to the rule (in the period, if given) gets one message in their ' +
      'language (en/fr/de) quoting what they said, with a signed link to a page where they answer in their own words. ' +
      'The guard and unsubscribes apply; a customer without an address is counted, not written to. One question per ' +
      'review: asking again answers 409 question_asked; a closed review 409 review_closed. The answers show in the ' +
      'review’s evidence.',
    access: 'manager',
    params: idParams,
    body: questionInputSchema,
    responses: {
      201: { description: 'Asked, with the counts', schema: reviewQuestionSchema },
      400: err('No question (question_empty), one too long (question_too_long), or a bad period'),
      404: err('No such rule, or never reviewed'),
      409: err('The review is closed (review_closed) or has asked already (question_asked)'),
    },
    handle: async ({ params, body, principal, services }) => ({
      status: 201,
      body: await askCustomers(signalDeps(services), principal, params.id, body),
    }),
  }),
  defineRoute<{ id: string }, undefined, ReviewClose>({
    method: 'post',
    path: '/api/v1/rules/{id}/review/close',
    tag: 'Rules',
    summary: 'End the review: keep, change (new text, a new version) or trash — with a reason',
    description:
      'By the review’s owner, the rule’s owner or an admin, signed in. No reason: 400 reason_required, nothing changes. ' +
      'A change or a trash creates a "you said, we did" improvement holding every item tagged to the rule.',
    access: 'session',
    params: idParams,
    body: reviewCloseSchema,
    responses: {
      200: { description: 'Closed', schema: reviewSchema },
      400: err('No reason (reason_required) or no new text for a change (new_text_required)'),
      403: err('Not the owner (not_the_owner)'),
      404: err('No such rule or review'),
      409: err('No open review (no_open_review)'),
    },
    handle: async ({ params, body, principal, services }) => ({
      status: 200,
      body: await closeReview(services.db, services.clock, principal, params.id, body),
    }),
  }),
  defineRoute<undefined, ReviewListQuery>({
    method: 'get',
    path: '/api/v1/rule-reviews',
    tag: 'Rules',
    summary: 'Reviews, earliest due first; overdue=true: the open ones past due (admins)',
    access: 'admin',
    query: reviewListQuerySchema,
    responses: { 200: { description: 'Reviews', schema: z.object({ items: z.array(reviewSchema) }) } },
    handle: async ({ query, principal, services }) => ({
      status: 200,
      body: await listReviews(services.db, services.clock, principal.workspaceId, query),
    }),
  }),
  defineRoute<undefined, undefined, ImprovementInput>({
    method: 'post',
    path: '/api/v1/improvements',
    tag: 'Improvements',
    summary: 'Record an improvement (“you said, we did”) and the feedback behind it',
    access: 'manager',
    body: improvementInputSchema,
    responses: {
      201: { description: 'Recorded', schema: improvementSchema },
      400: err('Invalid input, or an item not of this workspace (unknown_item)'),
    },
    handle: async ({ body, principal, services }) => ({
      status: 201,
      body: await createImprovement(services.db, services.clock, principal.workspaceId, principal.userId ?? null, body),
    }),
  }),
  defineRoute<undefined, ImprovementListQuery>({
    method: 'get',
    path: '/api/v1/improvements',
    tag: 'Improvements',
    summary: 'Improvements, newest first, a page at a time, with their counts (raised, told, bounced)',
    description:
      'Keyset-paginated: pass `nextCursor` as `cursor` for the next page. A row has no feedback (GET /{id} has it); ' +
      'the export kind "improvements" takes out every row.',
    access: 'agent',
    query: improvementListQuerySchema,
    responses: {
      200: { description: 'A page of improvements', schema: improvementPageSchema },
      400: err('Invalid input (a cursor this endpoint did not give out, an unknown status)'),
    },
    handle: async ({ query, principal, services }) => ({
      status: 200,
      body: await listImprovements(services.db, principal.workspaceId, query),
    }),
  }),
  defineRoute<{ id: string }>({
    method: 'get',
    path: '/api/v1/improvements/{id}',
    tag: 'Improvements',
    summary: 'One improvement: its feedback and counts (raised, told, bounced)',
    access: 'agent',
    params: idParams,
    responses: { 200: { description: 'The improvement', schema: improvementSchema }, 404: err('No such improvement') },
    handle: async ({ params, principal, services }) => ({
      status: 200,
      body: await getImprovement(services.db, principal.workspaceId, params.id),
    }),
  }),
  defineRoute<{ id: string }, undefined, FeedbackInput>({
    method: 'post',
    path: '/api/v1/improvements/{id}/feedback',
    tag: 'Improvements',
    summary: 'Link more feedback (cases, complaints, answers) to an improvement not yet done',
    access: 'manager',
    params: idParams,
    body: feedbackInputSchema,
    responses: {
      200: { description: 'The improvement', schema: improvementSchema },
      400: err('An item not of this workspace (unknown_item)'),
      404: err('No such improvement'),
      409: err('Done already (improvement_done)'),
    },
    handle: async ({ params, body, principal, services }) => ({
      status: 200,
      body: await addImprovementFeedback(services.db, principal.workspaceId, params.id, body),
    }),
  }),
  defineRoute<{ id: string }>({
    method: 'post',
    path: '/api/v1/improvements/{id}/done',
    tag: 'Improvements',
    summary: 'Mark the improvement done: every customer who raised it is told once, in their language, through the outbox',
    access: 'manager',
    params: idParams,
    responses: {
      200: { description: 'Done, with the counts', schema: improvementSchema },
      404: err('No such improvement'),
      409: err('Done already (improvement_done): nobody is told twice'),
    },
    handle: async ({ params, principal, services }) => ({
      status: 200,
      body: await markImprovementDone(services.db, services.clock, principal.workspaceId, principal.userId ?? null, params.id),
    }),
  }),
];
