// The outbox: every message to a customer leaves through here, Kept's own (survey invitations,
// case messages) and other systems' (POST /api/v1/messages). Each is checked against the
// customer's timeline by the guard first: it passes to the mail sender, or is held (a task for a
// department; staff release or cancel it) or cancelled, and the decision is kept on the message
// in words. A held or cancelled message is on the customer's timeline too.
import type { MessageInput, OutboxMessage } from '../../../contract/outbox.ts';
import type { Db } from '../../storage/database.ts';
import { insertEvents } from '../../storage/events.ts';
import { customerProfiles } from '../../storage/invitations.ts';
import { enqueueMail } from '../../storage/mails.ts';
import * as store from '../../storage/outbox.ts';
import { findCustomerByRef } from '../../storage/customers.ts';
import type { Clock } from '../core/clock.ts';
import { KeptError, invalidInput, notFound } from '../core/errors.ts';
import { checkMessage, explain, type Verdict } from './guard.ts';
import { isUuid, uuidv7 } from '../../lib/ids.ts';
import { getMessage, presentMessages } from './outbox-views.ts';

export interface OutgoingMessage {
  customerId: string;
  kind: string;
  source: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  invitationId?: string | null;
  idempotencyKey?: string | null;
}

export interface Queued {
  messageId: string;
  status: 'passed' | 'held' | 'cancelled';
  mailId: string | null;
  verdict: Verdict;
}

const messageEvent = (id: string, customerId: string, type: string, at: Date, data: Record<string, unknown>) => ({
  id: uuidv7(at.getTime()),
  customerId,
  type,
  source: 'kept',
  occurredAt: at,
  idempotencyKey: `message:${id}:${type}`,
  data: { messageId: id, ...data },
});

/**
 * Checks a message against the guard and queues it, in the caller's transaction (so an
 * invitation marked sent and its mail, or a case step and its apology, commit together).
 */
export async function queueMessageIn(
  tx: Db,
  clock: Clock,
  workspaceId: string,
  m: OutgoingMessage,
  /** verdict: one the caller has already reached (read-only); holdable false: a hold cancels (a survey is not worth a task). */
  o: { verdict?: Verdict; holdable?: boolean } = {},
): Promise<Queued> {
  const now = clock.now();
  const checked = o.verdict ?? (await checkMessage(tx, workspaceId, m.customerId, m.kind, now));
  const verdict: Verdict =
    checked.action === 'hold' && o.holdable === false
      ? { ...checked, action: 'cancel', text: explain('cancel', checked.rule, checked.event) }
      : checked;
  const id = uuidv7(now.getTime());
  let mailId: string | null = null;
  let taskId: string | null = null;
  const status = verdict.action === 'pass' ? 'passed' : verdict.action === 'hold' ? 'held' : 'cancelled';
  if (verdict.action === 'pass') {
    mailId = await enqueueMail(
      tx,
      workspaceId,
      {
        customerId: m.customerId,
        invitationId: m.invitationId ?? null,
        kind: m.kind,
        to: m.to,
        subject: m.subject,
        html: m.html,
        text: m.text,
        headers: m.headers ?? {},
      },
      now,
    );
  } else if (verdict.action === 'hold' && (verdict.rule.rule.task || verdict.rule.rule.resolvesOn)) {
    taskId = await openTaskIn(tx, workspaceId, m, id, verdict, now);
  }
  await store.insertOutboxMessage(tx, {
    workspaceId,
    id,
    customerId: m.customerId,
    kind: m.kind,
    source: m.source,
    subject: m.subject,
    text: m.text,
    html: m.html,
    to: m.to,
    idempotencyKey: m.idempotencyKey ?? null,
    status,
    decision: verdict.text,
    ruleId: verdict.action === 'pass' ? null : verdict.rule.id,
    eventId: verdict.action === 'pass' ? null : verdict.event.id,
    taskId,
    mailId,
    createdAt: now,
  });
  // Kept's own passed mail is on the timeline already (survey.invited, case.message_sent).
  if (verdict.action !== 'pass' || m.source !== 'kept') {
    const type = verdict.action === 'pass' ? 'message.queued' : verdict.action === 'hold' ? 'message.held' : 'message.cancelled';
    const data = { kind: m.kind, source: m.source, subject: m.subject, reason: verdict.text, taskId };
    await insertEvents(
      tx,
      workspaceId,
      [
        messageEvent(id, m.customerId, type, now, {
          ...data,
          ...(verdict.action === 'pass' ? {} : { ruleId: verdict.rule.id, ruleName: verdict.rule.name, eventId: verdict.event.id }),
        }),
      ],
      now,
    );
  }
  return { messageId: id, status, mailId, verdict };
}

async function openTaskIn(
  tx: Db,
  workspaceId: string,
  m: OutgoingMessage,
  messageId: string,
  v: Exclude<Verdict, { action: 'pass' }>,
  now: Date,
) {
  const rule = v.rule.rule;
  const departmentId = rule.task ? ((await store.findDepartmentRef(tx, workspaceId, rule.task.department)) ?? null) : null;
  const customer = (await customerProfiles(tx, workspaceId, [m.customerId])).get(m.customerId);
  const title = (rule.task?.title ?? `Held ${m.kind} for {customerName}`)
    .replaceAll('{customerName}', customer?.name ?? customer?.email ?? 'a customer')
    .replaceAll('{kind}', m.kind.replaceAll('_', ' '));
  const id = uuidv7(now.getTime());
  await store.insertTask(tx, {
    workspaceId,
    id,
    departmentId,
    customerId: m.customerId,
    title,
    detail: `${v.text} The message: “${m.subject}” from ${m.source}.`,
    status: 'open',
    messageId,
    ruleId: v.rule.id,
    resolveOn: rule.resolvesOn ?? null,
    createdAt: now,
  });
  return id;
}

/** Another system's message (POST /api/v1/messages): to an existing customer with an e-mail address, once per key. */
export async function postMessage(db: Db, clock: Clock, workspaceId: string, input: MessageInput): Promise<OutboxMessage> {
  return db.transaction().execute(async (tx) => {
    if (input.idempotencyKey) {
      const seen = await store.findOutboxByKey(tx, workspaceId, input.source, input.idempotencyKey);
      if (seen) return { ...(await presentMessages(tx, workspaceId, [seen]))[0]!, duplicate: true };
    }
    const customerId = await findCustomerByRef(tx, workspaceId, input.customer);
    if (!customerId) {
      throw invalidInput('No such customer: a message goes to a customer Kept knows', [
        { path: ['customer'], message: 'no customer with this externalId or email' },
      ]);
    }
    const profile = (await customerProfiles(tx, workspaceId, [customerId])).get(customerId)!;
    if (!profile.email)
      throw invalidInput('The customer has no e-mail address', [{ path: ['customer'], message: 'has no e-mail address' }]);
    const q = await queueMessageIn(tx, clock, workspaceId, {
      customerId,
      kind: input.kind,
      source: input.source,
      to: profile.email,
      subject: input.subject,
      text: input.text,
      html: input.html ?? `<pre style="font:inherit;white-space:pre-wrap">${escape(input.text)}</pre>`,
      idempotencyKey: input.idempotencyKey ?? null,
    });
    return (await presentMessages(tx, workspaceId, [(await store.findOutboxMessage(tx, workspaceId, q.messageId))!]))[0]!;
  });
}

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/**
 * A person decides on a held message: release sends it after all, cancel drops it. Either closes
 * its task, and both are recorded with who, when and why.
 */
export async function decideMessage(
  db: Db,
  clock: Clock,
  workspaceId: string,
  id: string,
  decision: 'release' | 'cancel',
  by: string | null,
  note?: string,
): Promise<OutboxMessage> {
  const now = clock.now();
  await db.transaction().execute(async (tx) => {
    const m = isUuid(id) ? await store.findOutboxMessage(tx, workspaceId, id, true) : undefined;
    if (!m) throw notFound('The message');
    if (m.status !== 'held')
      throw new KeptError('conflict', `The message is ${m.status}, not held: there is nothing to decide`, { status: m.status });
    await closeHeldIn(tx, workspaceId, m, decision, now, { by, note: note ?? null });
  });
  return getMessage(db, workspaceId, id);
}

/** Releases or cancels a held message and closes its task: by a person, or by the task's resolving event. */
export async function closeHeldIn(
  tx: Db,
  workspaceId: string,
  m: store.OutboxMessageRecord,
  decision: 'release' | 'cancel',
  now: Date,
  why: { by: string | null; note: string | null; eventId?: string },
): Promise<void> {
  let mailId: string | null = null;
  if (decision === 'release') {
    mailId = await enqueueMail(
      tx,
      workspaceId,
      {
        customerId: m.customerId,
        invitationId: null,
        kind: m.kind,
        to: m.to,
        subject: m.subject,
        html: m.html ?? m.text,
        text: m.text,
        headers: {},
      },
      now,
    );
  }
  await store.updateOutboxMessage(tx, workspaceId, m.id, {
    status: decision === 'release' ? 'released' : 'cancelled',
    mailId,
    decidedAt: now,
    decidedBy: why.by,
    decidedNote: why.note,
  });
  if (m.taskId) {
    await store.updateTask(tx, workspaceId, m.taskId, {
      status: 'done',
      closedAt: now,
      closedBy: why.by,
      closedNote: why.note ?? (decision === 'release' ? 'The message was released' : 'The message was cancelled'),
      closedByEvent: why.eventId ?? null,
    });
  }
  await insertEvents(
    tx,
    workspaceId,
    [
      messageEvent(m.id, m.customerId, decision === 'release' ? 'message.released' : 'message.cancelled', now, {
        kind: m.kind,
        source: m.source,
        subject: m.subject,
        byUserId: why.by,
        note: why.note,
        ...(why.eventId ? { resolvedByEventId: why.eventId } : {}),
      }),
    ],
    now,
  );
}
