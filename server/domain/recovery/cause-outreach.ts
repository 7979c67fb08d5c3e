// Outreach: contact every customer a cause touched before they complain. One action opens a
// proactive case for each (or joins their open one), links it to the cause, acknowledges it and
// sends one apology each. It runs in the recovery worker a batch at a time, each batch one
// transaction that also queues the next, so a restart resumes where it stopped and staff watch
// the progress.
import type { Outreach, OutreachInput } from '../../../contract/causes.ts';
import { departmentExists } from '../../storage/case-assignments.ts';
import { stepsOf } from '../../storage/case-steps.ts';
import * as cases from '../../storage/cases.ts';
import * as causes from '../../storage/causes.ts';
import * as store from '../../storage/cause-outreach.ts';
import type { Db } from '../../storage/database.ts';
import { takeStepIn } from './case-actions.ts';
import type { PlaybookDeps } from './case-messages.ts';
import { reportOopsIn } from './cases.ts';
import { KeptError, invalidInput, notFound } from '../core/errors.ts';
import { isUuid, uuidv7 } from '../../lib/ids.ts';
import { checkApology } from './playbook.ts';
import type { Principal } from '../core/principal.ts';

/** Customers per batch: one transaction each, short enough not to hold the workspace's case lock for long. */
export const outreachBatchSize = 50;

export const toOutreach = (r: store.OutreachRecord): Outreach => ({
  id: r.id,
  causeId: r.causeId,
  status: r.status,
  total: r.total,
  processed: r.processed,
  opened: r.opened,
  joined: r.joined,
  skipped: r.skipped,
  apologised: r.apologised,
  error: r.error,
  startedAt: r.startedAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
});

async function causeOf(db: Db, workspaceId: string, id: string) {
  const c = isUuid(id) ? await causes.findCause(db, workspaceId, id) : undefined;
  if (!c) throw notFound('The cause');
  return c;
}

/** Starts the outreach; conflict when one is already running for the cause. */
export async function startOutreach(d: PlaybookDeps, p: Principal, causeId: string, input: OutreachInput): Promise<Outreach> {
  checkApology(input.message, ['message']);
  const now = d.clock.now();
  const cause = await causeOf(d.db, p.workspaceId, causeId);
  if (input.departmentId && !(await departmentExists(d.db, p.workspaceId, input.departmentId))) {
    throw invalidInput('No such department', [{ path: ['departmentId'], message: 'no such department in this workspace' }]);
  }
  const total = await causes.countAffected(d.db, p.workspaceId, cause.selector);
  const id = uuidv7(now.getTime());
  await d.db.transaction().execute(async (tx) => {
    const started = await store.insertOutreach(tx, {
      workspaceId: p.workspaceId,
      id,
      causeId: cause.id,
      message: input.message,
      severity: input.severity,
      departmentId: input.departmentId ?? null,
      status: total ? 'running' : 'done',
      total,
      startedBy: p.userId ?? null,
      startedAt: now,
      finishedAt: total ? null : now,
    });
    if (!started) throw new KeptError('conflict', 'An outreach for this cause is already running', { reason: 'running' });
    if (total) await store.queueOutreachBatch(tx, p.workspaceId, id, now);
  });
  return toOutreach((await store.findOutreach(d.db, p.workspaceId, id))!);
}

export async function getOutreach(db: Db, workspaceId: string, causeId: string, id: string): Promise<Outreach> {
  const r = isUuid(id) ? await store.findOutreach(db, workspaceId, id) : undefined;
  if (!r || r.causeId !== causeId) throw notFound('The outreach');
  return toOutreach(r);
}

export async function listOutreach(db: Db, workspaceId: string, causeId: string): Promise<Outreach[]> {
  await causeOf(db, workspaceId, causeId);
  return (await store.outreachOfCause(db, workspaceId, causeId)).map(toOutreach);
}

/**
 * One batch of a running outreach: answers true when more batches follow (it has queued the
 * next one). The proactive cases' clocks start when the cause was recorded: the moment the
 * company knew it had touched these customers.
 */
export async function runOutreachBatch(d: PlaybookDeps, workspaceId: string, id: string): Promise<boolean> {
  const now = d.clock.now();
  return d.db.transaction().execute(async (tx) => {
    const run = await store.findOutreach(tx, workspaceId, id, true);
    if (!run || run.status !== 'running') return false;
    const cause = (await causes.findCause(tx, workspaceId, run.causeId))!;
    const after = run.cursor as { firstAt: string; customerId: string } | null;
    const page = await causes.affectedCustomers(tx, workspaceId, cause.selector, {
      limit: outreachBatchSize,
      after: after ? { firstAt: new Date(after.firstAt), customerId: after.customerId } : undefined,
    });
    const actor: Principal = { workspaceId, role: 'manager', kind: 'user', userId: run.startedBy ?? undefined };
    const n = { opened: 0, joined: 0, skipped: 0, apologised: 0 };
    for (const a of page) {
      if (a.caseId && a.caseCauseId === cause.id) {
        n.skipped++;
        continue;
      }
      const r = await reportOopsIn(tx, d.clock, workspaceId, {
        kind: 'proactive',
        customerId: a.customerId,
        occurredAt: cause.createdAt,
        summary: cause.title,
        severity: run.severity,
        ref: { causeId: cause.id, outreachId: run.id, firstEventAt: a.firstAt.toISOString() },
        dedupeKey: `cause:${cause.id}:customer:${a.customerId}`,
        departmentId: run.departmentId,
        byUser: run.startedBy,
      });
      if (r.duplicate) {
        n.skipped++;
        continue;
      }
      n[r.joined ? 'joined' : 'opened']++;
      const c = (await cases.findCase(tx, workspaceId, r.caseId, true))!;
      if (!c.causeId) await cases.updateCase(tx, workspaceId, c.id, { causeId: cause.id });
      const taken = async () => (await stepsOf(tx, workspaceId, [c.id])).get(c.id) ?? [];
      let steps = await taken();
      if (!steps.some((t) => t.step === 'acknowledge')) {
        await takeStepIn(tx, d, actor, c, steps, { step: 'acknowledge', note: `Proactive outreach: ${cause.title}` });
        steps = await taken();
      }
      if (!steps.some((t) => t.step === 'apologise')) {
        await takeStepIn(tx, d, actor, c, steps, { step: 'apologise', message: run.message });
        n.apologised++;
      }
    }
    const last = page.at(-1);
    const done = page.length < outreachBatchSize;
    await store.updateOutreach(tx, workspaceId, id, {
      processed: run.processed + page.length,
      opened: run.opened + n.opened,
      joined: run.joined + n.joined,
      skipped: run.skipped + n.skipped,
      apologised: run.apologised + n.apologised,
      cursor: last ? { firstAt: last.firstAt.toISOString(), customerId: last.customerId } : after,
      ...(done ? { status: 'done' as const, finishedAt: now } : {}),
    });
    if (!done) await store.queueOutreachBatch(tx, workspaceId, id, now);
    return !done;
  });
}

/** The run gave up after its retries: staff see why, and may start it again (done customers are skipped). */
export async function failOutreach(db: Db, clock: { now(): Date }, workspaceId: string, id: string, error: string): Promise<void> {
  await store.updateOutreach(db, workspaceId, id, { status: 'failed', error: error.slice(0, 2000), finishedAt: clock.now() });
}
