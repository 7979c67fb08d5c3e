// Departments: who owns which part of the customer's experience. Managers and admins add them;
// the key is what events name as their `source`.
import { useRef, useState, type FormEvent } from 'react';
import { api, messageOf } from '../../shared/api.ts';
import { suggestedColours } from '../../shared/colours.ts';
import { TextField } from '../../shared/fields.tsx';
import { LayersIcon } from '../../shared/icons.tsx';
import { EmptyState, ErrorNotice, Loading, PageHeader } from '../../shared/states.tsx';
import { plural } from '../../shared/format.ts';
import { useDocumentTitle, useFormSubmit, useLoad } from '../../shared/hooks.ts';
import { hasRole, useSession } from '../../shared/session.ts';
import type { Department } from '../../shared/types.ts';
import { DataTable } from '../../shared/data-table.tsx';
import { When } from '../../shared/tip/when.tsx';
import { Tip } from '../../shared/tip/tip.tsx';

export function DepartmentsPage() {
  useDocumentTitle('Departments');
  const { session } = useSession();
  const departments = useLoad('departments', (signal) =>
    api<{ items: Department[] }>('/api/v1/departments', { signal }).then((r) => r.items),
  );
  const [created, setCreated] = useState<string>();
  const canCreate = hasRole(session.user.role, 'manager');

  return (
    <div className="page">
      <PageHeader
        title="Departments"
        description={
          <>
            Teams that own part of the customer&rsquo;s experience. An event names its department by key, in{' '}
            <code className="code">source</code>.
          </>
        }
      />
      <p className="visually-hidden" role="status">
        {created}
      </p>
      <div className={canCreate ? 'split' : undefined}>
        <section aria-label="All departments">
          {departments.state.status === 'loading' && <Loading label="Loading departments…" />}
          {departments.state.status === 'error' && (
            <ErrorNotice message={messageOf(departments.state.error)} onRetry={departments.reload} />
          )}
          {departments.state.status === 'ready' &&
            (departments.state.data.length === 0 ? (
              <EmptyState icon={<LayersIcon />} title="No departments yet">
                <p>Events still appear on timelines: each source without a department gets a colour of its own.</p>
              </EmptyState>
            ) : (
              <DepartmentTable departments={departments.state.data} />
            ))}
        </section>
        {canCreate && (
          <section className="card form-card" aria-labelledby="new-department">
            <h2 id="new-department" className="card-title">
              New department
            </h2>
            <DepartmentForm
              onCreated={(d) => {
                departments.update((list) => [...list, d].sort((a, b) => a.name.localeCompare(b.name)));
                setCreated(`Department ${d.name} created`);
              }}
            />
          </section>
        )}
      </div>
    </div>
  );
}

function DepartmentTable({ departments }: { departments: Department[] }) {
  return (
    <DataTable columns={['Department', 'Key', 'Members', 'Created']}>
      {departments.map((d) => (
        <tr key={d.id}>
          <td>
            <span className="department-name">
              <span className="swatch" style={{ background: d.colour }} aria-hidden="true" />
              {d.name}
            </span>
          </td>
          <td>
            <code className="code">{d.key}</code>
          </td>
          <td>{plural(d.memberIds.length, 'member')}</td>
          <td>
            <When at={d.createdAt} show="date" />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

const keyPattern = /^[a-z0-9][a-z0-9_.-]{0,63}$/;
const keyFrom = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9_.-]+/g, '-')
    .replace(/^[^a-z0-9]+|-+$/g, '')
    .slice(0, 64);

function DepartmentForm({ onCreated }: { onCreated: (d: Department) => void }) {
  const form = useRef<HTMLFormElement>(null);
  const [name, setName] = useState('');
  const [key, setKey] = useState('');
  const [keyEdited, setKeyEdited] = useState(false);
  const [colour, setColour] = useState(suggestedColours[0]!.hex);
  const { errors, failure, busy, submit: run } = useFormSubmit(form);
  const shownKey = keyEdited ? key : keyFrom(name);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (!name.trim()) problems.name = 'Enter a name, e.g. Billing';
    if (!shownKey) problems.key = 'Enter a key, e.g. billing';
    else if (!keyPattern.test(shownKey))
      problems.key = 'Use lowercase letters, digits, dots, dashes or underscores, starting with a letter or digit (up to 64)';
    await run(problems, async () => {
      onCreated(await api<Department>('/api/v1/departments', { method: 'POST', body: { key: shownKey, name: name.trim(), colour } }));
      setName('');
      setKey('');
      setKeyEdited(false);
    });
  }

  return (
    <form ref={form} onSubmit={submit} noValidate className="stack">
      {failure && <ErrorNotice message={failure} />}
      <TextField label="Name" error={errors.name} className="input" maxLength={100} value={name} onChange={(v) => setName(v)} />
      <TextField
        label="Key"
        hint="What events send as source. Lowercase, e.g. billing or logistics."
        error={errors.key}
        className="input input-mono"
        maxLength={64}
        spellCheck={false}
        autoCapitalize="off"
        value={shownKey}
        onChange={(v) => {
          setKey(v);
          setKeyEdited(v !== ''); // cleared: follow the name again
        }}
      />
      <fieldset className="field">
        <legend className="field-label">Colour</legend>
        <div className="swatch-picker">
          {suggestedColours.map((c) => (
            <label key={c.hex} className="swatch-option">
              <input type="radio" name="colour" value={c.hex} checked={colour === c.hex} onChange={() => setColour(c.hex)} />
              <Tip text={c.name}>
                <span className="swatch swatch-large" style={{ background: c.hex }} aria-hidden="true" />
              </Tip>
              <span className="visually-hidden">{c.name}</span>
            </label>
          ))}
          <label className="swatch-custom">
            <input type="color" value={colour} onChange={(e) => setColour(e.target.value)} />
            <span>Custom</span>
          </label>
        </div>
        {errors.colour && <p className="field-error">{errors.colour}</p>}
      </fieldset>
      <button type="submit" className="button button-primary" aria-disabled={busy}>
        {busy ? 'Creating…' : 'Create department'}
      </button>
    </form>
  );
}
