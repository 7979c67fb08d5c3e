// What staff do with a case: take the playbook's steps in order (or skip one with a reason),
// reassign it, link it to a cause, and close it once the required steps are done. Each action is
// one transaction on the locked case, recorded with who and when, and lands on the timeline.
import type { CaseUpdate } from '../../../contract/cases.ts';
import type { SkipInput, StepInput, StepName } from '../../../contract/playbook.ts';
import { findApologyTemplate } from '../../storage/apology-templates.ts';
import { cancelClock } from '../../storage/case-clocks.ts';
import { activeStaff, departmentExists, insertAssignment } from '../../storage/case-assignments.ts';
import { insertStep, stepsOf, type CaseStep } from '../../storage/case-steps.ts';
import * as store from '../../storage/cases.ts';
import { findCause } from '../../storage/causes.ts';
import type { Db } from '../../storage/database.ts';
import { insertEvents } from '../../storage/events.ts';
import { customerProfiles } from '../../storage/invitations.ts';
import { caseEvent } from './case-events.ts';
import { companyName, sendToCustomerIn, type PlaybookDeps } from './case-messages.ts';
import { KeptError, invalidInput, notFound } from '../core/errors.ts';
import { isUuid } from '../../lib/ids.ts';
import { inviteForFollowUp } from '../signals/invitations.ts';
import { checkApology, checkOrder, fillMessage, isRecovered, missingRequired } from './playbook.ts';
import type { Principal } from '../core/principal.ts';
import { recoverySettingsOf } from './recovery-settings.ts';
import { caseTitleMax, customerTitleOf } from './customer-title.ts';
import { tidyPunctuation, trimAtWord } from '../core/customer-text.ts';
import { recordHandOffIn } from '../learning/hand-offs.ts';

const day = 86_400_000;

/** Runs `act` on the locked, open case in one transaction. */
async function withOpenCase<T>(
  d: PlaybookDeps,
  p: Principal,
  caseId: string,
  act: (tx: Db, c: store.CaseRecord, taken: CaseStep[]) => Promise<T>,
  allowClosed = false,
): Promise<T> {
  if (!isUuid(caseId)) throw notFound('The case');
  return d.db.transaction().execute(async (tx) => {
    const c = await store.findCase(tx, p.workspaceId, caseId, true);
    if (!c) throw notFound('The case');
    if (c.status === 'closed' && !allowClosed) throw new KeptError('conflict', `Case #${c.number} is closed`, { reason: 'closed' });
    return act(tx, c, (await stepsOf(tx, p.workspaceId, [c.id])).get(c.id) ?? []);
  });
}

/** Staff who may be named on a case (owner, approver): active, in this workspace. */
async function activeUser(tx: Db, workspaceId: string, id: string, field: string, roles?: string[]) {
  const u = isUuid(id) ? await activeStaff(tx, workspaceId, id) : undefined;
  if (!u) throw invalidInput('The person named is not active staff of this workspace', [{ path: [field], message: 'no such active user' }]);
  if (roles && !roles.includes(u.role)) {
    throw invalidInput(`${u.name || u.email} cannot approve this`, [{ path: [field], message: 'must be a manager or admin' }]);
  }
  return u;
}

async function checkCause(tx: Db, workspaceId: string, causeId: string): Promise<void> {
  if (!(await findCause(tx, workspaceId, causeId))) {
    throw invalidInput('No such cause', [{ path: ['causeId'], message: 'no such cause in this workspace' }]);
  }
}

/** The case became recovered with this step: the clock stops and the timeline says so. */
async function markRecoveredIfSo(tx: Db, c: store.CaseRecord, taken: { step: StepName }[], now: Date): Promise<void> {
  if (c.recoveredAt || !isRecovered(taken)) return;
  await store.updateCase(tx, c.workspaceId, c.id, { recoveredAt: now });
  await cancelClock(tx, c.id);
  const hours = Math.round(((now.getTime() - c.oopsAt.getTime()) / 3_600_000) * 10) / 10;
  await insertEvents(
    tx,
    c.workspaceId,
    [caseEvent(c, 'case.recovered', now, { hoursSinceOops: hours, dueAt: c.dueAt.toISOString() })],
    now,
  );
}

/** Takes the next step of the playbook. Throws conflict when it is out of order or taken already. */
export async function takeStep(d: PlaybookDeps, p: Principal, caseId: string, input: StepInput): Promise<void> {
  await withOpenCase(d, p, caseId, (tx, c, taken) => takeStepIn(tx, d, p, c, taken, input));
}

/** takeStep inside the caller's transaction, on a case the caller has locked, with the steps it has taken. */
export async function takeStepIn(
  tx: Db,
  d: PlaybookDeps,
  p: Principal,
  c: store.CaseRecord,
  taken: CaseStep[],
  input: StepInput,
): Promise<void> {
  const now = d.clock.now();
  const by = p.userId ?? null;
  checkOrder(input.step, taken);
  let data: Record<string, unknown> = {};
  let cost: { amount: number; currency: string; approvedBy: string } | undefined;
  const staffName = by ? ((await activeStaff(tx, c.workspaceId, by))?.name ?? null) : null;
  const fill = async (text: string) => {
    const customer = (await customerProfiles(tx, c.workspaceId, [c.customerId])).get(c.customerId);
    return fillMessage(text, {
      customerName: customer?.name ?? null,
      staffName,
      caseTitle: customerTitleOf(c),
      caseNumber: c.number,
      company: await companyName(tx, c.workspaceId),
    });
  };
  switch (input.step) {
    case 'acknowledge': {
      const sent = input.message ? await sendToCustomerIn(tx, d, c, await fill(input.message), by, now) : undefined;
      data = { note: input.note ?? null, messageId: sent?.messageId ?? null };
      break;
    }
    case 'apologise': {
      const message = await fill(input.message);
      checkApology(message, ['message']);
      if (input.templateId && !(isUuid(input.templateId) && (await findApologyTemplate(tx, c.workspaceId, input.templateId)))) {
        throw invalidInput('No such apology template', [{ path: ['templateId'], message: 'no such template in this workspace' }]);
      }
      const sent = await sendToCustomerIn(tx, d, c, message, by, now);
      data = { message, messageId: sent.messageId, templateId: input.templateId ?? null };
      break;
    }
    case 'investigate':
      if (input.causeId) {
        await checkCause(tx, c.workspaceId, input.causeId);
        await store.updateCase(tx, c.workspaceId, c.id, { causeId: input.causeId });
      }
      data = { rootCause: input.rootCause, causeId: input.causeId ?? null };
      break;
    case 'fix':
      data = { note: input.note };
      break;
    case 'ask':
      data = { question: input.question ?? null, answer: input.answer };
      break;
    case 'restitution': {
      // An approval is the approver's own action: a person records it themselves (approvedBy,
      // if given, must be them); a manager's or admin's API token records one a named manager gave.
      if (p.role === 'agent') {
        throw new KeptError('forbidden', 'A restitution is approved by a manager or admin, who records this step themselves', {
          problems: [{ path: ['approvedBy'], message: 'only a manager or admin records a restitution' }],
        });
      }
      let approver = input.approvedBy;
      if (by) {
        if (approver && approver !== by) {
          throw new KeptError('forbidden', 'You can record only your own approval', {
            problems: [{ path: ['approvedBy'], message: 'must be you (or left out): an approval is the approver’s own action' }],
          });
        }
        approver = by;
      } else if (!approver) {
        throw invalidInput('A restitution needs a manager’s approval', [
          { path: ['approvedBy'], message: 'name the manager or admin who approved it' },
        ]);
      }
      await activeUser(tx, c.workspaceId, approver, 'approvedBy', ['manager', 'admin']);
      cost = { amount: input.cost.amount, currency: input.cost.currency, approvedBy: approver };
      data = { what: input.what, wow: input.wow ?? null };
      break;
    }
    case 'follow_up': {
      const settings = await recoverySettingsOf(tx, c.workspaceId, now);
      const fixed = taken.find((t) => t.step === 'fix');
      const sendAt = input.sendAt
        ? new Date(input.sendAt)
        : new Date(Math.max(now.getTime(), (fixed?.at ?? now).getTime() + settings.followUpDays * day));
      let inv;
      try {
        inv = await inviteForFollowUp(tx, d, c.workspaceId, {
          surveyId: input.surveyId,
          customerId: c.customerId,
          caseId: c.id,
          channel: input.channel,
          sendAt,
          createdBy: by,
        });
      } catch (err) {
        if (err instanceof KeptError && err.code === 'not_found') {
          throw invalidInput('No such survey', [{ path: ['surveyId'], message: 'no such survey in this workspace' }]);
        }
        throw err;
      }
      data = { surveyId: input.surveyId, invitationId: inv.invitationId, sendAt: sendAt.toISOString(), channel: input.channel };
      break;
    }
  }
  await insertStep(tx, { workspaceId: c.workspaceId, caseId: c.id, step: input.step, status: 'done', byUser: by, at: now, data, cost });
  await insertEvents(tx, c.workspaceId, [caseEvent(c, 'case.step_completed', now, { step: input.step, byUserId: by })], now);
  await markRecoveredIfSo(tx, c, [...taken, { step: input.step }], now);
}

/** Skips a step with a reason; the same order rule applies. */
export async function skipStep(d: PlaybookDeps, p: Principal, caseId: string, step: StepName, input: SkipInput): Promise<void> {
  const now = d.clock.now();
  await withOpenCase(d, p, caseId, async (tx, c, taken) => {
    checkOrder(step, taken);
    const by = p.userId ?? null;
    await insertStep(tx, {
      workspaceId: c.workspaceId,
      caseId: c.id,
      step,
      status: 'skipped',
      byUser: by,
      at: now,
      data: {},
      skipReason: input.reason,
    });
    await insertEvents(tx, c.workspaceId, [caseEvent(c, 'case.step_skipped', now, { step, reason: input.reason, byUserId: by })], now);
    await markRecoveredIfSo(tx, c, [...taken, { step }], now);
  });
}

/** Reassigns, changes severity or links a cause. A reassignment is recorded; a closed case takes only a cause. */
export async function updateCase(d: PlaybookDeps, p: Principal, caseId: string, u: CaseUpdate): Promise<void> {
  const now = d.clock.now();
  // A closed case still takes a cause, and a title for the customer (its page stays readable).
  const onlyCause = Object.keys(u).every((k) => k === 'causeId' || k === 'customerTitle');
  await withOpenCase(
    d,
    p,
    caseId,
    async (tx, c) => {
      const set: store.CaseChange = {};
      if (u.ownerId) await activeUser(tx, c.workspaceId, u.ownerId, 'ownerId');
      if (u.departmentId && !(await departmentExists(tx, c.workspaceId, u.departmentId))) {
        throw invalidInput('No such department', [{ path: ['departmentId'], message: 'no such department in this workspace' }]);
      }
      if (u.causeId) await checkCause(tx, c.workspaceId, u.causeId);
      if (u.causeId !== undefined) set.causeId = u.causeId;
      if (u.severity) set.severity = u.severity;
      if (u.customerTitle !== undefined)
        set.customerTitle = u.customerTitle ? trimAtWord(tidyPunctuation(u.customerTitle), caseTitleMax) : null;
      const owner = u.ownerId === undefined ? c.ownerId : u.ownerId;
      const department = u.departmentId === undefined ? c.departmentId : u.departmentId;
      if (owner !== c.ownerId || department !== c.departmentId) {
        set.ownerId = owner;
        set.departmentId = department;
        await insertAssignment(tx, {
          workspaceId: c.workspaceId,
          caseId: c.id,
          at: now,
          ownerId: owner,
          departmentId: department,
          byUser: p.userId ?? null,
          how: owner ? 'reassigned' : 'unassigned',
        });
        await insertEvents(
          tx,
          c.workspaceId,
          [caseEvent(c, 'case.reassigned', now, { ownerId: owner, departmentId: department, byUserId: p.userId ?? null })],
          now,
        );
        // Passed to another department: a hand-off the first department rates (learning/hand-offs.ts).
        await recordHandOffIn(tx, d.clock, c.workspaceId, {
          kind: 'case',
          refId: c.id,
          requesting: c.departmentId,
          giving: department,
          title: `Case #${c.number}: ${c.title}`,
          byUser: p.userId ?? null,
        });
      }
      if (Object.keys(set).length) await store.updateCase(tx, c.workspaceId, c.id, set);
    },
    onlyCause,
  );
}

/** Closes the case; conflict naming the missing steps when the workspace's required ones are not all done or skipped. */
export async function closeCase(d: PlaybookDeps, p: Principal, caseId: string, note?: string): Promise<void> {
  const now = d.clock.now();
  await withOpenCase(d, p, caseId, async (tx, c, taken) => {
    const settings = await recoverySettingsOf(tx, c.workspaceId, now);
    const missing = missingRequired(settings.requiredSteps, taken);
    if (missing.length) {
      throw new KeptError('conflict', `Case #${c.number} cannot close yet: ${missing.join(', ')} still to do or skip`, {
        reason: 'required_steps',
        missing,
      });
    }
    await store.updateCase(tx, c.workspaceId, c.id, { status: 'closed', closedAt: now, closedBy: p.userId ?? null });
    await cancelClock(tx, c.id);
    await insertEvents(
      tx,
      c.workspaceId,
      [
        caseEvent(c, 'case.closed', now, {
          note: note ?? null,
          recovered: !!c.recoveredAt,
          hoursSinceOops: Math.round(((now.getTime() - c.oopsAt.getTime()) / 3_600_000) * 10) / 10,
          byUserId: p.userId ?? null,
        }),
      ],
      now,
    );
  });
}
