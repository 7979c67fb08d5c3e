// The form fields the app repeats: a labelled text input, number input, text area or select,
// each inside a Field (label, hint and error wired up) and handing back the value, not the event.
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { Field } from './field.tsx';

interface Labelled {
  label: string;
  hint?: ReactNode;
  error?: string;
}
type Control<T> = Omit<T, 'id' | 'value' | 'onChange'> & { value: string; onChange: (value: string) => void };

export function TextField({ label, hint, error, onChange, ...input }: Labelled & Control<InputHTMLAttributes<HTMLInputElement>>) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => <input {...control} {...input} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}

/** Whole numbers typed as text, so a half-typed value stays what the person typed. */
export function NumberField(props: Labelled & Control<Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'inputMode'>>) {
  return <TextField type="number" inputMode="numeric" {...props} />;
}

export function TextAreaField({
  label,
  hint,
  error,
  onChange,
  ...textarea
}: Labelled & Control<TextareaHTMLAttributes<HTMLTextAreaElement>>) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => <textarea {...control} {...textarea} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}

export function SelectField({ label, hint, error, onChange, ...select }: Labelled & Control<SelectHTMLAttributes<HTMLSelectElement>>) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => <select {...control} {...select} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}

/** A department to choose, or none (`value` ""), named by `none`: "No department", "The default one" … */
export function DepartmentField({
  departments,
  none,
  children,
  className = 'input select',
  ...select
}: Labelled &
  Control<SelectHTMLAttributes<HTMLSelectElement>> & { departments: readonly { id: string; name: string }[] | undefined; none: string }) {
  return (
    <SelectField className={className} {...select}>
      <option value="">{none}</option>
      {departments?.map((d) => (
        <option key={d.id} value={d.id}>
          {d.name}
        </option>
      ))}
      {children}
    </SelectField>
  );
}
