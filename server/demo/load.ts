// The demo workspace, loaded: Brightline Home's departments and staff who can sign in, its
// customers and months of their stories as events and survey answers, and the product's stories
// already under way (demo-stories.ts). Running it again adds nothing twice: existing departments,
// staff and surveys are kept, events and answers carry stable idempotency keys, oopses dedupe
// keys. The demo's mail (apologies, follow-ups, staff reminders) goes to the mail preview and is
// never sent: its customers and staff are made up.
import { changeCompanyProfile, companyVoice } from '../domain/core/company-profile.ts';
import { maxEventsPerBatch, type EventInput } from '../../contract/events.ts';
import type { Survey } from '../../contract/surveys.ts';
import type { Db } from '../storage/database.ts';
import { previewDueMails } from '../storage/mails.ts';
import { demoScoreLinks } from './score-links.ts';
import type { ScoreLinkRun } from '../domain/signals/score-links.ts';
import { importResponses } from '../domain/signals/response-import.ts';
import type { Clock } from '../domain/core/clock.ts';
import { demoAnswers, demoSurveys } from './answers.ts';
import { castEvents, demoCast } from './cast.ts';
import { demoDepartments, demoStaff } from './company.ts';
import { demoEvents } from './data.ts';
import type { Candidate, LowAnswer } from './recovery.ts';
import { loadDemoStories, type StoriesLoaded } from './stories.ts';
import { loadGrowthDemo, type GrowthLoaded } from './growth.ts';
import { demoThemes, type ThemesLoaded } from './themes.ts';
import { createDepartment, listDepartments, setMembership } from '../domain/core/departments.ts';
import { KeptError } from '../domain/core/errors.ts';
import { recordEvents } from '../domain/core/events.ts';
import { getRecoverySettings } from '../domain/recovery/recovery-settings.ts';
import { newSecret } from '../domain/core/secrets.ts';
import { createSettingsCache } from '../domain/signals/signal-settings.ts';
import { createUser, defaultWorkspaceSlug, ensureWorkspace } from '../domain/core/staff.ts';
import { addTrigger, createSurvey, listSurveys } from '../domain/signals/surveys.ts';

export interface DemoLoaded {
  departments: { created: number; existing: number };
  staff: { created: string[]; existing: string[] };
  /** The one password of the staff created now; only shown once. */
  password: string;
  customers: { demo: number; stories: number };
  events: { stored: number; duplicates: number; first?: string; last?: string };
  answers: { surveysCreated: number; stored: number; duplicates: number };
  stories: StoriesLoaded;
  /** Earned Growth and the basics: sign-ups (some by referral), and the late delivery reported now. */
  growth: GrowthLoaded;
  /** Lena's click counted, Omar's mail scanner not (null on a second run: nothing new). */
  scoreLinks: ScoreLinkRun | null;
  /** The demo's mail put in the preview. */
  mailPreviewed: number;
  /** Texts analysed and the common themes added (what customers talk about). */
  themes: ThemesLoaded;
}

/** Brightline Home: the demo company's profile (issue 12, the company's voice). */
export const demoCompanyProfile = {
  companyName: 'Brightline Home',
  senderName: 'Brightline Home customer care',
  brandColour: '#0f5132',
  signature: 'Brightline Home · Customer care, every day 8–20',
  defaultLocale: 'en-GB',
  timeZone: 'Europe/London',
};

export async function loadDemo(
  db: Db,
  clock: Clock,
  o: { workspace: string; customers: number; months: number; seed: number; publicUrl: string },
): Promise<DemoLoaded> {
  const ws = await ensureWorkspace(db, o.workspace, o.workspace === defaultWorkspaceSlug ? undefined : 'Brightline Home (demo)');
  // The company customers meet in the demo's mail and pages; a profile someone saved is left alone,
  // and this one stays unconfirmed so an admin is still asked to check it.
  if (!(await companyVoice(db, ws.id)).confirmed) {
    await changeCompanyProfile(db, clock, ws.id, demoCompanyProfile, false);
  }
  const byKey = new Map((await listDepartments(db, ws.id)).map((d) => [d.key, d]));
  const departments = { created: 0, existing: 0 };
  for (const d of demoDepartments) {
    if (byKey.has(d.key)) departments.existing++;
    else {
      byKey.set(d.key, await createDepartment(db, clock, ws.id, d));
      departments.created++;
    }
  }

  const password = newSecret(12);
  const staff = { created: [] as string[], existing: [] as string[] };
  for (const person of demoStaff) {
    try {
      const user = await createUser(db, clock, ws.id, { ...person, password });
      for (const key of person.departments) await setMembership(db, clock, ws.id, byKey.get(key)!.id, user.id, true);
      staff.created.push(person.email);
    } catch (err) {
      if (!(err instanceof KeptError && err.code === 'conflict')) throw err;
      staff.existing.push(person.email);
    }
  }

  const now = clock.now();
  const events = demoEvents({ seed: o.seed, customers: o.customers, months: o.months, now });
  const all = [...events, ...castEvents(o.seed, now)];
  const loaded = { stored: 0, duplicates: 0 };
  for (let i = 0; i < all.length; i += maxEventsPerBatch) {
    for (const r of await recordEvents(db, clock, ws.id, all.slice(i, i + maxEventsPerBatch))) {
      if (r.duplicate) loaded.duplicates++;
      else loaded.stored++;
    }
  }
  const times = all.map((e) => e.occurredAt).sort();
  const settings = createSettingsCache(db, clock);
  const answers = await loadDemoAnswers(db, clock, settings, ws.id, byKey, events, o.seed);
  const stories = await loadDemoStories(db, settings, o.publicUrl, {
    seed: o.seed,
    now,
    workspaceId: ws.id,
    departments: byKey,
    followUpSurvey: answers.surveys.nps,
    lowAnswers: answers.low,
    candidates: candidates(events, answers.low),
  });
  const growth = await loadGrowthDemo(db, clock, { workspaceId: ws.id, seed: o.seed, now, events, departments: byKey });
  const scoreLinks = await demoScoreLinks(db, settings, o.publicUrl, ws.id, answers.surveys.nps, now);
  const cast = demoCast(o.seed);
  return {
    departments,
    staff,
    password,
    customers: { demo: o.customers, stories: cast.buyers.length + 1 },
    events: { ...loaded, first: times[0], last: times.at(-1) },
    answers: answers.loaded,
    stories,
    growth,
    scoreLinks,
    mailPreviewed: await previewDemoMail(db, now, ws.id),
    themes: await demoThemes(db, clock, ws.id),
  };
}

/** The demo's due mail, all of it, into the preview: a Kept started later with SMTP must not send it. */
async function previewDemoMail(db: Db, now: Date, workspaceId: string): Promise<number> {
  let total = 0;
  for (let n; (n = await previewDueMails(db, now, 1000, workspaceId));) total += n;
  return total;
}

/** The demo's customers in order, with their event types, marked when a low answer gives them a case already. */
function candidates(events: EventInput[], low: { externalId: string }[]): Candidate[] {
  const byId = new Map<string, Candidate>();
  for (const e of events) {
    const id = e.customer.externalId!;
    let c = byId.get(id);
    if (!c) byId.set(id, (c = { externalId: id, types: new Set(), taken: false }));
    c.types.add(e.type);
  }
  for (const a of low) {
    const c = byId.get(a.externalId);
    if (c) c.taken = true;
  }
  return [...byId.values()];
}

/** The demo's surveys (made once, found by name after), the answers its customers gave, and the low ones among them. */
async function loadDemoAnswers(
  db: Db,
  clock: Clock,
  settings: ReturnType<typeof createSettingsCache>,
  workspaceId: string,
  departments: Map<string, { id: string }>,
  events: EventInput[],
  seed: number,
): Promise<{
  loaded: DemoLoaded['answers'];
  surveys: Record<'nps' | 'csat' | 'ces', Survey>;
  low: (LowAnswer & { externalId: string })[];
}> {
  const existing = new Map((await listSurveys(db, workspaceId, false)).map((s) => [s.name, s]));
  const surveys = {} as Record<'nps' | 'csat' | 'ces', Survey>;
  let created = 0;
  for (const d of demoSurveys) {
    let survey = existing.get(d.input.name);
    if (!survey) {
      survey = await createSurvey(db, clock, workspaceId, {
        ...d.input,
        departmentId: d.department ? departments.get(d.department)?.id : undefined,
      });
      if (d.trigger) await addTrigger(db, clock, workspaceId, survey.id, d.trigger);
      created++;
    }
    surveys[d.kind] = survey;
  }
  const deps = { db, clock, settings, publicUrl: '' };
  const ids = { nps: surveys.nps.id, csat: surveys.csat.id, ces: surveys.ces.id };
  const answers = demoAnswers(events, seed, clock.now(), ids);
  const max = (await getRecoverySettings(db, workspaceId, clock.now())).thresholds;
  const loaded = { surveysCreated: created, stored: 0, duplicates: 0 };
  const low: (LowAnswer & { externalId: string })[] = [];
  for (let i = 0; i < answers.length; i += 1000) {
    const batch = answers.slice(i, i + 1000);
    const r = await importResponses(deps, workspaceId, batch);
    loaded.stored += r.stored;
    loaded.duplicates += r.duplicates;
    for (const x of r.results) {
      const a = batch[x.index]!;
      const survey = Object.values(surveys).find((s) => s.id === a.surveyId)!;
      if (a.score > max[survey.kind]) continue;
      low.push({
        key: a.idempotencyKey!,
        responseId: x.id,
        customerId: x.customerId,
        externalId: a.customer.externalId!,
        survey,
        score: a.score,
        reason: a.reason ?? null,
        at: Date.parse(a.answeredAt),
      });
    }
  }
  return { loaded, surveys, low };
}
