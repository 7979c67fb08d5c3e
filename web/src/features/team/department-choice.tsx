// The departments a person is in, as checkboxes: cases of a department go round its members.
export function DepartmentChoice({
  departments,
  value,
  onChange,
  error,
}: {
  departments: readonly { id: string; name: string }[];
  value: readonly string[];
  onChange: (ids: string[]) => void;
  error?: string;
}) {
  return (
    <fieldset className="field">
      <legend className="field-label">Departments</legend>
      {departments.length === 0 ? (
        <p className="field-hint">No departments yet.</p>
      ) : (
        <div className="stack-tight">
          {departments.map((d) => (
            <label key={d.id} className="checkbox">
              <input
                type="checkbox"
                checked={value.includes(d.id)}
                onChange={(e) => onChange(e.target.checked ? [...value, d.id] : value.filter((x) => x !== d.id))}
              />
              {d.name}
            </label>
          ))}
        </div>
      )}
      <p className="field-hint">Their department&rsquo;s new cases come to them in turn.</p>
      {error && <p className="field-error">{error}</p>}
    </fieldset>
  );
}
