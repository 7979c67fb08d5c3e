// A case's severity to choose, low to critical.
import type { CaseSeverity } from '../../shared/types.ts';
import { SelectField } from '../../shared/fields.tsx';
import { severityList, severityName } from './recovery.ts';

export function SeverityField({
  label = 'Severity',
  error,
  value,
  onChange,
}: {
  label?: string;
  error?: string;
  value: CaseSeverity;
  onChange: (severity: CaseSeverity) => void;
}) {
  return (
    <SelectField label={label} error={error} className="input select" value={value} onChange={(v) => onChange(v as CaseSeverity)}>
      {severityList.map((s) => (
        <option key={s} value={s}>
          {severityName[s]}
        </option>
      ))}
    </SelectField>
  );
}
