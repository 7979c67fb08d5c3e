// Learning: the register of rules, friction tagged to them, suggestions, exceptions and budgets.
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/common.ts';
import {
  approvalInputSchema,
  exceptionBudgetInputSchema,
  exceptionBudgetSchema,
  exceptionInputSchema,
  exceptionListQuerySchema,
  frictionInputSchema,
  frictionSchema,
  ruleExceptionSchema,
  ruleInputSchema,
  ruleListQuerySchema,
  rulePatchSchema,
  ruleSchema,
  ruleSuggestionSchema,
  suggestionQuerySchema,
  type ApprovalInput,
  type ExceptionBudgetInput,
  type ExceptionInput,
  type ExceptionListQuery,
  type FrictionInput,
  type ItemRef,
  type RuleInput,
  type RuleListQuery,
  type RulePatch,
} from '../../../contract/learning.ts';
import { approveException, getBudget, listExceptions, recordException, setBudget } from '../../domain/learning/exceptions.ts';
import { suggestRules, tagFriction } from '../../domain/learning/friction.ts';
import { createRule, getRule, listRules, updateRule } from '../../domain/learning/rules.ts';
import { defineRoute } from '../route.ts';

const idParams = z.object({ id: z.string() });
const err = (description: string) => ({ description, schema: errorBodySchema });
const notFound = err('No such rule in this workspace');

export const ruleRoutes = [
  defineRoute<undefined, undefined, RuleInput>({
    method: 'post',
    path: '/api/v1/rules',
    tag: 'Rules',
    summary: 'Add a rule (a policy) to the register',
    description: 'In force from now, version 1; its owner is the caller when none is named.',
    access: 'manager',
    body: ruleInputSchema,
    responses: {
      201: { description: 'Added', schema: ruleSchema },
      400: err('Invalid input; details.problems name the fields'),
      409: err('A rule with that name is in the register (reason rule_name_taken)'),
    },
    handle: async ({ body, principal, services }) => ({
      status: 201,
      body: await createRule(services.db, services.clock, principal.workspaceId, principal.userId ?? null, body),
    }),
  }),
  defineRoute<undefined, RuleListQuery>({
    method: 'get',
    path: '/api/v1/rules',
    tag: 'Rules',
    summary: 'The register of rules, by name',
    access: 'agent',
    query: ruleListQuerySchema,
    responses: { 200: { description: 'Rules', schema: z.object({ items: z.array(ruleSchema) }) } },
    handle: async ({ query, principal, services }) => ({ status: 200, body: await listRules(services.db, principal.workspaceId, query) }),
  }),
  defineRoute<undefined, ItemRef>({
    method: 'get',
    path: '/api/v1/rules/suggestions',
    tag: 'Rules',
    summary: 'Rules whose phrases the customer’s words contain, for a person to confirm',
    description: 'Confirm one with POST /api/v1/rules/{id}/friction and `suggested: true`.',
    access: 'agent',
    query: suggestionQuerySchema,
    responses: {
      200: { description: 'Suggested rules, most phrases matched first', schema: z.object({ items: z.array(ruleSuggestionSchema) }) },
      400: err('No such item in this workspace (reason unknown_item)'),
    },
    handle: async ({ query, principal, services }) => ({
      status: 200,
      body: await suggestRules(services.db, principal.workspaceId, query),
    }),
  }),
  defineRoute<{ id: string }>({
    method: 'get',
    path: '/api/v1/rules/{id}',
    tag: 'Rules',
    summary: 'One rule with its versions',
    access: 'agent',
    params: idParams,
    responses: { 200: { description: 'The rule', schema: ruleSchema }, 404: notFound },
    handle: async ({ params, principal, services }) => ({
      status: 200,
      body: await getRule(services.db, principal.workspaceId, params.id),
    }),
  }),
  defineRoute<{ id: string }, undefined, RulePatch>({
    method: 'patch',
    path: '/api/v1/rules/{id}',
    tag: 'Rules',
    summary: 'Change a rule’s name, why, department, owner or phrases',
    description: 'The text changes only through a review, as a new version.',
    access: 'manager',
    params: idParams,
    body: rulePatchSchema,
    responses: {
      200: { description: 'The rule', schema: ruleSchema },
      400: err('Invalid input'),
      404: notFound,
      409: err('The name is taken (rule_name_taken) or the rule is trashed (rule_trashed)'),
    },
    handle: async ({ params, body, principal, services }) => ({
      status: 200,
      body: await updateRule(services.db, services.clock, principal.workspaceId, params.id, body),
    }),
  }),
  defineRoute<{ id: string }, undefined, FrictionInput>({
    method: 'post',
    path: '/api/v1/rules/{id}/friction',
    tag: 'Rules',
    summary: 'Tag a case, a complaint or an answer to the rule that caused it',
    description: 'Once per item and rule: tagging again answers the first tag (200, duplicate true). The item must be this workspace’s.',
    access: 'agent',
    params: idParams,
    body: frictionInputSchema,
    responses: {
      201: { description: 'Tagged', schema: frictionSchema },
      200: { description: 'Tagged already', schema: frictionSchema },
      400: err('No such item in this workspace (reason unknown_item); nothing stored'),
      404: notFound,
      409: err('The rule is trashed (rule_trashed)'),
    },
    handle: async ({ params, body, principal, services }) => {
      const f = await tagFriction(services.db, services.clock, principal.workspaceId, params.id, principal.userId ?? null, body);
      return { status: f.duplicate ? 200 : 201, body: f };
    },
  }),
  defineRoute<{ id: string }, undefined, ExceptionInput>({
    method: 'post',
    path: '/api/v1/rules/{id}/exceptions',
    tag: 'Rules',
    summary: 'Record an exception: “I bent this rule for this customer”',
    description:
      'Drawn on the monthly budget the department sets per agent (count and money). Within it: recorded (201). Beyond it ' +
      '(or without a budget): refused with reason over_budget and nothing stored, unless askApproval is true; then it is ' +
      'pending until a manager approves it (202). Either way it is on the case’s timeline.',
    access: 'session',
    params: idParams,
    body: exceptionInputSchema,
    responses: {
      201: { description: 'Recorded within budget', schema: ruleExceptionSchema },
      202: { description: 'Over budget: pending a manager’s approval', schema: ruleExceptionSchema },
      400: err('Invalid input, or no such case in this workspace (unknown_item)'),
      404: notFound,
      409: err('Over budget without askApproval (over_budget), or the rule is trashed'),
    },
    handle: async ({ params, body, principal, services }) => {
      const e = await recordException(services.db, services.clock, principal, params.id, body);
      return { status: e.status === 'pending' ? 202 : 201, body: e };
    },
  }),
  defineRoute<undefined, ExceptionListQuery>({
    method: 'get',
    path: '/api/v1/rule-exceptions',
    tag: 'Rules',
    summary: 'Exceptions, newest first (the latest 500)',
    access: 'agent',
    query: exceptionListQuerySchema,
    responses: { 200: { description: 'Exceptions', schema: z.object({ items: z.array(ruleExceptionSchema) }) } },
    handle: async ({ query, principal, services }) => ({
      status: 200,
      body: await listExceptions(services.db, principal.workspaceId, query),
    }),
  }),
  defineRoute<{ id: string }, undefined, ApprovalInput>({
    method: 'post',
    path: '/api/v1/rule-exceptions/{id}/approve',
    tag: 'Rules',
    summary: 'Approve a pending exception (a manager, signed in)',
    description:
      'The approver is the signed-in person making this request; an agent (not_a_manager) or the exception’s own agent (own_exception) cannot.',
    access: 'session',
    params: idParams,
    body: approvalInputSchema,
    responses: {
      200: { description: 'Approved', schema: ruleExceptionSchema },
      403: err('Not a manager (not_a_manager), or their own exception (own_exception); nothing stored'),
      404: err('No such exception'),
      409: err('Not pending (not_pending)'),
    },
    handle: async ({ params, body, principal, services }) => ({
      status: 200,
      body: await approveException(services.db, services.clock, principal, params.id, body),
    }),
  }),
  defineRoute<{ id: string }, undefined, ExceptionBudgetInput>({
    method: 'put',
    path: '/api/v1/departments/{id}/exception-budget',
    tag: 'Rules',
    summary: 'Set the department’s monthly exception budget per agent',
    access: 'manager',
    params: idParams,
    body: exceptionBudgetInputSchema,
    responses: {
      200: { description: 'The budget', schema: exceptionBudgetSchema },
      400: err('Invalid input'),
      404: err('No such department'),
    },
    handle: async ({ params, body, principal, services }) => ({
      status: 200,
      body: await setBudget(services.db, services.clock, principal.workspaceId, params.id, principal.userId ?? null, body),
    }),
  }),
  defineRoute<{ id: string }>({
    method: 'get',
    path: '/api/v1/departments/{id}/exception-budget',
    tag: 'Rules',
    summary: 'The department’s monthly exception budget per agent',
    access: 'agent',
    params: idParams,
    responses: { 200: { description: 'The budget', schema: exceptionBudgetSchema }, 404: err('No such department or no budget set') },
    handle: async ({ params, principal, services }) => ({
      status: 200,
      body: await getBudget(services.db, principal.workspaceId, params.id),
    }),
  }),
];
