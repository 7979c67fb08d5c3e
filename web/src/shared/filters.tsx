// The controls of a list's filter row: a labelled select, and a set of pressed/unpressed buttons.
import type { ReactNode } from 'react';

/** A labelled select in a filter row; `all` names the first choice, the empty value. */
export function FilterSelect({
  id,
  label,
  value,
  onChange,
  all,
  children,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  all?: string;
  children: ReactNode;
}) {
  return (
    <div className="filter-group">
      <label className="filter-label" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="input select" value={value} onChange={(e) => onChange(e.target.value)}>
        {all !== undefined && <option value="">{all}</option>}
        {children}
      </select>
    </div>
  );
}

/** One option a record: its id, named by its name. */
export function NamedOptions({ items }: { items: readonly { id: string; name: string }[] }) {
  return items.map((d) => (
    <option key={d.id} value={d.id}>
      {d.name}
    </option>
  ));
}

/** Buttons of which one is pressed, labelled as a group: "Status: Open | Closed". */
export function FilterSegments<T extends string>({
  id,
  label,
  choices,
  value,
  onChange,
}: {
  id: string;
  label: string;
  /** Each value with its name, in order. */
  choices: readonly (readonly [T, string])[];
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <div className="filter-group">
      <span className="filter-label" id={id}>
        {label}
      </span>
      <div className="segmented" role="group" aria-labelledby={id}>
        {choices.map(([v, name]) => (
          <button key={v} type="button" className="segment" aria-pressed={value === v} onClick={() => onChange(v)}>
            {name}
          </button>
        ))}
      </div>
    </div>
  );
}
