// Business hours for the case clock: a time zone, working days, opening and closing times, and
// holidays on which the clock does not count. Closing may be 24:00 (midnight at the end of the
// day); hours cannot cross midnight. Problems land under each field (businessHours.start, …).
import { useState } from 'react';
import { browserTimeZone } from '../../shared/local-time.ts';
import type { RecoverySettings } from '../../shared/types.ts';
import { Field } from '../../shared/field.tsx';
import { TextField } from '../../shared/fields.tsx';

type BusinessHours = NonNullable<RecoverySettings['businessHours']>;

export interface HoursDraft {
  timeZone: string;
  days: number[];
  start: string;
  end: string;
  holidays: string[];
}

export function businessHoursDraft(h: BusinessHours | null): HoursDraft {
  return h
    ? { timeZone: h.timeZone, days: [...h.days], start: h.start, end: h.end, holidays: [...h.holidays] }
    : { timeZone: browserTimeZone(), days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00', holidays: [] };
}

const startPattern = /^([01]\d|2[0-3]):[0-5]\d$/;
const endPattern = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The draft as the API takes it; the browser's own problems go into `problems` under the API's paths. */
export function businessHoursFrom(d: HoursDraft, problems: Record<string, string>): BusinessHours {
  const start = d.start.trim();
  const end = d.end.trim();
  if (!d.timeZone.trim()) problems['businessHours.timeZone'] = 'Enter a time zone such as Europe/Amsterdam';
  if (d.days.length === 0) problems['businessHours.days'] = 'Choose at least one working day';
  if (!startPattern.test(start)) problems['businessHours.start'] = 'Enter a time HH:MM, e.g. 09:00';
  if (!endPattern.test(end)) problems['businessHours.end'] = 'Enter a time HH:MM, e.g. 17:00 (24:00 is midnight)';
  else if (startPattern.test(start) && minutes(start) >= minutes(end))
    problems['businessHours.end'] = 'Must be later than the opening time';
  return { timeZone: d.timeZone.trim(), days: [...d.days].sort(), start, end, holidays: d.holidays };
}

const dayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function timeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  try {
    return intl.supportedValuesOf?.('timeZone') ?? [];
  } catch {
    return [];
  }
}

export function BusinessHoursFields({
  draft,
  onChange,
  errors,
}: {
  draft: HoursDraft;
  onChange: (d: HoursDraft) => void;
  errors: Record<string, string>;
}) {
  const [holiday, setHoliday] = useState('');
  const zones = timeZones();
  const holidayError = Object.entries(errors).find(([k]) => k.startsWith('businessHours.holidays'))?.[1];

  return (
    <div className="stack business-hours">
      <Field
        label="Time zone"
        hint="IANA name, e.g. Europe/Amsterdam or America/New_York"
        error={errors['businessHours.timeZone'] ?? errors.businessHours}
      >
        {(control) => (
          <>
            <input
              {...control}
              className="input input-narrow-wide"
              list="time-zones"
              autoComplete="off"
              spellCheck={false}
              value={draft.timeZone}
              onChange={(e) => onChange({ ...draft, timeZone: e.target.value })}
            />
            <datalist id="time-zones">
              {zones.map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <fieldset className="field">
        <legend className="field-label">Working days</legend>
        <div className="check-grid">
          {dayNames.map((name, i) => (
            <label key={name} className="checkbox">
              <input
                type="checkbox"
                checked={draft.days.includes(i + 1)}
                onChange={(e) =>
                  onChange({ ...draft, days: e.target.checked ? [...draft.days, i + 1] : draft.days.filter((d) => d !== i + 1) })
                }
              />
              <span>{name}</span>
            </label>
          ))}
        </div>
        {errors['businessHours.days'] && <p className="field-error">{errors['businessHours.days']}</p>}
      </fieldset>
      <div className="field-row field-row-narrow">
        <TextField
          label="Opens"
          hint="HH:MM"
          error={errors['businessHours.start']}
          className="input input-narrow input-mono"
          placeholder="09:00"
          maxLength={5}
          value={draft.start}
          onChange={(v) => onChange({ ...draft, start: v })}
        />
        <TextField
          label="Closes"
          hint="HH:MM; 24:00 is midnight"
          error={errors['businessHours.end']}
          className="input input-narrow input-mono"
          placeholder="17:00"
          maxLength={5}
          value={draft.end}
          onChange={(v) => onChange({ ...draft, end: v })}
        />
      </div>
      <fieldset className="field">
        <legend className="field-label">Holidays</legend>
        <p className="field-hint">Local dates on which the clock does not count.</p>
        {draft.holidays.length > 0 && (
          <ul className="holiday-list">
            {[...draft.holidays].sort().map((h) => (
              <li key={h} className="language">
                <span className="input-mono">{h}</span>
                <button
                  type="button"
                  className="button button-ghost button-small"
                  onClick={() => onChange({ ...draft, holidays: draft.holidays.filter((x) => x !== h) })}
                >
                  Remove<span className="visually-hidden"> the holiday {h}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="inline-form">
          <label htmlFor="holiday-date" className="visually-hidden">
            Holiday date
          </label>
          <input
            id="holiday-date"
            className="input input-narrow-wide"
            type="date"
            value={holiday}
            onChange={(e) => setHoliday(e.target.value)}
          />
          <button
            type="button"
            className="button"
            onClick={() => {
              if (/^\d{4}-\d{2}-\d{2}$/.test(holiday) && !draft.holidays.includes(holiday))
                onChange({ ...draft, holidays: [...draft.holidays, holiday] });
              setHoliday('');
            }}
          >
            Add holiday
          </button>
        </div>
        {holidayError && <p className="field-error">{holidayError}</p>}
      </fieldset>
    </div>
  );
}
