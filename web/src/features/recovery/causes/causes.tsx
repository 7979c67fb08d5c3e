// Causes: root causes ("batch B-42 filled with henna"), newest first. Each has a selector over
// timeline events that finds every customer it touched, including those who never complained.
// Managers and admins record them.
import { useRef, useState, type FormEvent } from 'react';
import { api } from '../../../shared/api.ts';
import { TextAreaField, TextField } from '../../../shared/fields.tsx';
import { ArrowLeftIcon, LayersIcon, PlusIcon } from '../../../shared/icons.tsx';
import { emptySelector, SelectorEditor, selectorFromDraft, selectorWords, type SelectorDraft } from './selector-editor.tsx';
import { EmptyState, ErrorNotice, PageHeader, PagedStates } from '../../../shared/states.tsx';
import { useDocumentTitle, useFormSubmit, usePaged } from '../../../shared/hooks.ts';
import { Link, navigate } from '../../../shared/router.tsx';
import { hasRole, useSession } from '../../../shared/session.ts';
import type { Cause, CauseInput, Page } from '../../../shared/types.ts';
import { DataTable } from '../../../shared/data-table.tsx';
import { When } from '../../../shared/tip/when.tsx';

export function CausesPage() {
  useDocumentTitle('Causes');
  const { session } = useSession();
  const canCreate = hasRole(session.user.role, 'manager');
  const list = usePaged<Cause>('causes', (cursor, signal) => api<Page<Cause>>('/api/v1/causes', { query: { limit: 50, cursor }, signal }));
  const newButton = canCreate && (
    <Link to="/causes/new" className="button button-primary">
      <PlusIcon /> New cause
    </Link>
  );

  return (
    <div className="page">
      <PageHeader
        title="Causes"
        description="Root causes behind cases. Each finds every customer it touched, so they hear from you before they complain."
        actions={newButton}
      />
      <PagedStates
        list={list}
        loading="Loading causes…"
        empty={
          <EmptyState icon={<LayersIcon />} title="No causes yet" action={newButton}>
            <p>
              When one mistake may have touched many customers (a production batch, a faulty release, a carrier’s bad week), record it as a
              cause with the events it shows up in.
            </p>
            {!canCreate && <p>Managers and admins record causes.</p>}
          </EmptyState>
        }
        moreLabel="Load more causes"
      >
        <DataTable columns={['Cause', 'Events it matches', 'Recorded']} className="table table-narrow-hide">
          {list.items.map((c) => (
            <tr key={c.id} className="row-link">
              <td>
                <Link to={`/causes/${c.id}`} className="row-link-target">
                  {c.title}
                </Link>
              </td>
              <td>
                <code className="code">{selectorWords(c.selector)}</code>
              </td>
              <td className="nowrap">
                <When at={c.createdAt} show="date" />
              </td>
            </tr>
          ))}
        </DataTable>
      </PagedStates>
    </div>
  );
}

export function NewCausePage() {
  useDocumentTitle('New cause');
  const { session } = useSession();
  const form = useRef<HTMLFormElement>(null);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [draft, setDraft] = useState<SelectorDraft>(emptySelector);
  const { errors, failure, busy, submit: run } = useFormSubmit(form);

  if (!hasRole(session.user.role, 'manager')) {
    return (
      <div className="page">
        <BackLink />
        <EmptyState pageTitle icon={<LayersIcon />} title="Only managers and admins record causes">
          <p>Ask a manager to record the cause; you can link cases to it once it exists.</p>
        </EmptyState>
      </div>
    );
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const { selector, problems } = selectorFromDraft(draft);
    if (!title.trim()) problems.title = 'Name the cause, e.g. Batch B-42 filled with henna';
    await run(problems, async () => {
      const body: CauseInput = { title: title.trim(), ...(description.trim() ? { description: description.trim() } : {}), selector };
      const cause = await api<Cause>('/api/v1/causes', { method: 'POST', body });
      navigate(`/causes/${cause.id}`);
    });
  }

  return (
    <div className="page">
      <BackLink />
      <PageHeader
        title="New cause"
        description="Say what went wrong, and which events show who it touched: Kept finds every customer with a matching event."
      />
      <form ref={form} onSubmit={submit} noValidate className="card form-card stack editor">
        {failure && <ErrorNotice message={failure} />}
        <TextField
          label="Title"
          error={errors.title}
          className="input"
          maxLength={200}
          placeholder="Batch B-42 filled with henna"
          value={title}
          onChange={(v) => setTitle(v)}
        />
        <TextAreaField
          label="Description (optional)"
          hint="What happened, for the team."
          error={errors.description}
          className="input textarea"
          rows={3}
          maxLength={5000}
          value={description}
          onChange={(v) => setDescription(v)}
        />
        <SelectorEditor draft={draft} onChange={setDraft} errors={errors} />
        <div className="form-actions">
          <button type="submit" className="button button-primary" aria-disabled={busy}>
            {busy ? 'Recording…' : 'Record cause'}
          </button>
          <Link to="/causes" className="button button-ghost">
            Cancel
          </Link>
        </div>
      </form>
    </div>
  );
}

export function CausesBackLink() {
  return <BackLink />;
}

function BackLink() {
  return (
    <Link to="/causes" className="back-link">
      <ArrowLeftIcon /> Causes
    </Link>
  );
}
