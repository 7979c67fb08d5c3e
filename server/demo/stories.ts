// The product's stories in the demo workspace, told through the functions the API, the customer's
// pages and the recovery worker use: the henna jar (demo-henna.ts), the returned equipment
// (demo-outbox.ts), oops to wow in 24 hours (demo-recovery.ts) and the dumb rule (dumb-rule.ts). Everything happens at its own time on one timeline
// (demo-timeline.ts) and is found again on a second run, which adds nothing.
import type { Case } from '../../contract/cases.ts';
import type { OutboxMessage } from '../../contract/outbox.ts';
import type { Survey } from '../../contract/surveys.ts';
import type { Db } from '../storage/database.ts';
import { listApologyTemplates } from '../domain/recovery/apology-templates.ts';
import { getCase, listCases } from '../domain/recovery/case-list.ts';
import { getCause } from '../domain/recovery/causes.ts';
import { listOutreach } from '../domain/recovery/cause-outreach.ts';
import { demoCast } from './cast.ts';
import { dumbRuleStory, type DumbRuleLoaded } from './dumb-rule.ts';
import { peopleStory, type PeopleLoaded } from './people.ts';
import { improvementsStory, type ImprovementsLoaded } from './improvements.ts';
import { promiseStory, type PromisesLoaded } from './promises.ts';
import { hennaStory, type HennaResult } from './henna.ts';
import { postBillingMessages } from './outbox.ts';
import { answerCasePlans, clockCasePlans, type Candidate, type LowAnswer, type RecoveryContext } from './recovery.ts';
import { caseActions, clockAt, runTimeline, staffByEmail, type CaseTally, type DemoDeps } from './timeline.ts';
import { recoveryReport } from '../domain/recovery/recovery-report.ts';
import { getRecoverySettings } from '../domain/recovery/recovery-settings.ts';
import type { SettingsCache } from '../domain/signals/signal-settings.ts';
import { getTask } from '../domain/one-voice/tasks.ts';

export interface StoriesInput {
  seed: number;
  now: Date;
  workspaceId: string;
  departments: Map<string, { id: string }>;
  /** The survey the follow-ups re-ask (the relationship NPS). */
  followUpSurvey: Survey;
  lowAnswers: LowAnswer[];
  candidates: Candidate[];
}

export interface StoriesLoaded {
  cases: CaseTally & { open: number; reminded: number; escalated: number; breached: number };
  report: { within24h: number; decided: number; share: number | null; followUps: number; followUpNps: number | null };
  henna: { affected: number; contacted: number; outreach: string | null; caseLinked: boolean };
  /** Billing's messages to the customer who returned her hub: held with their reasons, and the departments their tasks went to. */
  held: { customer: string; messages: number; reasons: string[]; taskDepartments: string[] };
  /** The restocking-fee rule: its friction, an exception and its review under way. */
  dumbRule: DumbRuleLoaded;
  /** Recognition, internal customers and the obsession score. */
  people: PeopleLoaded;
  /** "You said, we did": one improvement done (its customers told), one planned with several customers' words. */
  improvements: ImprovementsLoaded;
  /** Promises made, kept and broken, and what their customers were told. */
  promises: PromisesLoaded;
}

export async function loadDemoStories(db: Db, settings: SettingsCache, publicUrl: string, o: StoriesInput): Promise<StoriesLoaded> {
  const now = o.now.getTime();
  const d: DemoDeps = { db, settings, publicUrl, workspaceId: o.workspaceId, now, staff: await staffByEmail(db, o.workspaceId) };
  const managerEmail =
    [...d.staff.keys()].find((e) => e === 'maya.fischer@kept.local') ?? [...d.staff].find(([, u]) => u.role !== 'agent')?.[0];
  const manager = managerEmail ? (d.staff.get(managerEmail) as { id: string; role: 'manager' | 'admin' }) : undefined;
  const ctx: RecoveryContext = {
    seed: o.seed,
    settings: await getRecoverySettings(db, o.workspaceId, o.now),
    followUpSurveyId: o.followUpSurvey.id,
    departments: o.departments,
    approverId: manager?.id,
  };
  const cast = demoCast(o.seed);
  const henna: HennaResult = {};
  const story = hennaStory(
    d,
    {
      seed: o.seed,
      cast,
      templates: await listApologyTemplates(db, o.workspaceId, o.now),
      support: o.departments.get('support')?.id,
      manager,
      followUpSurveyId: o.followUpSurvey.id,
    },
    henna,
  );
  const tally: CaseTally = { opened: 0, existing: 0, joined: 0, steps: 0 };
  const plans = [...answerCasePlans(d, ctx, o.lowAnswers), ...clockCasePlans(d, ctx, o.candidates), story.plan];
  await runTimeline([...plans.flatMap((p) => caseActions(d, p, tally)), ...story.actions], now);
  const messages = await postBillingMessages(d, o.seed, cast);
  return {
    cases: { ...tally, ...(await clockStates(db, o.workspaceId)) },
    report: await reportFigures(db, o),
    henna: await hennaFigures(db, o.workspaceId, henna),
    held: await heldFigures(db, o, cast.returning.name, messages),
    dumbRule: await dumbRuleStory(db, d, (o.departments.get('returns') ?? o.departments.get('support'))?.id, manager),
    people: await peopleStory(db, d, o.followUpSurvey, o.departments),
    improvements: await improvementsStory(d, manager),
    promises: await promiseStory(d, o.seed, cast, manager?.id),
  };
}

/** The open cases by where their clock stands. */
async function clockStates(db: Db, workspaceId: string) {
  const open: Case[] = [];
  for (let cursor: string | undefined; ;) {
    const page = await listCases(db, workspaceId, undefined, { status: 'open', limit: 200, cursor });
    open.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  const waiting = open.filter((c) => !c.recoveredAt);
  return {
    open: open.length,
    reminded: waiting.filter((c) => c.remindedAt && !c.escalatedAt).length,
    escalated: waiting.filter((c) => c.escalatedAt && !c.breachedAt).length,
    breached: waiting.filter((c) => c.breachedAt).length,
  };
}

async function reportFigures(db: Db, o: StoriesInput): Promise<StoriesLoaded['report']> {
  const r = await recoveryReport(db, clockAt(o.now.getTime()), o.workspaceId, {});
  const nps = r.paradox.find((p) => p.kind === 'nps')!.followUp;
  return {
    within24h: r.within24h.within,
    decided: r.within24h.n,
    share: r.within24h.value,
    followUps: r.paradox.reduce((n, p) => n + p.followUp.n, 0),
    followUpNps: nps.value,
  };
}

async function hennaFigures(db: Db, workspaceId: string, h: HennaResult): Promise<StoriesLoaded['henna']> {
  if (!h.causeId) return { affected: 0, contacted: 0, outreach: null, caseLinked: false };
  const cause = await getCause(db, workspaceId, h.causeId);
  const runs = await listOutreach(db, workspaceId, h.causeId);
  return {
    affected: cause.affectedCustomers ?? 0,
    contacted: runs.reduce((n, r) => n + r.apologised, 0),
    outreach: runs[0]?.status ?? null,
    caseLinked: h.caseId ? (await getCase(db, workspaceId, h.caseId)).causeId === h.causeId : false,
  };
}

async function heldFigures(db: Db, o: StoriesInput, customer: string, messages: OutboxMessage[]): Promise<StoriesLoaded['held']> {
  const held = messages.filter((m) => m.status === 'held');
  const keyOf = new Map([...o.departments].map(([key, d]) => [d.id, key]));
  const departments: string[] = [];
  for (const m of held) {
    if (!m.taskId) continue;
    const task = await getTask(db, o.workspaceId, m.taskId);
    departments.push((task.departmentId && keyOf.get(task.departmentId)) || 'no department');
  }
  return { customer, messages: held.length, reasons: held.map((m) => m.decision), taskDepartments: departments };
}
