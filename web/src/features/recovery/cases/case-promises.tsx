// The promises made to the case's customer, beside its playbook: those made on this case first,
// then the customer's others (made on the Promises page, by another system or on another case),
// each with its due time and state, kept or given a new time in place, and a form to make one
// (with what the team usually manages).
import { useState } from 'react';
import type { Commitment } from '../../../../../contract/commitments.ts';
import { api } from '../../../shared/api.ts';
import { statusName } from '../../promises/commitment-text.ts';
import { useLoad } from '../../../shared/hooks.ts';
import { Link } from '../../../shared/router.tsx';
import { KeepDialog, PromiseButtons, RenegotiateDialog } from '../../promises/commitment-actions.tsx';
import { CommitmentForm } from '../../promises/commitment-form.tsx';
import { ErrorNotice, Loading } from '../../../shared/states.tsx';
import { When } from '../../../shared/tip/when.tsx';

type Acting = { action: 'keep' | 'renegotiate'; commitment: Commitment };

export function CasePromises({ caseId, customerId, open }: { caseId: string; customerId: string; open: boolean }) {
  const list = useLoad(`case-promises|${caseId}`, (signal) =>
    api<{ items: Commitment[] }>('/api/v1/commitments', { query: { customerId, order: 'desc', limit: '50' }, signal }),
  );
  const [making, setMaking] = useState(false);
  const [acting, setActing] = useState<Acting>();
  const all = list.state.status === 'ready' ? list.state.data.items : [];
  const items = all.filter((c) => c.caseId === caseId);
  const others = all.filter((c) => c.caseId !== caseId);
  const done = () => {
    setActing(undefined);
    list.reload();
  };
  return (
    <section className="card case-section" aria-labelledby="case-promises-heading">
      <h2 id="case-promises-heading" className="card-title">
        Promises
      </h2>
      {list.state.status === 'loading' && <Loading label="Loading promises…" />}
      {list.state.status === 'error' && <ErrorNotice message="The promises could not be loaded." onRetry={list.reload} />}
      {list.state.status === 'ready' && items.length === 0 && <p className="muted">No promise made on this case yet.</p>}
      {items.length > 0 && <PromiseList items={items} onAct={setActing} />}
      {open &&
        (making ? (
          <CommitmentForm
            caseId={caseId}
            onMade={() => {
              setMaking(false);
              list.reload();
            }}
          />
        ) : (
          <button type="button" className="button" onClick={() => setMaking(true)}>
            Make a promise…
          </button>
        ))}
      {others.length > 0 && (
        <>
          <h3 className="subsection-title">Other promises to this customer</h3>
          <PromiseList items={others} onAct={setActing} elsewhere />
        </>
      )}
      {acting?.action === 'keep' && <KeepDialog commitment={acting.commitment} onClose={() => setActing(undefined)} onDone={done} />}
      {acting?.action === 'renegotiate' && (
        <RenegotiateDialog commitment={acting.commitment} onClose={() => setActing(undefined)} onDone={done} />
      )}
    </section>
  );
}

function PromiseList({ items, onAct, elsewhere = false }: { items: Commitment[]; onAct: (a: Acting) => void; elsewhere?: boolean }) {
  return (
    <ul className="promise-list">
      {items.map((c) => {
        const pending = c.status === 'open' || c.status === 'renegotiated';
        return (
          <li key={c.id}>
            <span className="pill pill-kind">{c.kind}</span> {c.what}
            <div className="muted">
              <span className={c.status === 'broken' ? 'pill pill-warn' : 'pill pill-muted'}>{statusName[c.status]}</span> due{' '}
              <When at={c.dueAt} show={pending ? 'relative' : 'dateTime'} />
              {elsewhere &&
                (c.caseId ? (
                  <>
                    {' '}
                    · made on <Link to={`/cases/${c.caseId}`}>another case</Link>
                  </>
                ) : (
                  ' · made outside a case'
                ))}
            </div>
            {pending && <PromiseButtons what={c.what} onAct={(action) => onAct({ action, commitment: c })} />}
          </li>
        );
      })}
    </ul>
  );
}
