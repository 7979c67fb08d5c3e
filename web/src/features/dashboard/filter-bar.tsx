// The dashboard's filters: period, survey, department and whether hand-picked answers count.
import { PeriodPicker } from './period-filter.tsx';
import { kindTitle } from './scores.ts';
import type { Department, Survey } from '../../shared/types.ts';
import { type Filters } from './dashboard-filters.ts';

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
      <div className="filter-group">
        <label className="filter-label" htmlFor="filter-survey">
          Survey
        </label>
        <select
          id="filter-survey"
          className="input select"
          value={f.surveyId ?? ''}
          onChange={(e) => setParams({ survey: e.target.value || undefined })}
        >
          <option value="">All surveys</option>
          {surveys.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} ({kindTitle[s.kind]}
              {s.archivedAt ? ', archived' : ''})
            </option>
          ))}
        </select>
      </div>
      <div className="filter-group">
        <label className="filter-label" htmlFor="filter-department">
          Department
        </label>
        <select
          id="filter-department"
          className="input select"
          value={f.departmentId ?? ''}
          onChange={(e) => setParams({ department: e.target.value || undefined })}
        >
          <option value="">All departments</option>
          {departments.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </div>
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
