// Recognition (seed 003): praise that names a person reaches that person and their team lead by
// mail, and shows in the recognition feed of their departments. Praise is found in a customer's
// words (praise.ts) or caught by a manager by hand; a first name that fits several people waits
// for a person to say who was meant. No scores per person, no leaderboard: only the words.
import type { CatchInput, Kudos, KudosConfirm, KudosListQuery } from '../../../contract/learning-people.ts';
import type { SurveyKind } from '../../../contract/surveys.ts';
import type { Db } from '../../storage/database.ts';
import * as store from '../../storage/learning-kudos.ts';
import { enqueueMail } from '../../storage/mails.ts';
import { isUuid, uuidv7 } from '../../lib/ids.ts';
import type { Clock } from '../core/clock.ts';
import { decodeCursor, encodeCursor } from '../core/cursor.ts';
import { invalidInput, KeptError, notFound } from '../core/errors.ts';
import { requireRole, type Principal } from '../core/principal.ts';
import { composeTeamNote } from '../core/team-mail.ts';
import { z } from 'zod';
import { findPraise, fold, scoreSignal, type Mention } from './praise.ts';

export interface RecognitionDeps {
  db: Db;
  clock: Clock;
  /** Where the web app is, for the link in the mails (none without it). */
  publicUrl?: string;
}

/** Customer's words to look for praise in. */
export interface PraiseSource {
  kind: 'answer' | 'complaint' | 'case_reply';
  id: string;
  customerId: string | null;
  text: string;
  /** The answer's survey kind and score; null for words without a score. */
  surveyKind: SurveyKind | null;
  score: number | null;
  /** Open answers (question key -> value): a value that is exactly a person's name or e-mail is a pick. */
  picks?: string[];
}

/** Team leads: the active managers and admins who share a department with the person. */
export function leadsOf(person: store.StaffEntry, staff: store.StaffEntry[]): store.StaffEntry[] {
  return staff.filter((s) => s.id !== person.id && s.role !== 'agent' && s.departmentIds.some((d) => person.departmentIds.includes(d)));
}

async function tell(
  tx: Db,
  d: RecognitionDeps,
  workspaceId: string,
  person: store.StaffEntry,
  staff: store.StaffEntry[],
  words: string,
  how: string,
  /** Whoever recognised them by hand: not told again as a lead. */
  by: string | null = null,
) {
  const now = d.clock.now();
  const url = d.publicUrl ? `${d.publicUrl}/learning/recognition` : null;
  const toPerson = composeTeamNote({
    subject: 'Someone noticed your great work',
    name: person.name,
    lines: [`${how}:`],
    quote: words,
    url,
  });
  await enqueueMail(
    tx,
    workspaceId,
    { customerId: null, invitationId: null, kind: 'staff_kudos', to: person.email, ...toPerson, headers: {} },
    now,
  );
  for (const lead of leadsOf(person, staff).filter((l) => l.id !== by)) {
    const note = composeTeamNote({
      subject: `Praise for ${person.name}`,
      name: lead.name,
      lines: [`${person.name}, of your team, was recognised. ${how}:`],
      quote: words,
      url,
    });
    await enqueueMail(
      tx,
      workspaceId,
      { customerId: null, invitationId: null, kind: 'staff_kudos_lead', to: lead.email, ...note, headers: {} },
      now,
    );
  }
}

/** Whom a source praises, against the staff directory: picked names (positive answers only) and names in its words. */
export function mentionsOf(src: PraiseSource, staff: store.StaffEntry[]): (Mention & { kind: PraiseSource['kind'] | 'picked' })[] {
  const signal = scoreSignal(src.surveyKind, src.score);
  if (signal === 'negative') return [];
  const picked = signal === 'positive' ? picksOf(src.picks ?? [], staff) : [];
  return [
    ...picked.map((m) => ({ ...m, kind: 'picked' as const })),
    ...findPraise(src.text, signal, staff).map((m) => ({ ...m, kind: src.kind })),
  ];
}

const picksOf = (picks: string[], staff: store.StaffEntry[]): Mention[] =>
  picks.flatMap((v) => {
    const f = fold(v).trim();
    if (!f) return [];
    const ids = staff.filter((s) => fold(s.name).trim() === f || s.email.toLowerCase() === f).map((s) => s.id);
    return ids.length ? [{ matched: f, sentence: v, candidateIds: ids }] : [];
  });

/**
 * Looks for praise in a customer's words and records it, inside the caller's transaction: one
 * person is told at once (with their team lead); a name that fits several waits as pending. A
 * source is recognised once per name (a retried job finds the kudos there and tells nobody again).
 */
export async function recognizeIn(tx: Db, d: RecognitionDeps, workspaceId: string, src: PraiseSource): Promise<store.KudosRecord[]> {
  if (scoreSignal(src.surveyKind, src.score) === 'negative') return [];
  const staff = await store.staffDirectory(tx, workspaceId);
  const mentions = mentionsOf(src, staff);
  const made: store.KudosRecord[] = [];
  const now = d.clock.now();
  for (const m of mentions) {
    const person = m.candidateIds.length === 1 ? staff.find((s) => s.id === m.candidateIds[0])! : null;
    const k: store.NewKudos = {
      id: uuidv7(now.getTime()),
      status: person ? 'sent' : 'pending',
      sourceKind: m.kind,
      sourceId: src.id,
      matched: m.matched,
      staffId: person?.id ?? null,
      candidateIds: m.candidateIds,
      departmentIds: person
        ? person.departmentIds
        : [...new Set(m.candidateIds.flatMap((id) => staff.find((s) => s.id === id)!.departmentIds))],
      customerId: src.customerId,
      words: m.sentence,
      byUser: null,
      createdAt: now,
    };
    if (!(await store.insertKudos(tx, workspaceId, k))) continue;
    if (person) await tell(tx, d, workspaceId, person, staff, k.words, 'A customer wrote about you');
    made.push({ ...k, resolvedAt: null, resolvedBy: null });
  }
  return made;
}

async function present(db: Db, workspaceId: string, ks: store.KudosRecord[]): Promise<Kudos[]> {
  const names = new Map(
    (await store.staffNames(db, workspaceId, [...new Set(ks.flatMap((k) => [...k.candidateIds, ...(k.staffId ? [k.staffId] : [])]))])).map(
      (s) => [s.id, s.name],
    ),
  );
  const who = (id: string) => ({ id, name: names.get(id) ?? 'a former member of staff' });
  return ks.map((k) => ({
    id: k.id,
    status: k.status,
    source: k.sourceKind,
    sourceId: k.sourceId,
    matched: k.matched,
    staff: k.staffId ? who(k.staffId) : null,
    candidates: k.status === 'pending' ? k.candidateIds.map(who) : [],
    departmentIds: k.departmentIds,
    customerId: k.customerId,
    words: k.words,
    byUserId: k.byUser,
    createdAt: k.createdAt.toISOString(),
    resolvedAt: k.resolvedAt?.toISOString() ?? null,
  }));
}

async function activePerson(db: Db, workspaceId: string, id: string, field: string) {
  const staff = await store.staffDirectory(db, workspaceId);
  const person = staff.find((s) => s.id === id);
  if (!person) throw invalidInput('No such person', [{ path: [field], message: 'no such active person in this workspace' }]);
  return { person, staff };
}

/** "Catch someone doing a great job": a manager recognises a person by hand. */
export async function catchSomeone(d: RecognitionDeps, p: Principal, input: CatchInput): Promise<Kudos> {
  if (p.role === 'agent') {
    throw new KeptError('forbidden', 'Only managers and admins catch someone doing a great job', { reason: 'managers_only' });
  }
  if (p.userId === input.staffId) throw new KeptError('conflict', 'Recognise someone else', { reason: 'self_recognition' });
  const now = d.clock.now();
  const id = uuidv7(now.getTime());
  await d.db.transaction().execute(async (tx) => {
    const { person, staff } = await activePerson(tx, p.workspaceId, input.staffId, 'staffId');
    await store.insertKudos(tx, p.workspaceId, {
      id,
      status: 'sent',
      sourceKind: 'caught',
      sourceId: null,
      matched: fold(person.name),
      staffId: person.id,
      candidateIds: [person.id],
      departmentIds: person.departmentIds,
      customerId: null,
      words: input.words,
      byUser: p.userId ?? null,
      createdAt: now,
    });
    const by = staff.find((s) => s.id === p.userId)?.name ?? 'A manager';
    await tell(tx, d, p.workspaceId, person, staff, input.words, `${by} caught you doing a great job`, p.userId ?? null);
  });
  return getKudos(d.db, p.workspaceId, id);
}

async function kudosOf(db: Db, workspaceId: string, id: string, lock = false) {
  const k = isUuid(id) ? await store.findKudos(db, workspaceId, id, lock) : undefined;
  if (!k) throw notFound('The kudos');
  return k;
}

export async function getKudos(db: Db, workspaceId: string, id: string): Promise<Kudos> {
  return (await present(db, workspaceId, [await kudosOf(db, workspaceId, id)]))[0]!;
}

/** A person says who an ambiguous name meant: that person and their lead are told. */
export async function confirmKudos(d: RecognitionDeps, p: Principal, id: string, input: KudosConfirm): Promise<Kudos> {
  requireRole(p, 'manager');
  await d.db.transaction().execute(async (tx) => {
    const k = await kudosOf(tx, p.workspaceId, id, true);
    if (k.status !== 'pending') throw new KeptError('conflict', `The kudos is ${k.status} already`, { reason: 'kudos_resolved' });
    const { person, staff } = await activePerson(tx, p.workspaceId, input.staffId, 'staffId');
    await store.resolveKudos(tx, p.workspaceId, id, {
      status: 'sent',
      staffId: person.id,
      departmentIds: person.departmentIds,
      at: d.clock.now(),
      by: p.userId ?? null,
    });
    await tell(tx, d, p.workspaceId, person, staff, k.words, 'A customer wrote about you');
  });
  return getKudos(d.db, p.workspaceId, id);
}

/** Not praise after all, or nobody here: nobody is told. */
export async function dismissKudos(d: RecognitionDeps, p: Principal, id: string): Promise<Kudos> {
  requireRole(p, 'manager');
  await d.db.transaction().execute(async (tx) => {
    const k = await kudosOf(tx, p.workspaceId, id, true);
    if (k.status !== 'pending') throw new KeptError('conflict', `The kudos is ${k.status} already`, { reason: 'kudos_resolved' });
    await store.resolveKudos(tx, p.workspaceId, id, {
      status: 'dismissed',
      staffId: null,
      departmentIds: k.departmentIds,
      at: d.clock.now(),
      by: p.userId ?? null,
    });
  });
  return getKudos(d.db, p.workspaceId, id);
}

const positionSchema = z.object({ at: z.iso.datetime(), id: z.uuid() });

/** The recognition feed (all, a department's, a person's), newest first. */
export async function listKudos(db: Db, workspaceId: string, q: KudosListQuery): Promise<{ items: Kudos[]; nextCursor: string | null }> {
  const before = q.cursor ? decodeCursor(q.cursor, positionSchema) : undefined;
  const rows = await store.listKudos(db, workspaceId, {
    status: q.status,
    departmentId: q.departmentId,
    staffId: q.staffId,
    before: before && { at: new Date(before.at), id: before.id },
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: await present(db, workspaceId, page),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ at: last.createdAt.toISOString(), id: last.id }) : null,
  };
}
