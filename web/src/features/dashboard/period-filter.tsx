// The period filter of a report: a preset (last 30, 90 or 365 days) or custom dates, kept in the
// URL as `period`, `from` and `to` (the last day included, as people pick it). The dashboard and
// the recovery report share it, so a period link reads the same on both.
import { addDays, isDay, periodPresets, todayUtc, type Period } from './scores.ts';
import { FilterSelect } from '../../shared/filters.tsx';

/** The period select, and the two dates when it is custom (inside a `.filters` group). */
export function PeriodPicker({
  preset,
  period,
  setParams,
}: {
  preset: string;
  period: Period;
  setParams: (change: Record<string, string | undefined>) => void;
}) {
  const lastIncluded = addDays(period.to, -1);
  return (
    <>
      <FilterSelect
        id="filter-period"
        label="Period"
        value={preset}
        onChange={(v) =>
          setParams(
            v === 'custom' ? { period: 'custom', from: period.from, to: lastIncluded } : { period: v, from: undefined, to: undefined },
          )
        }
      >
        {periodPresets.map((p) => (
          <option key={p.value} value={p.value}>
            {p.label}
          </option>
        ))}
        <option value="custom">Custom dates</option>
      </FilterSelect>
      {preset === 'custom' && (
        <>
          <div className="filter-group">
            <label className="filter-label" htmlFor="filter-from">
              From (UTC)
            </label>
            <input
              id="filter-from"
              className="input date-input"
              type="date"
              value={period.from}
              max={lastIncluded}
              onChange={(e) => isDay(e.target.value) && setParams({ from: e.target.value })}
            />
          </div>
          <div className="filter-group">
            <label className="filter-label" htmlFor="filter-to">
              To, included
            </label>
            <input
              id="filter-to"
              className="input date-input"
              type="date"
              value={lastIncluded}
              min={period.from}
              max={todayUtc()}
              onChange={(e) => isDay(e.target.value) && setParams({ to: e.target.value })}
            />
          </div>
        </>
      )}
    </>
  );
}
