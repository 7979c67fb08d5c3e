// "You said, we did" (seed 004): the changes the company made because customers asked, newest
// first, planned or done, each with how many customers raised it, were told and bounced. A
// manager records a new one here; its page links the feedback and tells the customers.
import { useState } from 'react';
import type { ImprovementSummary } from '../../../../contract/learning-review.ts';
import { api } from '../../shared/api.ts';
import { ExportMenu } from '../../shared/export-menu.tsx';
import { FilterSegments } from '../../shared/filters.tsx';
import { plural } from '../../shared/format.ts';
import { useDocumentTitle, usePaged } from '../../shared/hooks.ts';
import { Link, navigate } from '../../shared/router.tsx';
import { hasRole, useSession } from '../../shared/session.ts';
import { EmptyState, PagedStates, PageHeader } from '../../shared/states.tsx';
import { Facts } from '../../shared/facts.tsx';
import { When } from '../../shared/tip/when.tsx';
import { ImprovementForm } from './improvement-form.tsx';

type StatusChoice = 'all' | 'planned' | 'done';
const statusWords = { planned: 'Planned', done: 'Done' } as const;

export function ImprovementsPage() {
  useDocumentTitle('You said, we did');
  const { session } = useSession();
  const manager = hasRole(session.user.role, 'manager');
  const [status, setStatus] = useState<StatusChoice>('all');
  const [creating, setCreating] = useState(false);
  const filter = status === 'all' ? undefined : status;
  const list = usePaged<ImprovementSummary>(`improvements:${status}`, (cursor, signal) =>
    api('/api/v1/improvements', { query: { status: filter, cursor, limit: 25 }, signal }),
  );
  return (
    <div className="page">
      <PageHeader
        title="You said, we did"
        description="Changes made because customers asked for them. When one is done, every customer who raised it is told once, in their language, quoting what they said."
        actions={
          <>
            <ExportMenu kind="improvements" filters={{ status: filter }} />
            {manager && (
              <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
                New improvement
              </button>
            )}
          </>
        }
      />
      <div className="filters">
        <FilterSegments
          id="improvement-status-label"
          label="Status"
          choices={[
            ['all', 'All'],
            ['planned', 'Planned'],
            ['done', 'Done'],
          ]}
          value={status}
          onChange={setStatus}
        />
      </div>
      <PagedStates
        list={list}
        loading="Loading improvements…"
        moreLabel="Show more"
        empty={
          <EmptyState title={status === 'all' ? 'No improvements yet' : `No ${statusWords[status].toLowerCase()} improvements`}>
            <p>
              An improvement records a change made because of what customers said — a rule dropped, a process fixed — with the complaints,
              answers and cases behind it. Add customers’ words to one from a case or a theme; when it is done, Kept tells each of those
              customers what changed.
            </p>
          </EmptyState>
        }
      >
        <ol className={list.status === 'loading' ? 'task-list is-stale' : 'task-list'} aria-label="Improvements">
          {list.items.map((i) => (
            <li key={i.id}>
              <ImprovementRow improvement={i} />
            </li>
          ))}
        </ol>
      </PagedStates>
      {creating && <ImprovementForm onClose={() => setCreating(false)} onSaved={(id) => navigate(`/learning/improvements/${id}`)} />}
    </div>
  );
}

function ImprovementRow({ improvement: i }: { improvement: ImprovementSummary }) {
  const headingId = `improvement-${i.id}`;
  return (
    <article className="card task-card" aria-labelledby={headingId}>
      <header className="task-head">
        <h2 className="task-title" id={headingId}>
          <Link to={`/learning/improvements/${i.id}`}>{i.title}</Link>
        </h2>
        <span className={i.status === 'done' ? 'pill pill-open' : 'pill pill-muted'}>{statusWords[i.status]}</span>
      </header>
      <Facts
        inline
        items={[
          ['Raised by', plural(i.counts.raised, 'customer')],
          ['Told', i.counts.told],
          ['Bounced', i.counts.bounced],
          [i.status === 'done' ? 'Done' : 'Recorded', <When at={i.status === 'done' ? i.doneAt! : i.createdAt} show="date" />],
        ]}
      />
    </article>
  );
}
