// Settings → Guard rules → one rule: its name, description, on/off, and the rule itself as JSON
// (with fields for its common parts that write the same JSON). What the server refuses is listed
// by JSON path; choosing a problem selects that spot in the JSON. New rules start from an example.
import { useRef, useState, type FormEvent } from 'react';
import { api, ApiError, messageOf, type FieldProblem } from '../../../shared/api.ts';
import { ConfirmDialog } from '../../../shared/confirm-dialog.tsx';
import { TextAreaField, TextField } from '../../../shared/fields.tsx';
import { GuardRuleFields } from './guard-rule-fields.tsx';
import { ArrowLeftIcon, TrashIcon } from '../../../shared/icons.tsx';
import { SettingsNav } from '../../settings/settings-nav.tsx';
import { EmptyState, ErrorNotice, Loading, PageHeader } from '../../../shared/states.tsx';
import { checkRuleDraft, newRuleTemplate, ordinal } from './guard-rules.ts';
import { ProblemList } from './rule-problems.tsx';
import { useDocumentTitle, useFormSubmit, useLoad } from '../../../shared/hooks.ts';
import { lineOf, locateJsonPath } from './json-path.ts';
import { ruleHref } from '../outbox.ts';
import { Link, navigate, useLocation } from '../../../shared/router.tsx';
import { hasRole, useSession } from '../../../shared/session.ts';
import type { Department, GuardRuleRecord } from '../../../shared/types.ts';
import { FormActions } from '../../../shared/form-actions.tsx';

export function GuardRulePage({ id }: { id: string }) {
  const isNew = id === 'new';
  const rules = useLoad(`guard-rules|${id}`, (signal) =>
    isNew ? Promise.resolve([]) : api<{ items: GuardRuleRecord[] }>('/api/v1/guard-rules', { signal }).then((r) => r.items),
  );
  const departments = useLoad('departments', (signal) =>
    api<{ items: Department[] }>('/api/v1/departments', { signal }).then((r) => r.items),
  );
  const found = rules.state.status === 'ready' ? rules.state.data.find((r) => r.id === id) : undefined;
  useDocumentTitle(isNew ? 'New guard rule' : (found?.name ?? 'Guard rule'));

  return (
    <div className="page">
      <SettingsNav />
      <Link to="/settings/guard-rules" className="back-link">
        <ArrowLeftIcon /> Guard rules
      </Link>
      {rules.state.status === 'loading' && (
        <>
          <h1 className="visually-hidden">Guard rule</h1>
          <Loading label="Loading the rule…" />
        </>
      )}
      {rules.state.status === 'error' && (
        <>
          <h1 className="visually-hidden">Guard rule</h1>
          <ErrorNotice message={messageOf(rules.state.error)} onRetry={rules.reload} />
        </>
      )}
      {rules.state.status === 'ready' &&
        (isNew || found ? (
          <RuleEditor
            key={found?.updatedAt ?? 'new'}
            rule={found}
            position={found ? rules.state.data.indexOf(found) + 1 : undefined}
            departments={departments.state.status === 'ready' ? departments.state.data : []}
          />
        ) : (
          <EmptyState pageTitle title="Rule not found">
            <p>There is no guard rule with this ID in your workspace; it may have been deleted.</p>
          </EmptyState>
        ))}
    </div>
  );
}

function RuleEditor({ rule, position, departments }: { rule?: GuardRuleRecord; position?: number; departments: Department[] }) {
  const { session } = useSession();
  const { params } = useLocation();
  const canEdit = hasRole(session.user.role, 'manager');
  const form = useRef<HTMLFormElement>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [record, setRecord] = useState(rule);
  const [name, setName] = useState(rule?.name ?? '');
  const [description, setDescription] = useState(rule?.description ?? '');
  const [enabled, setEnabled] = useState(rule?.enabled ?? true);
  const [json, setJson] = useState(JSON.stringify(rule?.rule ?? newRuleTemplate, null, 2));
  const [jsonError, setJsonError] = useState<string>();
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [saved, setSaved] = useState(params.get('created') ? 'Rule added: it checks the next message.' : '');
  const [deleting, setDeleting] = useState(false);
  const [deleteBusy, setDeleteBusy] = useState(false);
  const [deleteError, setDeleteError] = useState<string>();
  const { errors, failure, busy, submit: run } = useFormSubmit(form);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved('');
    setProblems([]);
    const { local, parsed, jsonError } = checkRuleDraft(name, json);
    setJsonError(jsonError);
    await run(local, async () => {
      const body = { name: name.trim(), description: description.trim() || (record ? null : undefined), enabled, rule: parsed };
      let next: GuardRuleRecord;
      try {
        next = record
          ? await api<GuardRuleRecord>(`/api/v1/guard-rules/${encodeURIComponent(record.id)}`, { method: 'PATCH', body })
          : await api<GuardRuleRecord>('/api/v1/guard-rules', { method: 'POST', body });
      } catch (err) {
        // Problems inside the rule are listed by JSON path; the others land on their fields.
        if (err instanceof ApiError) setProblems(err.problems.filter((p) => p.path[0] === 'rule'));
        throw err;
      }
      if (!record) return navigate(`${ruleHref(next.id)}?created=1`, { replace: true });
      setRecord(next);
      setJson(JSON.stringify(next.rule, null, 2));
      setSaved('Saved: the rule checks the next message.');
    });
  }

  function show(p: FieldProblem) {
    const el = textarea.current;
    if (!el) return;
    const at = locateJsonPath(json, p.path.slice(1));
    el.focus();
    if (!at) return;
    el.setSelectionRange(at.start, at.end);
    const lineHeight = parseFloat(getComputedStyle(el).lineHeight) || 18;
    el.scrollTop = Math.max(0, (lineOf(json, at.start) - 3) * lineHeight);
  }

  async function remove() {
    if (!record) return;
    setDeleteBusy(true);
    setDeleteError(undefined);
    try {
      await api(`/api/v1/guard-rules/${encodeURIComponent(record.id)}`, { method: 'DELETE' });
      navigate('/settings/guard-rules?deleted=1');
    } catch (err) {
      setDeleteError(messageOf(err));
      setDeleteBusy(false);
    }
  }

  const ruleProblems = problems;
  const jsonInvalid = !!jsonError || ruleProblems.length > 0;
  return (
    <>
      <PageHeader
        title={record ? record.name : 'New guard rule'}
        description={
          record ? (
            <>
              Checked {position ? `${ordinal(position)} ` : ''}of the workspace’s rules
              {record.builtIn ? ' · one of Kept’s built-in rules' : ''}.
            </>
          ) : (
            'A message of one of the kinds is held (or cancelled) when the customer’s timeline shows one of the events, as the rule says.'
          )
        }
      />
      {!canEdit && <p className="notice notice-info section-gap">Only managers and admins change guard rules; you can read this one.</p>}
      <form ref={form} onSubmit={submit} noValidate className="split rule-editor">
        <div className="stack">
          {failure && !ruleProblems.length && (
            <div className="notice notice-error" role="alert">
              {failure}
            </div>
          )}
          <TextField
            label="Name"
            error={errors.name}
            className="input"
            maxLength={200}
            readOnly={!canEdit}
            value={name}
            onChange={(v) => setName(v)}
          />
          <TextAreaField
            label="Description"
            hint="Why the rule exists: what went wrong without it."
            error={errors.description}
            className="input textarea"
            rows={2}
            maxLength={2000}
            readOnly={!canEdit}
            value={description}
            onChange={(v) => setDescription(v)}
          />
          <label className="checkbox">
            <input type="checkbox" checked={enabled} disabled={!canEdit} onChange={(e) => setEnabled(e.target.checked)} />
            <span>On: the outbox checks messages against this rule</span>
          </label>
          <div className={jsonInvalid ? 'field field-invalid' : 'field'}>
            <label className="field-label" htmlFor="rule-json">
              The rule, as JSON
            </label>
            <textarea
              id="rule-json"
              ref={textarea}
              className="input textarea rule-json"
              rows={22}
              spellCheck={false}
              autoCapitalize="off"
              autoComplete="off"
              readOnly={!canEdit}
              aria-invalid={jsonInvalid || undefined}
              aria-describedby={jsonInvalid ? 'rule-json-hint rule-json-problems' : 'rule-json-hint'}
              value={json}
              onChange={(e) => setJson(e.target.value)}
            />
            <p className="field-hint" id="rule-json-hint">
              <code className="code">messageKinds</code>, <code className="code">heldWhen</code> (<code className="code">eventTypes</code>,{' '}
              <code className="code">where</code> conditions on the event’s data, <code className="code">withinDays</code>,{' '}
              <code className="code">clearedBy</code>), <code className="code">action</code> (hold or cancel),{' '}
              <code className="code">task</code> and <code className="code">resolvesOn</code>. See <a href="/api/docs">the API reference</a>{' '}
              (GuardRule).
            </p>
            <div id="rule-json-problems">
              {jsonError && (
                <p className="field-error" role="alert">
                  {jsonError}
                </p>
              )}
              {ruleProblems.length > 0 && <ProblemList json={json} problems={ruleProblems} onShow={show} />}
            </div>
          </div>
          {canEdit && (
            <FormActions busy={busy} label={record ? 'Save' : 'Add rule'} note={saved}>
              {record && (
                <button type="button" className="button button-danger-ghost form-actions-end" onClick={() => setDeleting(true)}>
                  <TrashIcon /> Delete
                </button>
              )}
            </FormActions>
          )}
        </div>
        <fieldset className="card form-card rule-fields-card" disabled={!canEdit}>
          <legend className="card-title">The common parts</legend>
          <p className="field-hint">These fields write the JSON; conditions, clearedBy and resolvesOn are edited there.</p>
          <GuardRuleFields json={json} onJson={setJson} departments={departments} readOnly={!canEdit} />
        </fieldset>
      </form>
      <ConfirmDialog
        open={deleting}
        title={`Delete “${record?.name ?? ''}”?`}
        confirmLabel="Delete rule"
        busy={deleteBusy}
        onConfirm={() => void remove()}
        onCancel={() => {
          setDeleting(false);
          setDeleteError(undefined);
        }}
      >
        <p>Messages it would hold will pass from now on. Messages it already held stay held until someone decides on them.</p>
        {record?.builtIn && <p>This is one of Kept’s built-in rules: once deleted it does not come back. Turning it off keeps it.</p>}
        {deleteError && (
          <p className="field-error" role="alert">
            {deleteError}
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}
