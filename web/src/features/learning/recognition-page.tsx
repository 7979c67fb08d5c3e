// The recognition feed (seed 003): praise that named a person, per department, newest first;
// names that fit several people wait here for a manager; managers catch someone doing great.
// No scores per person and no ranking of people, on purpose.
import { useState, type FormEvent } from 'react';
import type { Kudos } from '../../../../contract/learning-people.ts';
import { api, messageOf } from '../../shared/api.ts';
import { SelectField, TextAreaField } from '../../shared/fields.tsx';
import { useDocumentTitle, useLoad, usePaged } from '../../shared/hooks.ts';
import { hasRole, useSession } from '../../shared/session.ts';
import { EmptyState, ErrorNotice, Loading, PagedStates, PageHeader } from '../../shared/states.tsx';
import { loadPeople } from './people-data.ts';

const sourceWords: Record<Kudos['source'], string> = {
  answer: 'a survey answer',
  complaint: 'a message to us',
  case_reply: 'a reply on a case',
  picked: 'the customer picked them',
  caught: 'caught by a manager',
};

export function RecognitionPage() {
  useDocumentTitle('Recognition');
  const { session } = useSession();
  const manager = hasRole(session.user.role, 'manager');
  const [departmentId, setDepartmentId] = useState('');
  const [version, setVersion] = useState(0);
  const people = useLoad('people', loadPeople);
  const feed = usePaged<Kudos>(`kudos:${departmentId}:${version}`, (cursor, signal) =>
    api('/api/v1/kudos', { query: { departmentId: departmentId || undefined, status: 'sent', cursor }, signal }),
  );
  const pending = useLoad(`pending:${version}`, (signal) =>
    api<{ items: Kudos[] }>('/api/v1/kudos', { query: { status: 'pending' }, signal }),
  );
  const refresh = () => setVersion((v) => v + 1);
  if (people.state.status === 'loading') return <Loading label="Loading recognition…" />;
  if (people.state.status === 'error') return <ErrorNotice message={messageOf(people.state.error)} onRetry={people.reload} />;
  const { team, departments } = people.state.data;
  return (
    <div className="page">
      <PageHeader
        title="Recognition"
        description="Praise that named a person reaches them and their team lead. Words, not scores: there is no ranking of people."
      />
      {manager && <CatchSomeone team={team.filter((m) => m.id !== session.user.id)} onDone={refresh} />}
      {manager && pending.state.status === 'ready' && pending.state.data.items.length > 0 && (
        <section className="card" aria-labelledby="pending-title">
          <h2 id="pending-title">Who did the customer mean?</h2>
          <ul className="stack">
            {pending.state.data.items.map((k) => (
              <PendingKudos key={k.id} kudos={k} onDone={refresh} />
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="feed-title">
        <h2 id="feed-title">Feed</h2>
        <SelectField label="Department" value={departmentId} onChange={setDepartmentId}>
          <option value="">Every department</option>
          {departments.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </SelectField>
        <PagedStates
          list={feed}
          loading="Loading the feed…"
          empty={
            <EmptyState title="No praise yet">
              <p>When a customer thanks someone by name, or a manager catches someone doing great, it shows here.</p>
            </EmptyState>
          }
        >
          <ul className="stack">
            {feed.items.map((k) => (
              <li key={k.id} className="card">
                <p>
                  <strong>{k.staff?.name}</strong> — {sourceWords[k.source]}, {new Date(k.createdAt).toLocaleDateString()}
                </p>
                <blockquote>{k.words}</blockquote>
              </li>
            ))}
          </ul>
        </PagedStates>
      </section>
    </div>
  );
}

function PendingKudos({ kudos, onDone }: { kudos: Kudos; onDone: () => void }) {
  const [failure, setFailure] = useState<string>();
  async function act(path: string, body?: unknown) {
    try {
      await api(`/api/v1/kudos/${kudos.id}/${path}`, { method: 'POST', body });
      onDone();
    } catch (err) {
      setFailure(messageOf(err));
    }
  }
  return (
    <li>
      <blockquote>{kudos.words}</blockquote>
      <p>“{kudos.matched}” fits:</p>
      {kudos.candidates.map((c) => (
        <button key={c.id} type="button" className="button button-small" onClick={() => void act('confirm', { staffId: c.id })}>
          {c.name}
        </button>
      ))}{' '}
      <button type="button" className="button button-small" onClick={() => void act('dismiss')}>
        Nobody here
      </button>
      {failure && <p role="alert">{failure}</p>}
    </li>
  );
}

function CatchSomeone({ team, onDone }: { team: { id: string; name: string }[]; onDone: () => void }) {
  const [staffId, setStaffId] = useState('');
  const [words, setWords] = useState('');
  const [failure, setFailure] = useState<string>();
  const [done, setDone] = useState<string>();
  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(undefined);
    try {
      const k = await api<Kudos>('/api/v1/kudos', { method: 'POST', body: { staffId, words } });
      setDone(`${k.staff?.name} and their team lead were told.`);
      setWords('');
      onDone();
    } catch (err) {
      setFailure(messageOf(err));
    }
  }
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="catch-title">
      <h2 id="catch-title">Catch someone doing great</h2>
      <SelectField label="Who" value={staffId} onChange={setStaffId} required>
        <option value="">Choose a person</option>
        {team.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </SelectField>
      <TextAreaField label="What they did" value={words} onChange={setWords} required maxLength={2000} />
      <button type="submit" className="button button-primary">
        Recognise
      </button>
      {failure && <p role="alert">{failure}</p>}
      {done && <p role="status">{done}</p>}
    </form>
  );
}
