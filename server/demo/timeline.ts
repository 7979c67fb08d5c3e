// The demo's recovery work as a timeline. Each action runs with the clock stopped at its own
// time, in time order, through the functions staff, customers and the recovery worker call: a
// case opens when its oops is reported, its clock's points fire when they fall due, staff take
// the playbook's steps hours later, the customer replies on their case page and answers the
// follow-up. Nothing after the demo's `now` happens: it is left for the person trying Kept.
// Safe to run twice: an oops reported again is a duplicate (dedupe keys), and a case found that
// way is read back so only the steps it lacks are taken; nothing fires twice.
import type { Role } from '../../contract/common.ts';
import type { CaseDetail } from '../../contract/cases.ts';
import type { StepInput, StepName } from '../../contract/playbook.ts';
import type { Db } from '../storage/database.ts';
import { listUsers } from '../storage/staff.ts';
import { submitAnswer } from '../domain/signals/answer-submission.ts';
import { closeCase, skipStep, takeStep } from '../domain/recovery/case-actions.ts';
import { getCaseDetail } from '../domain/recovery/case-detail.ts';
import { advanceCaseClocks } from '../domain/recovery/case-escalation.ts';
import { caseUrl, replyFromCustomer, type PlaybookDeps } from '../domain/recovery/case-messages.ts';
import { getCase } from '../domain/recovery/case-list.ts';
import type { Reported } from '../domain/recovery/cases.ts';
import type { Clock } from '../domain/core/clock.ts';
import { invitationToken } from '../domain/signals/links.ts';
import type { Principal } from '../domain/core/principal.ts';
import type { SettingsCache } from '../domain/signals/signal-settings.ts';

export interface DemoDeps {
  db: Db;
  settings: SettingsCache;
  publicUrl: string;
  workspaceId: string;
  /** The demo's now, in ms: nothing later happens. */
  now: number;
  /** Active staff by e-mail. */
  staff: Map<string, { id: string; role: Role }>;
}

export async function staffByEmail(db: Db, workspaceId: string): Promise<DemoDeps['staff']> {
  const users = await listUsers(db, workspaceId);
  return new Map(users.filter((u) => !u.disabledAt).map((u) => [u.email, { id: u.id, role: u.role }]));
}

export const clockAt = (t: number): Clock => ({ now: () => new Date(t) });
export const depsAt = (d: DemoDeps, t: number): PlaybookDeps => ({
  db: d.db,
  clock: clockAt(t),
  settings: d.settings,
  publicUrl: d.publicUrl,
});

export interface Action {
  at: number;
  run(): Promise<void>;
}

/** Runs the actions due by `now` in time order (ties in the order given), one after another. */
export async function runTimeline(actions: Action[], now: number): Promise<void> {
  const due = actions
    .map((a, i) => ({ a, i }))
    .filter((x) => x.a.at <= now)
    .sort((x, y) => x.a.at - y.a.at || x.i - y.i);
  for (const { a } of due) await a.run();
}

/** One thing that happens to a case after it opened; `by` is a staff e-mail (default: the owner). */
export type Move = { at: number } & (
  | { step: StepInput | (() => StepInput | undefined); by?: string }
  | { skip: StepName; reason: string; by?: string }
  | { reply: string }
  | { answer: { score: number; reason?: string } }
  | { close: string; by?: string }
  /** A later oops of the same customer, joining the case. */
  | { oops: (clock: Clock) => Promise<Reported> }
  /** The recovery worker looks at the case's clock (its points fire if they are due and it is not recovered). */
  | { tick: true }
);

export interface CasePlan {
  at: number;
  /** The oops's summary: a case found again on a later run is recognised by its title. */
  summary: string;
  open(clock: Clock): Promise<Reported>;
  moves: Move[];
  /** Told the case's id once it is known. */
  onCase?(caseId: string): void;
}

export interface CaseTally {
  opened: number;
  existing: number;
  joined: number;
  steps: number;
}

interface State {
  caseId?: string;
  fresh: boolean;
  ownerId: string | null;
  closed: boolean;
  taken: Set<StepName>;
  replied: boolean;
  answered: boolean;
}

const sameTitle = (title: string, summary: string) => summary.startsWith(title.replace(/\.\.\.$/, ''));

function remember(s: State, c: CaseDetail) {
  s.caseId = c.id;
  s.ownerId = c.ownerId;
  s.closed = c.status === 'closed';
  s.taken = new Set(c.playbook.filter((p) => p.status !== 'pending').map((p) => p.step));
  s.replied = c.messages.some((m) => m.direction === 'from_customer');
  s.answered = !!c.playbook.find((p) => p.step === 'follow_up')?.data.response;
}

/** The actions of one case's plan, sharing what they learn about the case. */
export function caseActions(d: DemoDeps, plan: CasePlan, tally: CaseTally): Action[] {
  const s: State = { fresh: false, ownerId: null, closed: false, taken: new Set(), replied: false, answered: false };
  const admin = [...d.staff.values()].find((u) => u.role === 'admin');
  const principal = (by?: string): Principal => {
    const named = by ? d.staff.get(by) : undefined;
    const owner = [...d.staff.values()].find((u) => u.id === s.ownerId);
    const who = named ?? owner ?? admin;
    return { workspaceId: d.workspaceId, role: who?.role ?? 'admin', kind: 'user', userId: who?.id };
  };
  const live = () => s.caseId !== undefined && !s.closed;
  const open: Action = {
    at: plan.at,
    async run() {
      const r = await plan.open(clockAt(plan.at));
      if (r.joined && !r.duplicate) {
        tally.joined++; // the customer had an open case we did not plan for: it is not ours to work
        return;
      }
      if (!r.duplicate) {
        s.caseId = r.caseId;
        s.fresh = true;
        s.ownerId = (await getCase(d.db, d.workspaceId, r.caseId)).ownerId;
        tally.opened++;
      } else {
        const c = await getCaseDetail(depsAt(d, d.now), d.workspaceId, r.caseId);
        if (!sameTitle(c.title, plan.summary)) return; // it joined another case on an earlier run
        remember(s, c);
        tally.existing++;
      }
      plan.onCase?.(s.caseId!);
    },
  };
  const act = (m: Move): Action => ({
    at: m.at,
    async run() {
      const at = depsAt(d, m.at);
      if ('oops' in m) {
        await m.oops(clockAt(m.at));
      } else if ('tick' in m) {
        if (!s.fresh || !live()) return;
        const r = await advanceCaseClocks({ db: d.db, clock: at.clock }, [{ workspaceId: d.workspaceId, caseId: s.caseId! }]);
        if (r.failed.size) throw [...r.failed.values()][0]!;
      } else if (!live()) {
        return;
      } else if ('step' in m) {
        const input = typeof m.step === 'function' ? m.step() : m.step;
        if (!input || s.taken.has(input.step)) return;
        // A restitution is the approver's own action: they record it.
        const approver =
          input.step === 'restitution' && input.approvedBy ? [...d.staff.values()].find((u) => u.id === input.approvedBy) : undefined;
        const who = approver
          ? { workspaceId: d.workspaceId, role: approver.role, kind: 'user' as const, userId: approver.id }
          : principal(m.by);
        await takeStep(at, who, s.caseId!, input);
        s.taken.add(input.step);
        tally.steps++;
      } else if ('skip' in m) {
        if (s.taken.has(m.skip)) return;
        await skipStep(at, principal(m.by), s.caseId!, m.skip, { reason: m.reason });
        s.taken.add(m.skip);
        tally.steps++;
      } else if ('reply' in m) {
        if (s.replied) return;
        const url = await caseUrl(at, d.workspaceId, s.caseId!);
        await replyFromCustomer(at, url.slice(url.lastIndexOf('/') + 1), m.reply);
        s.replied = true;
      } else if ('answer' in m) {
        if (s.answered || !s.taken.has('follow_up')) return;
        const c = await getCaseDetail(at, d.workspaceId, s.caseId!);
        const f = c.playbook.find((p) => p.step === 'follow_up')!.data;
        if (f.status !== 'sent' || f.response || typeof f.invitationId !== 'string') return;
        const token = invitationToken(await d.settings.get(d.workspaceId), d.workspaceId, f.invitationId);
        await submitAnswer(at, token, { score: m.answer.score, reason: m.answer.reason, answers: {} });
        s.answered = true;
      } else if ('close' in m) {
        await closeCase(at, principal(m.by), s.caseId!, m.close);
        s.closed = true;
      }
    },
  });
  return [open, ...plan.moves.map(act)];
}
