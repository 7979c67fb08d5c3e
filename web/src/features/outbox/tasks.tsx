// Tasks: the work a held message asks of a department ("billing says the return was not
// received; the carrier delivered it: check"). Open tasks by department, each with its customer,
// the detail and the held message it came from; closed with a note. Done tasks say who closed
// them, or which event did when it closed by itself.
import { useState } from 'react';
import { api, messageOf } from '../../shared/api.ts';
import { sourceStyle } from '../../shared/colours.ts';
import { DecisionText } from './decision-text.tsx';
import { CheckIcon } from '../../shared/icons.tsx';
import { MessageStatus } from './message-card.tsx';
import { NoteDialog } from './note-dialog.tsx';
import { SourceBadge } from '../../shared/source-badge.tsx';
import { EmptyState, PageHeader, PagedStates } from '../../shared/states.tsx';
import { ExportMenu } from '../../shared/export-menu.tsx';
import { customerName } from '../../shared/customer-name.ts';
import { useDocumentTitle, useLoad, usePaged } from '../../shared/hooks.ts';
import { useMessages } from '../../shared/lookup.ts';
import { eventHref, messageHref } from './outbox.ts';
import { Link, navigate, useLocation, withQuery } from '../../shared/router.tsx';
import type { Department, Page, Task } from '../../shared/types.ts';
import { FilterSelect, FilterSegments, NamedOptions } from '../../shared/filters.tsx';
import { When } from '../../shared/tip/when.tsx';

const pageSize = 30;

export function TasksPage() {
  useDocumentTitle('Tasks');
  const { path, params } = useLocation();
  const status = params.get('status') === 'done' ? 'done' : 'open';
  const departmentId = params.get('department') ?? '';
  const departments = useLoad('departments', (signal) =>
    api<{ items: Department[] }>('/api/v1/departments', { signal }).then((r) => r.items),
  );
  const departmentList = departments.state.status === 'ready' ? departments.state.data : [];
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState('');
  const tasks = usePaged<Task>(`${status}|${departmentId}|${version}`, (cursor, signal) =>
    api<Page<Task>>('/api/v1/tasks', { query: { status, departmentId: departmentId || undefined, limit: pageSize, cursor }, signal }),
  );
  const setFilter = (next: { status?: string; department?: string }) =>
    navigate(
      withQuery(path, {
        status: (next.status ?? status) === 'done' ? 'done' : undefined,
        department: next.department ?? (departmentId || undefined),
      }),
      { replace: true },
    );
  const chosen = departmentList.find((d) => d.id === departmentId);

  return (
    <div className="page">
      <PageHeader
        title="Tasks"
        description="What a held message asks of a department: check what the customer’s timeline says, decide on the message in the outbox, and close the task. A task that waits for an event (the return received) closes itself when the event arrives."
        actions={<ExportMenu kind="tasks" filters={{ status, departmentId }} />}
      />
      <p className={notice ? 'notice notice-success section-gap' : 'visually-hidden'} role="status">
        {notice}
      </p>
      <div className="filters">
        <FilterSegments
          id="task-status-label"
          label="Status"
          choices={[
            ['open', 'Open'],
            ['done', 'Done'],
          ]}
          value={status}
          onChange={(v) => setFilter({ status: v })}
        />
        <FilterSelect
          id="task-department"
          label="Department"
          value={departmentId}
          onChange={(v) => setFilter({ department: v })}
          all="All departments"
        >
          <NamedOptions items={departmentList} />
          {departmentId && !chosen && <option value={departmentId}>A department not loaded yet</option>}
        </FilterSelect>
      </div>

      <PagedStates
        list={tasks}
        loading="Loading tasks…"
        empty={
          <EmptyState icon={<CheckIcon />} title={status === 'open' ? 'No open tasks' : 'No done tasks'}>
            <p>
              {status === 'open'
                ? `Nothing waits for ${chosen ? chosen.name : 'any department'}. A guard rule with a task turns each message it holds into one.`
                : `No task${chosen ? ` of ${chosen.name}` : ''} has been closed yet.`}
            </p>
          </EmptyState>
        }
        moreLabel="Load more tasks"
      >
        <ol
          className={tasks.status === 'loading' ? 'task-list is-stale' : 'task-list'}
          aria-label={status === 'open' ? 'Open tasks' : 'Done tasks'}
        >
          {tasks.items.map((t) => (
            <li key={t.id}>
              <TaskCard
                task={t}
                departments={departmentList}
                onClosed={(closed) => {
                  setNotice(`Closed “${closed.title}”.`);
                  setVersion((v) => v + 1);
                }}
              />
            </li>
          ))}
        </ol>
      </PagedStates>
    </div>
  );
}

function TaskCard({ task: t, departments, onClosed }: { task: Task; departments: Department[]; onClosed: (t: Task) => void }) {
  const department = departments.find((d) => d.id === t.departmentId);
  const headingId = `task-${t.id}`;
  return (
    <article className="card task-card" aria-labelledby={headingId}>
      <header className="task-head">
        <h2 className="task-title" id={headingId}>
          {t.title}
        </h2>
        {department ? (
          <SourceBadge source={sourceStyle(department.key, departments)} />
        ) : (
          <span className="pill pill-muted">{t.departmentId ? 'A department' : 'No department'}</span>
        )}
      </header>
      {t.detail && (
        <p className="task-detail">
          <DecisionText text={t.detail} customerId={t.customerId} />
        </p>
      )}
      <dl className="details details-inline">
        <div>
          <dt>Customer</dt>
          <dd>
            <Link to={`/customers/${encodeURIComponent(t.customerId)}`}>{customerName(t.customer)}</Link>
          </dd>
        </div>
        {t.messageId && <HeldMessageFact messageId={t.messageId} />}
        <div>
          <dt>Opened</dt>
          <dd>
            <When at={t.createdAt} />
          </dd>
        </div>
      </dl>
      {t.status === 'done' ? <ClosedLine task={t} /> : <CloseTask task={t} onClosed={onClosed} />}
    </article>
  );
}

function HeldMessageFact({ messageId }: { messageId: string }) {
  const found = useMessages([messageId]).get(messageId);
  const m = found && found !== 'missing' ? found : undefined;
  return (
    <div>
      <dt>From the held message</dt>
      <dd>
        <Link to={messageHref(messageId)}>{m ? `“${m.subject}”` : 'The message'}</Link>
        {m && (
          <>
            {' '}
            <MessageStatus status={m.status} />
          </>
        )}
      </dd>
    </div>
  );
}

function ClosedLine({ task: t }: { task: Task }) {
  const when = t.closedAt && <When at={t.closedAt} />;
  if (t.closedByEventId) {
    return (
      <div className="task-closed">
        <p>
          <span className="pill pill-event">Resolved by an event</span> Closed by itself {when}, when the event it waited for arrived.
        </p>
        <p>
          {t.closedNote ? (
            <DecisionText text={t.closedNote} customerId={t.customerId} eventId={t.closedByEventId} />
          ) : (
            <Link to={eventHref(t.customerId, t.closedByEventId)}>See the event on the timeline</Link>
          )}
        </p>
      </div>
    );
  }
  return (
    <div className="task-closed">
      <p>
        Closed {t.closedBy ? `by ${t.closedBy.name} ` : ''}
        {when}
      </p>
      {t.closedNote && <blockquote className="answer-reason">{t.closedNote}</blockquote>}
    </div>
  );
}

function CloseTask({ task: t, onClosed }: { task: Task; onClosed: (t: Task) => void }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const found = useMessages(t.messageId ? [t.messageId] : []).get(t.messageId ?? '');
  const message = found && found !== 'missing' ? found : undefined;

  async function close(note: string | undefined) {
    setBusy(true);
    setError(undefined);
    try {
      const closed = await api<Task>(`/api/v1/tasks/${encodeURIComponent(t.id)}/close`, { method: 'POST', body: note ? { note } : {} });
      setOpen(false);
      onClosed(closed);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="task-actions">
      <button type="button" className="button" onClick={() => setOpen(true)}>
        Close task<span className="visually-hidden"> “{t.title}”</span>
      </button>
      <NoteDialog
        open={open}
        title="Close this task?"
        confirmLabel="Close task"
        dismissLabel="Keep it open"
        noteHint="What you found or did, for whoever reads the task later."
        busy={busy}
        error={error}
        onConfirm={(note) => void close(note)}
        onDismiss={() => {
          setOpen(false);
          setError(undefined);
        }}
      >
        <p>“{t.title}” moves to Done with your note.</p>
        {message?.status === 'held' && (
          <p>
            Its message “{message.subject}” stays held: release or cancel it in the <Link to={messageHref(message.id)}>outbox</Link>.
          </p>
        )}
      </NoteDialog>
    </div>
  );
}
