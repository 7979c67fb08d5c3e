// "You said, we did" after a review changed or trashed a rule: the improvement it created, how
// many customers raised it, and the button that tells each of them once, in their language.
import { useState } from 'react';
import { api, messageOf } from '../../shared/api.ts';
import { formatDateTime, plural } from '../../shared/format.ts';
import { useLoad } from '../../shared/hooks.ts';
import { ErrorNotice, Loading } from '../../shared/states.tsx';
import type { Improvement } from '../../../../contract/learning-review.ts';

export function ImprovementNotice({ id, canTell }: { id: string; canTell: boolean }) {
  const { state, reload, update } = useLoad(`improvement:${id}`, (signal) => api<Improvement>(`/api/v1/improvements/${id}`, { signal }));
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  if (state.status === 'loading') return <Loading label="Loading the improvement…" />;
  if (state.status === 'error') return <ErrorNotice message={messageOf(state.error)} onRetry={reload} />;
  const i = state.data;
  async function tell() {
    setBusy(true);
    setFailure(undefined);
    try {
      const done = await api<Improvement>(`/api/v1/improvements/${id}/done`, { method: 'POST' });
      update(() => done);
    } catch (err) {
      setFailure(messageOf(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section aria-labelledby="you-said-we-did">
      <h3 id="you-said-we-did">You said, we did</h3>
      <p>
        {i.title}: {plural(i.counts.raised, 'customer')} raised it.
      </p>
      {i.status === 'done' ? (
        <p role="status">
          Told {formatDateTime(i.doneAt!)}: {i.counts.told} told, {i.counts.notTold} not told (held, without an address or unsubscribed),{' '}
          {i.counts.bounced} bounced.
        </p>
      ) : (
        canTell && (
          <button type="button" className="button button-primary" disabled={busy} onClick={() => void tell()}>
            Tell the {plural(i.counts.raised, 'customer')}
          </button>
        )
      )}
      {failure && <p role="alert">{failure}</p>}
    </section>
  );
}
