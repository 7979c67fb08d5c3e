// The timeline events a case writes (case.opened, case.escalated, case.breached, ...): one shape,
// one idempotency key per case, type, level and moment, so a retried job writes each once.
import { uuidv7 } from '../../lib/ids.ts';

export const caseEvent = (
  c: { id: string; customerId: string; number: number | string; title: string },
  type: string,
  at: Date,
  data: Record<string, unknown>,
) => ({
  id: uuidv7(at.getTime()),
  customerId: c.customerId,
  type,
  source: 'kept',
  occurredAt: at,
  idempotencyKey: `case:${c.id}:${type}:${data.level ?? data.step ?? ''}:${at.getTime()}`,
  data: { caseId: c.id, caseNumber: Number(c.number), title: c.title, ...data },
});
