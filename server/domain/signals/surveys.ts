// Surveys: what is asked, of whom and when. A survey's kind never changes once made, so every
// answer it ever collected is on the same scale.
import type { Survey, SurveyInput, SurveyPatch, Trigger } from '../../../contract/surveys.ts';
import type { Db } from '../../storage/database.ts';
import { findDepartment } from '../../storage/departments.ts';
import * as store from '../../storage/surveys.ts';
import type { Clock } from '../core/clock.ts';
import { invalidInput, KeptError, notFound } from '../core/errors.ts';
import { uuidv7 } from '../../lib/ids.ts';
import { forgetTriggerTypes } from './triggers.ts';

async function checkDepartment(db: Db, workspaceId: string, departmentId: string | null | undefined) {
  if (departmentId && !(await findDepartment(db, workspaceId, departmentId))) {
    throw invalidInput('The survey was not saved', [{ path: ['departmentId'], message: 'is not a department of this workspace' }]);
  }
}

export async function createSurvey(db: Db, clock: Clock, workspaceId: string, input: SurveyInput): Promise<Survey> {
  await checkDepartment(db, workspaceId, input.departmentId);
  const now = clock.now().toISOString();
  const survey: Survey = {
    id: uuidv7(),
    kind: input.kind,
    name: input.name,
    departmentId: input.departmentId ?? null,
    askReason: input.askReason,
    questions: input.questions,
    texts: input.texts as Survey['texts'],
    defaultLocale: input.defaultLocale,
    brand: input.brand,
    samplePercent: input.samplePercent,
    createdAt: now,
    updatedAt: now,
    archivedAt: null,
  };
  await store.insertSurvey(db, workspaceId, survey);
  return survey;
}

export async function getSurvey(db: Db, workspaceId: string, id: string): Promise<Survey> {
  const s = await store.findSurvey(db, workspaceId, id);
  if (!s) throw notFound('The survey');
  return s;
}

export async function updateSurvey(db: Db, clock: Clock, workspaceId: string, id: string, patch: SurveyPatch): Promise<Survey> {
  const s = await getSurvey(db, workspaceId, id);
  if (s.archivedAt) throw new KeptError('conflict', 'The survey is archived; archived surveys cannot change');
  await checkDepartment(db, workspaceId, patch.departmentId);
  const next: Survey = {
    ...s,
    ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
    texts: (patch.texts as Survey['texts'] | undefined) ?? s.texts,
    updatedAt: clock.now().toISOString(),
  };
  await store.updateSurvey(db, workspaceId, next);
  return next;
}

/** An archived survey sends nothing more and takes no new answers; its answers stay. */
export async function archiveSurvey(db: Db, clock: Clock, workspaceId: string, id: string): Promise<Survey> {
  const s = await getSurvey(db, workspaceId, id);
  if (s.archivedAt) return s;
  const next = { ...s, archivedAt: clock.now().toISOString(), updatedAt: clock.now().toISOString() };
  await store.updateSurvey(db, workspaceId, next);
  return next;
}

export async function addTrigger(
  db: Db,
  clock: Clock,
  workspaceId: string,
  surveyId: string,
  input: { eventType: string; delayHours: number },
): Promise<Trigger> {
  const s = await getSurvey(db, workspaceId, surveyId);
  if (s.archivedAt) throw new KeptError('conflict', 'The survey is archived; it cannot get new triggers');
  const existing = await store.listTriggers(db, workspaceId, surveyId);
  if (existing.some((t) => t.eventType === input.eventType && t.delayHours === input.delayHours)) {
    throw new KeptError('conflict', `The survey already has a trigger ${input.delayHours} h after ${input.eventType}`);
  }
  const t: Trigger = { id: uuidv7(), surveyId, ...input, createdAt: clock.now().toISOString() };
  await store.insertTrigger(db, workspaceId, t);
  forgetTriggerTypes(workspaceId);
  return t;
}

export async function listTriggers(db: Db, workspaceId: string, surveyId: string): Promise<Trigger[]> {
  await getSurvey(db, workspaceId, surveyId);
  return store.listTriggers(db, workspaceId, surveyId);
}

export async function removeTrigger(db: Db, clock: Clock, workspaceId: string, surveyId: string, triggerId: string): Promise<void> {
  if (!(await store.disableTrigger(db, workspaceId, surveyId, triggerId, clock.now()))) throw notFound('The trigger');
  forgetTriggerTypes(workspaceId);
}

export async function listSurveys(db: Db, workspaceId: string, archived: boolean): Promise<Survey[]> {
  return store.listSurveys(db, workspaceId, archived);
}
