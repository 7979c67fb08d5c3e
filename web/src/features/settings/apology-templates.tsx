// Settings → Apology templates: the texts staff start an apology from. Placeholders
// ({customerName}, {staffName}, {caseTitle}, {caseNumber}, {company}) are filled in for each
// customer. Kept refuses a text that does not own the mistake ("any inconvenience").
import { useRef, useState, type FormEvent } from 'react';
import { api, messageOf } from '../../shared/api.ts';
import { ConfirmDialog } from '../../shared/confirm-dialog.tsx';
import { Field } from '../../shared/field.tsx';
import { TextField } from '../../shared/fields.tsx';
import { MailIcon, PlusIcon } from '../../shared/icons.tsx';
import { SettingsNav } from './settings-nav.tsx';
import { EmptyState, ErrorNotice, Loading, PageHeader } from '../../shared/states.tsx';
import { useDocumentTitle, useFormSubmit, useLoad } from '../../shared/hooks.ts';
import { placeholderList } from '../recovery/recovery.ts';
import { hasRole, useSession } from '../../shared/session.ts';
import type { ApologyTemplate } from '../../shared/types.ts';
import { FormActions } from '../../shared/form-actions.tsx';
import { When } from '../../shared/tip/when.tsx';

const byName = (a: ApologyTemplate, b: ApologyTemplate) => a.name.localeCompare(b.name);

export function ApologyTemplatesPage() {
  useDocumentTitle('Apology templates');
  const { session } = useSession();
  const manager = hasRole(session.user.role, 'manager');
  const templates = useLoad('apology-templates', (signal) =>
    api<{ items: ApologyTemplate[] }>('/api/v1/apology-templates', { signal }).then((r) => r.items),
  );
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string>();
  const [deleting, setDeleting] = useState<ApologyTemplate>();
  const [deleteBusy, setDeleteBusy] = useState(false);
  const [deleteError, setDeleteError] = useState<string>();
  const [announcement, setAnnouncement] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);

  async function remove(t: ApologyTemplate) {
    setDeleteBusy(true);
    setDeleteError(undefined);
    try {
      await api(`/api/v1/apology-templates/${t.id}`, { method: 'DELETE' });
      templates.update((list) => list.filter((x) => x.id !== t.id));
      setAnnouncement(`Template ${t.name} deleted`);
      setDeleting(undefined);
      requestAnimationFrame(() => heading.current?.focus()); // its buttons are gone
    } catch (err) {
      setDeleteError(messageOf(err));
    } finally {
      setDeleteBusy(false);
    }
  }

  return (
    <div className="page">
      <SettingsNav />
      <PageHeader
        title="Apology templates"
        description="What staff start an apology from. A template’s placeholders are filled in for each customer; the result can be edited before it goes."
        actions={
          manager &&
          !adding && (
            <button type="button" className="button button-primary" onClick={() => setAdding(true)}>
              <PlusIcon /> New template
            </button>
          )
        }
      />
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      <div className="settings-stack">
        {adding && (
          <section className="card form-card" aria-labelledby="new-template">
            <h2 id="new-template" className="card-title">
              New template
            </h2>
            <TemplateForm
              onCancel={() => setAdding(false)}
              onSaved={(t) => {
                templates.update((list) => [...list, t].sort(byName));
                setAdding(false);
                setAnnouncement(`Template ${t.name} created`);
              }}
            />
          </section>
        )}
        <h2 className="visually-hidden" ref={heading} tabIndex={-1}>
          Templates
        </h2>
        {templates.state.status === 'loading' && <Loading label="Loading templates…" />}
        {templates.state.status === 'error' && <ErrorNotice message={messageOf(templates.state.error)} onRetry={templates.reload} />}
        {templates.state.status === 'ready' && templates.state.data.length === 0 && (
          <EmptyState icon={<MailIcon />} title="No apology templates">
            <p>Staff can still write each apology themselves. A template saves them starting from a blank page under pressure.</p>
          </EmptyState>
        )}
        {templates.state.status === 'ready' &&
          templates.state.data.map((t) =>
            editing === t.id ? (
              <section key={t.id} className="card form-card" aria-label={`Edit ${t.name}`}>
                <TemplateForm
                  template={t}
                  onCancel={() => setEditing(undefined)}
                  onSaved={(saved) => {
                    templates.update((list) => list.map((x) => (x.id === saved.id ? saved : x)).sort(byName));
                    setEditing(undefined);
                    setAnnouncement(`Template ${saved.name} saved`);
                  }}
                />
              </section>
            ) : (
              <article key={t.id} className="card form-card template" aria-labelledby={`template-${t.id}`}>
                <div className="card-head">
                  <h3 id={`template-${t.id}`} className="card-title">
                    {t.name}
                  </h3>
                  {manager && (
                    <div className="button-row">
                      <button type="button" className="button button-small" onClick={() => setEditing(t.id)}>
                        Edit<span className="visually-hidden"> {t.name}</span>
                      </button>
                      <button type="button" className="button button-danger-ghost button-small" onClick={() => setDeleting(t)}>
                        Delete<span className="visually-hidden"> {t.name}</span>
                      </button>
                    </div>
                  )}
                </div>
                <p className="template-body">{t.body}</p>
                <p className="field-hint">
                  Changed <When at={t.updatedAt} />
                </p>
              </article>
            ),
          )}
      </div>
      <ConfirmDialog
        open={!!deleting}
        title={`Delete “${deleting?.name ?? ''}”?`}
        confirmLabel="Delete template"
        busy={deleteBusy}
        onConfirm={() => deleting && void remove(deleting)}
        onCancel={() => {
          setDeleting(undefined);
          setDeleteError(undefined);
        }}
      >
        <p>Apologies already sent from it stay as they were.</p>
        {deleteError && (
          <p className="field-error" role="alert">
            {deleteError}
          </p>
        )}
      </ConfirmDialog>
    </div>
  );
}

function TemplateForm({
  template,
  onCancel,
  onSaved,
}: {
  template?: ApologyTemplate;
  onCancel: () => void;
  onSaved: (t: ApologyTemplate) => void;
}) {
  const form = useRef<HTMLFormElement>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const [name, setName] = useState(template?.name ?? '');
  const [body, setBody] = useState(template?.body ?? '');
  const { errors, failure, busy, submit: run } = useFormSubmit(form);

  function insert(placeholder: string) {
    const el = bodyRef.current;
    const token = `{${placeholder}}`;
    if (!el) return setBody((b) => b + token);
    const [from, to] = [el.selectionStart, el.selectionEnd];
    setBody(body.slice(0, from) + token + body.slice(to));
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(from + token.length, from + token.length);
    });
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (!name.trim()) problems.name = 'Name the template, e.g. Wrong product';
    if (!body.trim()) problems.body = 'Write the apology';
    await run(problems, async () => {
      const input = { name: name.trim(), body: body.trim() };
      onSaved(
        template
          ? await api<ApologyTemplate>(`/api/v1/apology-templates/${template.id}`, { method: 'PATCH', body: input })
          : await api<ApologyTemplate>('/api/v1/apology-templates', { method: 'POST', body: input }),
      );
    });
  }

  return (
    <form ref={form} onSubmit={submit} noValidate className="stack">
      {failure && <ErrorNotice message={failure} />}
      <TextField label="Name" error={errors.name} className="input" maxLength={100} value={name} onChange={(v) => setName(v)} />
      <Field
        label="Apology"
        hint="Own the mistake: “we sent you the wrong jar”, never “we apologise for any inconvenience”."
        error={errors.body}
      >
        {(control) => (
          <textarea
            {...control}
            ref={bodyRef}
            className="input textarea"
            rows={7}
            maxLength={5000}
            value={body}
            onChange={(e) => setBody(e.target.value)}
          />
        )}
      </Field>
      <div className="placeholder-bar" role="group" aria-label="Insert a placeholder">
        <span className="field-hint">Insert:</span>
        {placeholderList.map((p) => (
          <button key={p} type="button" className="chip chip-small" onClick={() => insert(p)}>
            {`{${p}}`}
          </button>
        ))}
      </div>
      <FormActions busy={busy} label={template ? 'Save template' : 'Create template'} onCancel={onCancel} />
    </form>
  );
}
