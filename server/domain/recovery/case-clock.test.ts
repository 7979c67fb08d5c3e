import { describe, expect, it } from 'vitest';
import { businessHoursSchema } from '../../../contract/case-clock.ts';
import { clockPoints, elapsedFraction, timeLeft, workingTimeBetween, type BusinessHours } from './case-clock.ts';
import { KeptError } from '../core/errors.ts';

const H = 3_600_000;
const at = (iso: string) => new Date(iso);
const iso = (p: { remind: Date; escalate: Date; due: Date }) => ({
  remind: p.remind.toISOString(),
  escalate: p.escalate.toISOString(),
  due: p.due.toISOString(),
});

/** Mon-Fri 09:00-17:00 in Amsterdam: 8 working hours a day. CET = UTC+1 in winter, CEST = UTC+2 in summer. */
const amsterdam: BusinessHours = { timeZone: 'Europe/Amsterdam', days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00', holidays: [] };
/** Always open: business hours that should equal calendar hours, DST or not. */
const alwaysOpen: BusinessHours = { timeZone: 'Europe/Amsterdam', days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00', holidays: [] };

function invalid(fn: () => unknown): KeptError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(KeptError);
    expect((e as KeptError).code).toBe('invalid_input');
    return e as KeptError;
  }
  throw new Error('expected a KeptError');
}

describe('calendar hours (no business hours)', () => {
  it('puts remind, escalate and due at 12 h, 19.2 h and 24 h after the oops', () => {
    // oops 2026-11-20 15:00Z; 12 h -> 11-21 03:00Z; 19.2 h = 19 h 12 min -> 11-21 10:12Z; 24 h -> 11-21 15:00Z
    expect(iso(clockPoints(at('2026-11-20T15:00:00Z'), 24, null))).toEqual({
      remind: '2026-11-21T03:00:00.000Z',
      escalate: '2026-11-21T10:12:00.000Z',
      due: '2026-11-21T15:00:00.000Z',
    });
  });

  it('counts real hours across a DST switch (a local day of 23 hours)', () => {
    // Sat 2026-03-28 12:00 CET = 11:00Z; +24 h = Sun 11:00Z = 13:00 CEST (the local clock shows 25 h later)
    expect(clockPoints(at('2026-03-28T11:00:00Z'), 24, null).due.toISOString()).toBe('2026-03-29T11:00:00.000Z');
  });

  it('takes fractional targets: 1.5 h', () => {
    // 50 % = 45 min, 80 % = 72 min, 100 % = 90 min
    expect(iso(clockPoints(at('2026-01-01T00:00:00Z'), 1.5, null))).toEqual({
      remind: '2026-01-01T00:45:00.000Z',
      escalate: '2026-01-01T01:12:00.000Z',
      due: '2026-01-01T01:30:00.000Z',
    });
  });
});

describe('business hours, Mon-Fri 09:00-17:00 Europe/Amsterdam', () => {
  it('an oops on Friday 16:00 with a 24 h target is due on the third working day after', () => {
    // Fri 2026-11-20 16:00 CET (15:00Z). Working time: Fri 16-17 = 1 h; Mon 23rd 8 h (9 h);
    // Tue 24th 8 h (17 h); Wed 25th needs 7 h more -> 16:00 CET = 15:00Z.
    // remind 12 h: 1 + 8 = 9 after Monday, 3 h into Tuesday -> Tue 12:00 CET = 11:00Z.
    // escalate 19.2 h: 17 after Tuesday, 2.2 h = 2 h 12 min into Wednesday -> 11:12 CET = 10:12Z.
    expect(iso(clockPoints(at('2026-11-20T15:00:00Z'), 24, amsterdam))).toEqual({
      remind: '2026-11-24T11:00:00.000Z',
      escalate: '2026-11-25T10:12:00.000Z',
      due: '2026-11-25T15:00:00.000Z',
    });
  });

  it('an oops on Saturday starts counting at Monday 09:00', () => {
    // Sat 2026-11-21 10:00 CET. Clock starts Mon 23rd 09:00. 24 h = 3 full days -> Wed 25th 17:00 CET = 16:00Z
    // (the moment the work is done: closing time, not Thursday's opening).
    // remind 12 h: Mon 8 h + Tue 4 h -> Tue 13:00 CET = 12:00Z. escalate 19.2 h: 16 h + 3.2 h -> Wed 12:12 CET = 11:12Z.
    expect(iso(clockPoints(at('2026-11-21T09:00:00Z'), 24, amsterdam))).toEqual({
      remind: '2026-11-24T12:00:00.000Z',
      escalate: '2026-11-25T11:12:00.000Z',
      due: '2026-11-25T16:00:00.000Z',
    });
  });

  it('an oops before opening starts at 09:00; one after closing starts the next working day', () => {
    // Mon 2026-11-23 07:30 CET (06:30Z), 8 h: 09:00-17:00 -> due 17:00 CET = 16:00Z; remind 13:00 CET; escalate 6.4 h -> 15:24 CET
    expect(iso(clockPoints(at('2026-11-23T06:30:00Z'), 8, amsterdam))).toEqual({
      remind: '2026-11-23T12:00:00.000Z',
      escalate: '2026-11-23T14:24:00.000Z',
      due: '2026-11-23T16:00:00.000Z',
    });
    // Mon 18:00 CET (17:00Z), 8 h -> all of Tuesday 24th: due Tue 17:00 CET = 16:00Z
    expect(clockPoints(at('2026-11-23T17:00:00Z'), 8, amsterdam).due.toISOString()).toBe('2026-11-24T16:00:00.000Z');
  });

  it('skips holidays', () => {
    // Wed 2026-12-23 09:00 CET (08:00Z); holidays Thu 24th and Fri 25th; Sat/Sun off.
    // Wed 8 h; Mon 28th 8 h (16 h); Tue 29th 8 h (24 h) -> due Tue 17:00 CET = 16:00Z.
    // remind 12 h: Wed 8 + Mon 4 -> Mon 13:00 CET = 12:00Z. escalate 19.2 h: 16 + 3.2 -> Tue 12:12 CET = 11:12Z.
    const hours = { ...amsterdam, holidays: ['2026-12-24', '2026-12-25'] };
    expect(iso(clockPoints(at('2026-12-23T08:00:00Z'), 24, hours))).toEqual({
      remind: '2026-12-28T12:00:00.000Z',
      escalate: '2026-12-29T11:12:00.000Z',
      due: '2026-12-29T16:00:00.000Z',
    });
    // Without the holidays: Wed, Thu, Fri -> due Fri 25th 17:00 CET
    expect(clockPoints(at('2026-12-23T08:00:00Z'), 24, amsterdam).due.toISOString()).toBe('2026-12-25T16:00:00.000Z');
  });

  it('an oops on a holiday starts at the next working day', () => {
    // Thu 2026-12-24 (holiday) 10:00 CET; Fri 25th holiday; Mon 28th 09:00 CET -> 8 h -> Mon 17:00 CET = 16:00Z
    const hours = { ...amsterdam, holidays: ['2026-12-24', '2026-12-25'] };
    expect(clockPoints(at('2026-12-24T09:00:00Z'), 8, hours).due.toISOString()).toBe('2026-12-28T16:00:00.000Z');
  });

  it('is right across the spring DST switch (Sunday 2026-03-29, CET -> CEST)', () => {
    // Fri 2026-03-27 16:00 CET = 15:00Z. Fri 1 h; Mon 30th (now CEST, UTC+2) 8 h; Tue 31st 8 h; Wed 1 Apr 7 h
    // -> Wed 16:00 CEST = 14:00Z (a fixed +01:00 offset would wrongly give 15:00Z).
    // remind: Tue 31st 12:00 CEST = 10:00Z; escalate: Wed 11:12 CEST = 09:12Z.
    expect(iso(clockPoints(at('2026-03-27T15:00:00Z'), 24, amsterdam))).toEqual({
      remind: '2026-03-31T10:00:00.000Z',
      escalate: '2026-04-01T09:12:00.000Z',
      due: '2026-04-01T14:00:00.000Z',
    });
  });

  it('is right across the autumn DST switch (Sunday 2026-10-25, CEST -> CET)', () => {
    // Fri 2026-10-23 16:00 CEST = 14:00Z. Fri 1 h; Mon 26th (now CET, UTC+1) 8 h; Tue 27th 8 h; Wed 28th 7 h
    // -> Wed 16:00 CET = 15:00Z. remind: Tue 12:00 CET = 11:00Z; escalate: Wed 11:12 CET = 10:12Z.
    expect(iso(clockPoints(at('2026-10-23T14:00:00Z'), 24, amsterdam))).toEqual({
      remind: '2026-10-27T11:00:00.000Z',
      escalate: '2026-10-28T10:12:00.000Z',
      due: '2026-10-28T15:00:00.000Z',
    });
  });

  it('works in another zone: America/New_York across its DST switch (2026-03-08)', () => {
    // Fri 2026-03-06 16:00 EST (UTC-5) = 21:00Z; 8 h: Fri 1 h, Mon 9th (EDT, UTC-4) 7 h -> 16:00 EDT = 20:00Z.
    // remind 4 h: 1 + 3 -> Mon 12:00 EDT = 16:00Z; escalate 6.4 h: 1 + 5.4 -> Mon 14:24 EDT = 18:24Z.
    const ny = { ...amsterdam, timeZone: 'America/New_York' };
    expect(iso(clockPoints(at('2026-03-06T21:00:00Z'), 8, ny))).toEqual({
      remind: '2026-03-09T16:00:00.000Z',
      escalate: '2026-03-09T18:24:00.000Z',
      due: '2026-03-09T20:00:00.000Z',
    });
  });

  it('takes a 720 h target: 90 working days', () => {
    // Mon 2026-01-05 09:00 CET; 720 h / 8 h = 90 working days = 18 weeks -> the 90th day is Fri 2026-05-08, 17:00 CEST = 15:00Z
    expect(clockPoints(at('2026-01-05T08:00:00Z'), 720, amsterdam).due.toISOString()).toBe('2026-05-08T15:00:00.000Z');
  });
});

describe('DST inside working hours: working time is real elapsed time', () => {
  it('always-open business hours equal calendar hours across both switches', () => {
    for (const oops of ['2026-03-28T11:00:00Z', '2026-10-24T10:00:00Z', '2026-03-29T00:30:00Z', '2026-10-25T00:30:00Z']) {
      expect(iso(clockPoints(at(oops), 24, alwaysOpen))).toEqual(iso(clockPoints(at(oops), 24, null)));
    }
  });

  it('a 01:00-04:00 window lasts 2 h on the spring switch and 4 h on the autumn switch', () => {
    const night = { ...alwaysOpen, days: [7], start: '01:00', end: '04:00' };
    // 2026-03-29: 01:00 CET = 00:00Z .. 04:00 CEST = 02:00Z -> 2 h
    expect(workingTimeBetween(at('2026-03-28T12:00:00Z'), at('2026-03-29T12:00:00Z'), night)).toBe(2 * H);
    // 2026-10-25: 01:00 CEST = 2026-10-24T23:00Z .. 04:00 CET = 03:00Z -> 4 h
    expect(workingTimeBetween(at('2026-10-24T12:00:00Z'), at('2026-10-25T12:00:00Z'), night)).toBe(4 * H);
    // A 3 h target from Sunday 00:00 CET on the spring switch runs out the next Sunday: 2 h on the 29th,
    // 1 h on 2026-04-05 from 01:00 CEST (= 2026-04-04T23:00Z) -> 02:00 CEST = 00:00Z.
    expect(clockPoints(at('2026-03-28T23:00:00Z'), 3, night).due.toISOString()).toBe('2026-04-05T00:00:00.000Z');
  });

  it('an opening time in the spring gap moves forward; one that happens twice is the earlier', () => {
    const gap = { ...alwaysOpen, days: [7], start: '02:30', end: '05:00' };
    // 2026-03-29 02:30 does not exist -> 03:30 CEST = 01:30Z; 05:00 CEST = 03:00Z -> 1.5 h
    expect(workingTimeBetween(at('2026-03-28T12:00:00Z'), at('2026-03-29T12:00:00Z'), gap)).toBe(1.5 * H);
    // 2026-10-25 02:30 happens twice -> 02:30 CEST = 00:30Z; 05:00 CET = 04:00Z -> 3.5 h
    expect(workingTimeBetween(at('2026-10-24T12:00:00Z'), at('2026-10-25T12:00:00Z'), gap)).toBe(3.5 * H);
  });
});

describe('bounds', () => {
  it('a schedule that gives too little working time for the target fails clearly instead of looping', () => {
    // One minute every Monday: 720 h needs 43 200 Mondays, far past the 10-year walk.
    const tiny = { ...amsterdam, days: [1], start: '09:00', end: '09:01' };
    const e = invalid(() => clockPoints(at('2026-01-05T08:00:00Z'), 720, tiny));
    expect(e.message).toMatch(/too little working time/);
    // ...while a small target on the same schedule works: 2 min = this Monday's minute and the next one.
    expect(clockPoints(at('2026-01-05T08:00:00Z'), 2 / 60, tiny).due.toISOString()).toBe('2026-01-12T08:01:00.000Z');
  });

  it('rejects a bad target or oops time', () => {
    for (const t of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, 720.5]) {
      invalid(() => clockPoints(at('2026-01-05T08:00:00Z'), t, null));
    }
    expect(invalid(() => clockPoints(at('2026-01-05T08:00:00Z'), 721, amsterdam)).message).toMatch(/target/);
    invalid(() => clockPoints(new Date('nonsense'), 24, null));
  });

  it('rejects business hours with no working time at all, or a bad zone, with the field named', () => {
    const e1 = invalid(() => clockPoints(at('2026-01-05T08:00:00Z'), 24, { ...amsterdam, days: [] }));
    expect(e1.message).toMatch(/days needs at least one working day/);
    const e2 = invalid(() => clockPoints(at('2026-01-05T08:00:00Z'), 24, { ...amsterdam, start: '17:00', end: '09:00' }));
    expect(e2.message).toMatch(/end must be later than start/);
    expect(e2.details).toEqual({ problems: [{ path: ['businessHours', 'end'], message: expect.stringMatching(/later than start/) }] });
    const e3 = invalid(() => clockPoints(at('2026-01-05T08:00:00Z'), 24, { ...amsterdam, timeZone: 'Mars/Olympus_Mons' }));
    expect(e3.message).toMatch(/timeZone must be an IANA time zone/);
  });
});

describe('businessHoursSchema', () => {
  const messages = (input: unknown) => {
    const r = businessHoursSchema.safeParse(input);
    expect(r.success).toBe(false);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('accepts a normal week, 24:00 as closing time, and defaults holidays to none', () => {
    expect(businessHoursSchema.parse({ timeZone: 'Europe/Amsterdam', days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' })).toEqual({
      ...amsterdam,
      holidays: [],
    });
    expect(businessHoursSchema.safeParse(alwaysOpen).success).toBe(true);
    expect(businessHoursSchema.safeParse({ ...amsterdam, timeZone: 'UTC', holidays: ['2028-02-29'] }).success).toBe(true);
  });

  it('rejects zones that are not IANA zones', () => {
    expect(messages({ ...amsterdam, timeZone: 'Mars/Olympus_Mons' })).toEqual([
      'timeZone: must be an IANA time zone such as Europe/Amsterdam',
    ]);
    expect(messages({ ...amsterdam, timeZone: '+01:00' })).toHaveLength(1);
    expect(messages({ ...amsterdam, timeZone: '' })).toHaveLength(1);
  });

  it('rejects bad days', () => {
    expect(messages({ ...amsterdam, days: [] })).toEqual(['days: needs at least one working day']);
    expect(messages({ ...amsterdam, days: [0] })).toEqual(['days.0: must be a day number, 1 (Monday) to 7 (Sunday)']);
    expect(messages({ ...amsterdam, days: [8] })).toEqual(['days.0: must be a day number, 1 (Monday) to 7 (Sunday)']);
    expect(messages({ ...amsterdam, days: [1.5] })).toEqual(['days.0: must be a day number, 1 (Monday) to 7 (Sunday)']);
    expect(messages({ ...amsterdam, days: [1, 2, 1] })).toEqual(['days: names a day twice']);
  });

  it('rejects bad times, and a start that is not before the end', () => {
    expect(messages({ ...amsterdam, start: '9:00' })).toEqual(['start: must be a time HH:MM between 00:00 and 23:59']);
    expect(messages({ ...amsterdam, start: '24:00' })).toEqual(['start: must be a time HH:MM between 00:00 and 23:59']);
    expect(messages({ ...amsterdam, end: '25:00' })).toEqual(['end: must be a time HH:MM between 00:01 and 24:00']);
    expect(messages({ ...amsterdam, start: '17:00', end: '09:00' })).toEqual([
      'end: must be later than start (17:00); working hours cannot cross midnight',
    ]);
    expect(messages({ ...amsterdam, start: '09:00', end: '09:00' })).toHaveLength(1);
  });

  it('rejects holidays that are not real dates, and more than 366', () => {
    expect(messages({ ...amsterdam, holidays: ['2026-02-30'] })).toEqual(['holidays.0: must be a date YYYY-MM-DD that exists']);
    expect(messages({ ...amsterdam, holidays: ['2027-02-29'] })).toHaveLength(1);
    expect(messages({ ...amsterdam, holidays: ['25-12-2026'] })).toHaveLength(1);
    const many = Array.from({ length: 367 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10));
    expect(messages({ ...amsterdam, holidays: many })).toEqual(['holidays: has at most 366 holidays']);
    expect(businessHoursSchema.safeParse({ ...amsterdam, holidays: many.slice(0, 366) }).success).toBe(true);
  });

  it('names a missing field', () => {
    expect(messages({ timeZone: 'Europe/Amsterdam', days: [1], start: '09:00' })).toEqual(['end: is required: the closing time, HH:MM']);
  });
});

describe('timeLeft and elapsedFraction', () => {
  it('timeLeft is calendar time to due, negative once breached', () => {
    expect(timeLeft(at('2026-11-21T14:00:00Z'), at('2026-11-21T15:00:00Z'))).toBe(H);
    expect(timeLeft(at('2026-11-21T16:30:00Z'), at('2026-11-21T15:00:00Z'))).toBe(-1.5 * H);
  });

  it('calendar: the fraction of elapsed time, 0 before the oops and 1 from due', () => {
    const oops = at('2026-11-20T15:00:00Z');
    const due = at('2026-11-21T15:00:00Z');
    expect(elapsedFraction(at('2026-11-21T03:00:00Z'), oops, due, null)).toBe(0.5);
    expect(elapsedFraction(at('2026-11-20T14:00:00Z'), oops, due, null)).toBe(0);
    expect(elapsedFraction(at('2026-11-22T00:00:00Z'), oops, due, null)).toBe(1);
  });

  it('business hours: the clock stands still outside working time', () => {
    // Oops Fri 2026-11-20 16:00 CET, due Wed 25th 16:00 CET (24 working hours).
    const oops = at('2026-11-20T15:00:00Z');
    const { remind, escalate, due } = clockPoints(oops, 24, amsterdam);
    // Saturday noon: 1 h worked (Fri 16-17) -> 1/24; so is Monday 08:00
    expect(elapsedFraction(at('2026-11-21T11:00:00Z'), oops, due, amsterdam)).toBeCloseTo(1 / 24, 12);
    expect(elapsedFraction(at('2026-11-23T07:00:00Z'), oops, due, amsterdam)).toBeCloseTo(1 / 24, 12);
    // Monday 13:00 CET: 1 + 4 = 5 h -> 5/24
    expect(elapsedFraction(at('2026-11-23T12:00:00Z'), oops, due, amsterdam)).toBeCloseTo(5 / 24, 12);
    // at remind and escalate exactly 50 % and 80 %
    expect(elapsedFraction(remind, oops, due, amsterdam)).toBeCloseTo(0.5, 12);
    expect(elapsedFraction(escalate, oops, due, amsterdam)).toBeCloseTo(0.8, 12);
    expect(elapsedFraction(due, oops, due, amsterdam)).toBe(1);
  });

  it('working time from the oops to due is the target, for oops moments spread over a year (DST included)', () => {
    // A fixed pseudo-random walk over 2026, so the test is the same every run.
    let seed = 42;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const hours = { ...amsterdam, holidays: ['2026-04-06', '2026-04-27', '2026-12-25'] };
    for (let i = 0; i < 200; i++) {
      const oops = new Date(Date.UTC(2026, 0, 1) + Math.floor(next() * 365 * 24 * 60) * 60_000);
      const target = 1 + Math.floor(next() * 80);
      const p = clockPoints(oops, target, hours);
      expect(workingTimeBetween(oops, p.due, hours)).toBe(target * H);
      expect(workingTimeBetween(oops, p.remind, hours)).toBe(target * H * 0.5);
      expect(p.remind.getTime()).toBeLessThanOrEqual(p.escalate.getTime());
      expect(p.escalate.getTime()).toBeLessThanOrEqual(p.due.getTime());
    }
  });
});
