// "You said, we did" after a review changed or trashed a rule: the improvement it created, how
// many customers raised it, and the button that tells each of them once, in their language —
// asked first in a confirm dialog (TellCustomers, also on the improvement's own page).
import { useState } from 'react';
import { api, messageOf } from '../../shared/api.ts';
import { ConfirmDialog } from '../../shared/confirm-dialog.tsx';
import { formatDateTime, plural } from '../../shared/format.ts';
import { useLoad } from '../../shared/hooks.ts';
import { Link } from '../../shared/router.tsx';
import { ErrorNotice, Loading } from '../../shared/states.tsx';
import type { Improvement } from '../../../../contract/learning-review.ts';

export function ImprovementNotice({ id, canTell }: { id: string; canTell: boolean }) {
  const { state, reload, update } = useLoad(`improvement:${id}`, (signal) => api<Improvement>(`/api/v1/improvements/${id}`, { signal }));
  if (state.status === 'loading') return <Loading label="Loading the improvement…" />;
  if (state.status === 'error') return <ErrorNotice message={messageOf(state.error)} onRetry={reload} />;
  const i = state.data;
  return (
    <section aria-labelledby="you-said-we-did">
      <h3 id="you-said-we-did">You said, we did</h3>
      <p>
        <Link to={`/learning/improvements/${i.id}`}>{i.title}</Link>: {plural(i.counts.raised, 'customer')} raised it.
      </p>
      {i.status === 'done' ? (
        <ToldCounts improvement={i} />
      ) : (
        canTell && <TellCustomers improvement={i} onDone={(done) => update(() => done)} />
      )}
    </section>
  );
}

/** What telling the customers came to: told, not told, bounced. */
export function ToldCounts({ improvement: i }: { improvement: Pick<Improvement, 'doneAt' | 'counts'> }) {
  return (
    <p role="status">
      Told {formatDateTime(i.doneAt!)}: {i.counts.told} told, {i.counts.notTold} not told (held, without an address or unsubscribed),{' '}
      {i.counts.bounced} bounced.
    </p>
  );
}

/** "Mark done and tell N customers", confirmed first: the message goes out once and cannot be taken back. */
export function TellCustomers({ improvement: i, onDone }: { improvement: Improvement; onDone: (done: Improvement) => void }) {
  const [asking, setAsking] = useState(false);
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const label = `Mark done and tell ${plural(i.counts.raised, 'customer')}`;
  async function tell() {
    setBusy(true);
    setFailure(undefined);
    try {
      const done = await api<Improvement>(`/api/v1/improvements/${i.id}/done`, { method: 'POST' });
      setAsking(false);
      onDone(done);
    } catch (err) {
      setAsking(false);
      setFailure(messageOf(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <button type="button" className="button button-primary" onClick={() => setAsking(true)}>
        {label}
      </button>
      <ConfirmDialog
        open={asking}
        title={`${label}?`}
        confirmLabel={label}
        busy={busy}
        onConfirm={() => void tell()}
        onCancel={() => setAsking(false)}
      >
        <p>
          Each customer who raised it gets one message, in their language, through the outbox (the guard and unsubscribes apply), quoting
          what they said. Nobody is told twice, and the improvement cannot take more feedback once done.
        </p>
      </ConfirmDialog>
      {failure && <p role="alert">{failure}</p>}
    </>
  );
}
