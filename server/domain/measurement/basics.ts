// Brilliant at the basics (seed 002): a workspace names its basic promises as conditions on
// timeline events (the selector causes and guard rules use), and reads each one's rate per
// period with its interval and trend. basic-breaks.ts reports the broken ones as oopses.
import type { Basic, BasicInput, BasicRates, BasicRatesQuery } from '../../../contract/basics.ts';
import type { Db } from '../../storage/database.ts';
import * as store from '../../storage/basics.ts';
import { listDepartments } from '../../storage/departments.ts';
import type { Clock } from '../core/clock.ts';
import { KeptError, notFound } from '../core/errors.ts';
import { checkReferences } from '../core/references.ts';
import { isUuid, uuidv7 } from '../../lib/ids.ts';
import { selectorProblems } from '../recovery/causes.ts';
import { wilson } from '../signals/scores.ts';
import { boundaries, periodLabel } from './growth-periods.ts';
import { forgetBasicTypes } from './basic-breaks.ts';

const present = (b: store.BasicRecord): Basic => ({ ...b, createdAt: b.createdAt.toISOString(), updatedAt: b.updatedAt.toISOString() });

export async function listBasics(db: Db, workspaceId: string): Promise<Basic[]> {
  return (await store.listBasics(db, workspaceId)).map(present);
}

export async function getBasic(db: Db, workspaceId: string, id: string): Promise<Basic> {
  const b = isUuid(id) ? await store.findBasic(db, workspaceId, id) : undefined;
  if (!b) throw notFound('The basic');
  return present(b);
}

/** Creates a basic (no id) or replaces one. It applies to events that arrive from now on. */
export async function saveBasic(db: Db, clock: Clock, workspaceId: string, input: BasicInput, id?: string): Promise<Basic> {
  if (id !== undefined) await getBasic(db, workspaceId, id);
  const problems = [
    ...selectorProblems({ eventType: input.eventType, where: input.appliesWhen }).map((p) => ({
      ...p,
      path: ['appliesWhen', ...p.path.slice(1)],
    })),
    ...selectorProblems({ eventType: input.eventType, where: input.keptWhen }).map((p) => ({
      ...p,
      path: ['keptWhen', ...p.path.slice(1)],
    })),
  ];
  if (problems.length) throw new KeptError('invalid_input', 'The basic’s conditions are not valid', { problems });
  await checkReferences(db, workspaceId, [['department', input.departmentId, ['departmentId']]]);
  const saved = await store.saveBasic(
    db,
    workspaceId,
    {
      id: id ?? uuidv7(clock.now().getTime()),
      name: input.name,
      kind: input.kind,
      departmentId: input.departmentId ?? null,
      eventType: input.eventType,
      appliesWhen: input.appliesWhen,
      keptWhen: input.keptWhen,
      severity: input.severity,
      enabled: input.enabled,
    },
    clock.now(),
  );
  forgetBasicTypes(workspaceId);
  return present(saved);
}

export async function deleteBasic(db: Db, workspaceId: string, id: string): Promise<void> {
  if (!isUuid(id) || !(await store.deleteBasic(db, workspaceId, id))) throw notFound('The basic');
  forgetBasicTypes(workspaceId);
}

/** Each basic's rate per period: events it applied to, kept, broken, a Wilson interval, the trend. */
export async function basicRates(db: Db, clock: Clock, workspaceId: string, q: BasicRatesQuery): Promise<BasicRates> {
  const bounds = boundaries(q.at ? new Date(q.at) : clock.now(), q.granularity, q.periods).slice(1);
  const departments = new Map((await listDepartments(db, workspaceId)).map((d) => [d.id, d.name]));
  const basics = await store.listBasics(db, workspaceId, { departmentId: q.departmentId });
  const items = await Promise.all(
    basics.map(async (b) => {
      const counts = await store.basicCounts(db, workspaceId, b, bounds);
      const periods = bounds.slice(0, -1).map((start, i) => {
        const c = counts.get(i + 1) ?? { events: 0, kept: 0 };
        return {
          start: start.toISOString(),
          label: periodLabel(start, q.granularity),
          events: c.events,
          kept: c.kept,
          broken: c.events - c.kept,
          rate: c.events ? (100 * c.kept) / c.events : null,
          interval: wilson(c.kept, c.events).interval,
        };
      });
      const [before, last] = periods.slice(-2).map((p) => p.rate);
      return {
        basic: present(b),
        departmentName: b.departmentId ? (departments.get(b.departmentId) ?? null) : null,
        periods,
        trend: before != null && last != null ? last - before : null,
      };
    }),
  );
  items.sort((a, b) => (a.departmentName ?? '').localeCompare(b.departmentName ?? '') || a.basic.name.localeCompare(b.basic.name));
  return { granularity: q.granularity, items };
}
