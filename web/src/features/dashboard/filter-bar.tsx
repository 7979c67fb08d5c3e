// The dashboard's filters: period, survey, department and whether hand-picked answers count.
import { PeriodPicker } from './period-filter.tsx';
import { kindTitle } from './scores.ts';
import type { Department, Survey } from '../../shared/types.ts';
import { type Filters } from './dashboard-filters.ts';
import { FilterSelect, NamedOptions } from '../../shared/filters.tsx';

export function FilterBar({
  f,
  surveys,
  departments,
  setParams,
}: {
  f: Filters;
  surveys: Survey[];
  departments: Department[];
  setParams: (change: Record<string, string | undefined>) => void;
}) {
  return (
    <div className="filters dashboard-filters" role="group" aria-label="Filters">
      <PeriodPicker preset={f.preset} period={f.period} setParams={setParams} />
      <FilterSelect
        id="filter-survey"
        label="Survey"
        value={f.surveyId ?? ''}
        onChange={(v) => setParams({ survey: v || undefined })}
        all="All surveys"
      >
        {surveys.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name} ({kindTitle[s.kind]}
            {s.archivedAt ? ', archived' : ''})
          </option>
        ))}
      </FilterSelect>
      <FilterSelect
        id="filter-department"
        label="Department"
        value={f.departmentId ?? ''}
        onChange={(v) => setParams({ department: v || undefined })}
        all="All departments"
      >
        <NamedOptions items={departments} />
      </FilterSelect>
      <div className="filter-group filter-toggle">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={f.includeHandPicked}
            aria-describedby="hand-picked-hint"
            onChange={(e) => setParams({ hand: e.target.checked ? 'true' : undefined })}
          />
          <span>Include hand-picked answers</span>
        </label>
        <span className="field-hint" id="hand-picked-hint">
          Answers to invitations staff chose by hand
        </span>
      </div>
    </div>
  );
}
