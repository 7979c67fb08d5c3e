// "Report an oops": staff record something that went wrong for a customer (POST /api/v1/cases).
// The case's clock starts when it happened, which may be earlier than now; a customer with an
// open case gets the oops added to it instead of a second case.
import { useRef, useState, type FormEvent } from 'react';
import { api } from '../../../shared/api.ts';
import { useFormSubmit } from '../../../shared/hooks.ts';
import { fromLocalInput, toLocalInput } from '../../../shared/local-time.ts';
import type { Case, CaseSeverity, Customer, Department, ManualOopsInput } from '../../../shared/types.ts';
import { CustomerPicker } from '../../../shared/customer-picker.tsx';
import { TextAreaField, TextField, DepartmentField } from '../../../shared/fields.tsx';
import { FormDialog } from '../../../shared/form-dialog.tsx';
import { ErrorNotice } from '../../../shared/states.tsx';
import { SeverityField } from '../severity-field.tsx';

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function ReportOopsDialog({
  open,
  departments,
  onClose,
  onReported,
}: {
  open: boolean;
  departments: Department[];
  onClose: () => void;
  onReported: (c: Case, joined: boolean) => void;
}) {
  return (
    <FormDialog
      open={open}
      title="Report an oops"
      description="Something went wrong for a customer. The case’s clock starts when it happened, not now."
      onClose={onClose}
      wide
    >
      <ReportOopsForm departments={departments} onCancel={onClose} onReported={onReported} />
    </FormDialog>
  );
}

function ReportOopsForm({
  departments,
  onCancel,
  onReported,
}: {
  departments: Department[];
  onCancel: () => void;
  onReported: (c: Case, joined: boolean) => void;
}) {
  const form = useRef<HTMLFormElement>(null);
  const [newCustomer, setNewCustomer] = useState(false);
  const [chosen, setChosen] = useState<Customer>();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [summary, setSummary] = useState('');
  const [occurred, setOccurred] = useState(() => toLocalInput(new Date()));
  const [severity, setSeverity] = useState<CaseSeverity>('normal');
  const [departmentId, setDepartmentId] = useState('');
  const { errors, failure, busy, submit: run } = useFormSubmit(form);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (newCustomer) {
      if (!emailPattern.test(email.trim())) problems['customer.email'] = 'Enter the customer’s e-mail address, e.g. marta@example.com';
    } else if (!chosen) problems.customerId = 'Search for a customer and choose one';
    if (!summary.trim()) problems.summary = 'Say in a sentence what went wrong';
    const occurredAt = fromLocalInput(occurred);
    if (!occurredAt) problems.occurredAt = 'Enter the date and time it happened';
    else if (Date.parse(occurredAt) > Date.now() + 5 * 60_000) problems.occurredAt = 'It cannot have happened in the future';
    await run(problems, async () => {
      const body: ManualOopsInput = {
        ...(newCustomer
          ? { customer: { email: email.trim(), ...(name.trim() ? { name: name.trim() } : {}) } }
          : { customerId: chosen!.id }),
        summary: summary.trim(),
        occurredAt,
        severity,
        ...(departmentId ? { departmentId } : {}),
      };
      const r = await api<{ case: Case; joined: boolean }>('/api/v1/cases', { method: 'POST', body });
      onReported(r.case, r.joined);
    });
  }

  return (
    <form ref={form} onSubmit={submit} noValidate className="stack">
      {failure && <ErrorNotice message={failure} />}
      {newCustomer ? (
        <div className="field-pair">
          <TextField
            label="Customer’s e-mail"
            error={errors['customer.email'] ?? errors.customer}
            className="input"
            type="email"
            autoComplete="off"
            maxLength={320}
            value={email}
            onChange={(v) => setEmail(v)}
          />
          <TextField
            label="Name (optional)"
            error={errors['customer.name']}
            className="input"
            maxLength={200}
            value={name}
            onChange={(v) => setName(v)}
          />
        </div>
      ) : (
        <CustomerPicker chosen={chosen} onChoose={setChosen} error={errors.customerId} />
      )}
      <button type="button" className="button button-ghost button-small link-button" onClick={() => setNewCustomer((v) => !v)}>
        {newCustomer ? 'Choose a customer Kept knows instead' : 'The customer is not in Kept yet'}
      </button>
      <TextAreaField
        label="What went wrong"
        hint="A sentence; it becomes the case’s title."
        error={errors.summary}
        className="input textarea"
        rows={3}
        maxLength={2000}
        value={summary}
        onChange={(v) => setSummary(v)}
      />
      <div className="field-row">
        <TextField
          label="When it happened"
          hint="Your local time. The clock starts here."
          error={errors.occurredAt}
          className="input"
          type="datetime-local"
          max={toLocalInput(new Date())}
          value={occurred}
          onChange={(v) => setOccurred(v)}
        />
        <SeverityField error={errors.severity} value={severity} onChange={setSeverity} />
        <DepartmentField
          label="Department"
          error={errors.departmentId}
          value={departmentId}
          onChange={setDepartmentId}
          departments={departments}
          none="The default one"
        />
      </div>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" aria-disabled={busy}>
          {busy ? 'Reporting…' : 'Report oops'}
        </button>
      </div>
    </form>
  );
}
