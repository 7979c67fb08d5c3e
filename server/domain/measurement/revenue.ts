// The revenue ledger's mappings and the growth settings: which events carry money, where their
// amount and currency are, the reporting currency, how an event says a customer was referred.
// Bad input gets a named reason: amount_path_not_found, currency_not_iso4217.
import type { GrowthSettings, RevenueMapping, RevenueMappingInput } from '../../../contract/growth.ts';
import type { Db } from '../../storage/database.ts';
import * as store from '../../storage/revenue-mappings.ts';
import type { Clock } from '../core/clock.ts';
import { KeptError, notFound } from '../core/errors.ts';
import { isUuid, uuidv7 } from '../../lib/ids.ts';
import { isIso4217 } from './money.ts';

const refuse = (message: string, reason: string, path: string[], detail: string) =>
  new KeptError('invalid_input', message, { reason, problems: [{ path, message: detail }] });

export const notIso4217 = (code: string, path: string[]) =>
  refuse('The currency is not an ISO 4217 code', 'currency_not_iso4217', path, `${code} is not an ISO 4217 currency code`);

const present = (m: store.RevenueMappingRecord): RevenueMapping => ({
  ...m,
  createdAt: m.createdAt.toISOString(),
  updatedAt: m.updatedAt.toISOString(),
});

export async function listRevenueMappings(db: Db, workspaceId: string): Promise<RevenueMapping[]> {
  return (await store.listMappings(db, workspaceId)).map(present);
}

/**
 * Saves the mapping of an event type (replacing the one it had). Events of the type already
 * received are the test: when there are some and none holds a decimal amount at the path, or a
 * currency path holds something that is not ISO 4217, the mapping is refused with the reason.
 */
export async function saveRevenueMapping(db: Db, clock: Clock, workspaceId: string, m: RevenueMappingInput): Promise<RevenueMapping> {
  if (m.currency !== undefined && !isIso4217(m.currency)) throw notIso4217(m.currency, ['currency']);
  const probe = await store.probePaths(db, workspaceId, m.eventType, m.amountPath, m.currencyPath ?? null);
  if (probe.events > 0 && probe.amounts === 0) {
    throw refuse(
      'The amount path does not exist in these events',
      'amount_path_not_found',
      ['amountPath'],
      `none of the ${probe.events} newest ${m.eventType} events has a number at ${m.amountPath}`,
    );
  }
  if (m.currencyPath !== undefined && probe.events > 0) {
    const codes = probe.currencies;
    if (!codes.length) {
      throw refuse(
        'The currency path does not exist in these events',
        'currency_path_not_found',
        ['currencyPath'],
        `none of the ${probe.events} newest ${m.eventType} events has a value at ${m.currencyPath}`,
      );
    }
    const wrong = codes.find((c) => !isIso4217(c));
    if (wrong !== undefined) throw notIso4217(wrong, ['currencyPath']);
  }
  const saved = await store.upsertMapping(
    db,
    workspaceId,
    {
      id: uuidv7(clock.now().getTime()),
      eventType: m.eventType,
      amountPath: m.amountPath,
      amountUnit: m.amountUnit,
      currencyPath: m.currencyPath ?? null,
      currency: m.currency ?? null,
      negate: m.negate,
    },
    clock.now(),
  );
  return present(saved);
}

export async function deleteRevenueMapping(db: Db, workspaceId: string, id: string): Promise<void> {
  if (!isUuid(id) || !(await store.deleteMapping(db, workspaceId, id))) throw notFound('The revenue mapping');
}

export async function growthSettingsOf(db: Db, workspaceId: string): Promise<GrowthSettings | null> {
  const s = await store.findGrowthSettings(db, workspaceId);
  return s ? { reportingCurrency: s.reportingCurrency, acquisitionEvents: s.acquisitionEvents } : null;
}

export async function saveGrowthSettings(db: Db, clock: Clock, workspaceId: string, s: GrowthSettings): Promise<GrowthSettings> {
  if (!isIso4217(s.reportingCurrency)) throw notIso4217(s.reportingCurrency, ['reportingCurrency']);
  await store.saveGrowthSettings(db, workspaceId, s, clock.now());
  return s;
}
