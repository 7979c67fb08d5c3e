// One voice: messages to customers through the guarded outbox, the guard rules, and the tasks a
// held message becomes.
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/common.ts';
import {
  decisionInputSchema,
  guardRuleInputSchema,
  guardRulePatchSchema,
  guardRuleRecordSchema,
  messageInputSchema,
  messageListQuerySchema,
  messagePageSchema,
  outboxMessageSchema,
  taskListQuerySchema,
  taskPageSchema,
  taskSchema,
  type DecisionInput,
  type GuardRuleInput,
  type GuardRulePatch,
  type MessageInput,
  type MessageListQuery,
  type TaskListQuery,
} from '../../../contract/outbox.ts';
import { changeGuardRule, createGuardRule, deleteGuardRule, listGuardRules } from '../../domain/one-voice/guard-rules.ts';
import { decideMessage, postMessage } from '../../domain/one-voice/outbox.ts';
import { getMessage, listMessages } from '../../domain/one-voice/outbox-views.ts';
import { closeTask, getTask, listTasks } from '../../domain/one-voice/tasks.ts';
import { defineRoute } from '../route.ts';

const error = (description: string) => ({ description, schema: errorBodySchema });
const idParams = z.object({ id: z.string() });
const badRule = error('The rule does not parse: details.problems name each field under rule');

const decide = (decision: 'release' | 'cancel') =>
  defineRoute<{ id: string }, undefined, DecisionInput>({
    method: 'post',
    path: `/api/v1/messages/{id}/${decision}`,
    tag: 'Outbox',
    summary: decision === 'release' ? 'Send a held message after all' : 'Cancel a held message',
    description:
      decision === 'release'
        ? 'Sends what a guard rule held back, so it needs a manager or admin (an agent may cancel). Recorded with who, when and the note; the message’s task closes.'
        : 'Any agent may cancel a held message (sending nothing is always safe). Recorded with who, when and the note; the message’s task closes.',
    access: decision === 'release' ? 'manager' : 'agent',
    params: idParams,
    body: decisionInputSchema,
    responses: { 200: { description: 'Decided', schema: outboxMessageSchema }, 404: error('No such message'), 409: error('Not held') },
    handle: async ({ params, body, principal, services }) => ({
      status: 200,
      body: await decideMessage(
        services.db,
        services.clock,
        principal.workspaceId,
        params.id,
        decision,
        principal.userId ?? null,
        body.note,
      ),
    }),
  });

export const outboxRoutes = [
  defineRoute<undefined, undefined, MessageInput>({
    method: 'post',
    path: '/api/v1/messages',
    tag: 'Outbox',
    summary: 'Send a message to a customer through the guarded outbox',
    description:
      'Before it is sent, the message is checked against the customer’s timeline by the guard rules. It is passed to the mail ' +
      'sender, held (it becomes a task for a department; staff release or cancel it) or cancelled, and `decision` says why in ' +
      'words, naming the rule and the event. A held or cancelled message is on the customer’s timeline. The customer must exist ' +
      'and have an e-mail address.',
    access: 'agent',
    body: messageInputSchema,
    responses: {
      202: { description: 'Decided: passed, held or cancelled', schema: outboxMessageSchema },
      200: { description: 'A repeated idempotency key: the original message', schema: outboxMessageSchema },
      400: error('Invalid, an unknown customer, or a customer without an e-mail address'),
    },
    handle: async ({ body, principal, services }) => {
      const m = await postMessage(services.db, services.clock, principal.workspaceId, body);
      return { status: m.duplicate ? 200 : 202, body: m };
    },
  }),
  defineRoute<undefined, MessageListQuery>({
    method: 'get',
    path: '/api/v1/messages',
    tag: 'Outbox',
    summary: 'The outbox: messages to customers and the guard’s decisions, newest first',
    access: 'agent',
    query: messageListQuerySchema,
    responses: { 200: { description: 'A page of messages', schema: messagePageSchema } },
    handle: async ({ query, principal, services }) => ({
      status: 200,
      body: await listMessages(services.db, principal.workspaceId, query),
    }),
  }),
  defineRoute<{ id: string }>({
    method: 'get',
    path: '/api/v1/messages/{id}',
    tag: 'Outbox',
    summary: 'One message and its decision',
    access: 'agent',
    params: idParams,
    responses: { 200: { description: 'The message', schema: outboxMessageSchema }, 404: error('No such message') },
    handle: async ({ params, principal, services }) => ({
      status: 200,
      body: await getMessage(services.db, principal.workspaceId, params.id),
    }),
  }),
  decide('release'),
  decide('cancel'),
  defineRoute({
    method: 'get',
    path: '/api/v1/guard-rules',
    tag: 'Outbox',
    summary: 'Guard rules, in the order they are checked (the built-in ones first)',
    access: 'agent',
    responses: { 200: { description: 'Rules', schema: z.object({ items: z.array(guardRuleRecordSchema) }) } },
    handle: async ({ principal, services }) => ({
      status: 200,
      body: { items: await listGuardRules(services.db, principal.workspaceId, services.clock.now()) },
    }),
  }),
  defineRoute<undefined, undefined, GuardRuleInput>({
    method: 'post',
    path: '/api/v1/guard-rules',
    tag: 'Outbox',
    summary: 'Add a guard rule',
    description:
      'A message of one of `messageKinds` is held (or cancelled) when the customer’s timeline shows an event as `heldWhen` says.',
    access: 'manager',
    body: guardRuleInputSchema,
    responses: { 201: { description: 'Added', schema: guardRuleRecordSchema }, 400: badRule },
    handle: async ({ body, principal, services }) => ({
      status: 201,
      body: await createGuardRule(services.db, principal.workspaceId, services.clock.now(), body),
    }),
  }),
  defineRoute<{ id: string }, undefined, GuardRulePatch>({
    method: 'patch',
    path: '/api/v1/guard-rules/{id}',
    tag: 'Outbox',
    summary: 'Change, enable or disable a guard rule',
    access: 'manager',
    params: idParams,
    body: guardRulePatchSchema,
    responses: { 200: { description: 'Changed', schema: guardRuleRecordSchema }, 400: badRule, 404: error('No such rule') },
    handle: async ({ params, body, principal, services }) => ({
      status: 200,
      body: await changeGuardRule(services.db, principal.workspaceId, params.id, services.clock.now(), body),
    }),
  }),
  defineRoute<{ id: string }>({
    method: 'delete',
    path: '/api/v1/guard-rules/{id}',
    tag: 'Outbox',
    summary: 'Delete a guard rule (a deleted built-in one does not come back)',
    access: 'manager',
    params: idParams,
    responses: { 204: { description: 'Deleted' }, 404: error('No such rule') },
    handle: async ({ params, principal, services, c }) => {
      await deleteGuardRule(services.db, principal.workspaceId, params.id, services.clock.now());
      return c.body(null, 204);
    },
  }),
  defineRoute<undefined, TaskListQuery>({
    method: 'get',
    path: '/api/v1/tasks',
    tag: 'Outbox',
    summary: 'Tasks for departments (held messages to check), newest first',
    access: 'agent',
    query: taskListQuerySchema,
    responses: { 200: { description: 'A page of tasks', schema: taskPageSchema } },
    handle: async ({ query, principal, services }) => ({ status: 200, body: await listTasks(services.db, principal.workspaceId, query) }),
  }),
  defineRoute<{ id: string }>({
    method: 'get',
    path: '/api/v1/tasks/{id}',
    tag: 'Outbox',
    summary: 'One task',
    access: 'agent',
    params: idParams,
    responses: { 200: { description: 'The task', schema: taskSchema }, 404: error('No such task') },
    handle: async ({ params, principal, services }) => ({
      status: 200,
      body: await getTask(services.db, principal.workspaceId, params.id),
    }),
  }),
  defineRoute<{ id: string }, undefined, DecisionInput>({
    method: 'post',
    path: '/api/v1/tasks/{id}/close',
    tag: 'Outbox',
    summary: 'Close a task by hand (its held message stays held until someone releases or cancels it)',
    access: 'agent',
    params: idParams,
    body: decisionInputSchema,
    responses: { 200: { description: 'Closed', schema: taskSchema }, 404: error('No such task'), 409: error('Closed already') },
    handle: async ({ params, body, principal, services }) => ({
      status: 200,
      body: await closeTask(services.db, services.clock, principal.workspaceId, params.id, principal.userId ?? null, body.note),
    }),
  }),
];
