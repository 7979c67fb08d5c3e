import { describe, expect, it } from 'vitest';
import { builtInLocales } from '../../../contract/surveys.ts';
import { localDate, readComplaintForm, zonedInstant, type ComplaintForm } from './complaint-form.ts';
import { complaintTexts, hoursText, type ComplaintTexts } from './complaint-texts.ts';

const now = new Date('2026-03-02T10:00:00Z');
const form = (timeZone = 'UTC'): ComplaintForm => ({
  workspaceId: 'w',
  brand: 'Acme',
  look: { poweredBy: false },
  targetHours: 24,
  businessHours: false,
  timeZone,
});

describe('the complaint form’s texts', () => {
  it('has every text in every built-in locale, with the same placeholders as English', () => {
    const en = complaintTexts('en');
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const locale of builtInLocales) {
      const t = complaintTexts(locale);
      for (const key of Object.keys(en) as (keyof ComplaintTexts)[]) {
        expect(t[key], `${locale} ${key}`).toMatch(/\S/);
        expect(placeholders(t[key]), `${locale} ${key}`).toEqual(placeholders(en[key]));
      }
    }
    expect(complaintTexts('fr-CA').heading).toBe(complaintTexts('fr').heading);
    expect(complaintTexts('pt-BR').heading).toBe(en.heading);
  });

  it('writes hours as each language does', () => {
    expect(hoursText('en', 24)).toBe('24 hours');
    expect(hoursText('en', 1)).toBe('1 hour');
    expect(hoursText('de', 1)).toBe('1 Stunde');
  });
});

describe('times in the workspace’s zone', () => {
  it('turns a wall-clock time into its instant, across daylight saving time', () => {
    const at = (y: number, m: number, d: number, hour: number, minute: number, zone: string) =>
      zonedInstant({ y, m, d, hour, minute }, zone).toISOString();
    expect(at(2026, 1, 15, 9, 0, 'Europe/Paris')).toBe('2026-01-15T08:00:00.000Z');
    expect(at(2026, 7, 15, 9, 0, 'Europe/Paris')).toBe('2026-07-15T07:00:00.000Z');
    expect(at(2026, 3, 29, 2, 30, 'Europe/Paris')).toBe('2026-03-29T01:30:00.000Z'); // in the gap: the time after it
    expect(at(2026, 7, 15, 9, 0, 'America/New_York')).toBe('2026-07-15T13:00:00.000Z');
    expect(at(2026, 7, 15, 9, 0, 'UTC')).toBe('2026-07-15T09:00:00.000Z');
  });

  it('knows today in the zone', () => {
    expect(localDate(new Date('2026-03-01T23:30:00Z'), 'Europe/Paris')).toBe('2026-03-02');
    expect(localDate(new Date('2026-03-01T23:30:00Z'), 'UTC')).toBe('2026-03-01');
    expect(localDate(now, 'UTC', 365)).toBe('2025-03-02');
  });
});

describe('reading the posted form', () => {
  it('takes a date alone as the start of that day, a time alone as today, neither as now', () => {
    const at = (fields: Record<string, string>) =>
      readComplaintForm({ email: 'a@example.com', body: 'x', ...fields }, form(), now).intake?.occurredAt;
    expect(at({ date: '2026-02-27' })?.toISOString()).toBe('2026-02-27T00:00:00.000Z');
    expect(at({ time: '08:05' })?.toISOString()).toBe('2026-03-02T08:05:00.000Z');
    expect(at({})).toBeUndefined();
  });

  it('names each bad field and keeps what was typed', () => {
    const r = readComplaintForm({ name: 'x'.repeat(201), email: ' ', body: '', reference: 'r'.repeat(101), time: '25:00' }, form(), now);
    expect(r.intake).toBeUndefined();
    expect(r.problems.map((p) => [p.field, p.text])).toEqual([
      ['name', 'tooLong'],
      ['email', 'emailMissing'],
      ['reference', 'tooLong'],
      ['body', 'bodyMissing'],
      ['time', 'timeInvalid'],
    ]);
    expect(r.values.name).toHaveLength(201);
    expect(r.values.time).toBe('25:00');
  });

  it('trims, drops NUL characters, and makes a customer reference of the e-mail and name', () => {
    const r = readComplaintForm(
      { name: ' Ann\u0000 ', email: ' ann@example.com ', body: ' Broken \r\n jar ', nonce: 'not-a-uuid' },
      form(),
      now,
    );
    expect(r.intake).toMatchObject({
      channel: 'form',
      source: 'form',
      customer: { email: 'ann@example.com', name: 'Ann' },
      body: 'Broken \n jar',
      reference: null,
      idempotencyKey: null,
    });
  });
});
