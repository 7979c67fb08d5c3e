// "Add to an improvement" beside a customer's words (a case's complaint or answer, a theme's
// text): a manager picks a planned improvement, or records a new one holding the item. The
// words are then quoted to the customer when the improvement is done.
import { useState } from 'react';
import type { Improvement, ImprovementSummary } from '../../../../contract/learning-review.ts';
import type { ItemRef } from '../../../../contract/learning.ts';
import { api, messageOf } from '../../shared/api.ts';
import { SelectField } from '../../shared/fields.tsx';
import { FormActions } from '../../shared/form-actions.tsx';
import { FormDialog } from '../../shared/form-dialog.tsx';
import { useLoad } from '../../shared/hooks.ts';
import { Link } from '../../shared/router.tsx';
import { hasRole, useSession } from '../../shared/session.ts';
import { ErrorNotice, Loading } from '../../shared/states.tsx';
import { ImprovementForm } from './improvement-form.tsx';

const newOne = 'new';

export function AddToImprovement({ item }: { item: ItemRef }) {
  const { session } = useSession();
  const [open, setOpen] = useState<'pick' | 'new' | null>(null);
  const [added, setAdded] = useState<{ id: string; title: string }>();
  if (!hasRole(session.user.role, 'manager')) return null;
  const done = (i: { id: string; title: string }) => {
    setAdded(i);
    setOpen(null);
  };
  return (
    <div className="form-actions">
      <button type="button" className="button button-small" onClick={() => setOpen('pick')}>
        Add to an improvement
      </button>
      <span role="status">
        {added && (
          <>
            Added to <Link to={`/learning/improvements/${added.id}`}>{added.title}</Link>.
          </>
        )}
      </span>
      {open === 'pick' && <PickImprovement item={item} onClose={() => setOpen(null)} onNew={() => setOpen('new')} onAdded={done} />}
      {open === 'new' && <ImprovementForm feedback={[item]} onClose={() => setOpen(null)} onSaved={(_, i) => done(i)} />}
    </div>
  );
}

function PickImprovement({
  item,
  onClose,
  onNew,
  onAdded,
}: {
  item: ItemRef;
  onClose: () => void;
  onNew: () => void;
  onAdded: (i: Improvement) => void;
}) {
  const planned = useLoad('improvements:planned', (signal) =>
    api<{ items: ImprovementSummary[] }>('/api/v1/improvements', { query: { status: 'planned', limit: 200 }, signal }),
  );
  const [chosen, setChosen] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  async function add() {
    if (chosen === newOne) return onNew();
    if (!chosen) return setError('Choose an improvement, or a new one');
    setBusy(true);
    setError(undefined);
    try {
      onAdded(await api<Improvement>(`/api/v1/improvements/${chosen}/feedback`, { method: 'POST', body: { items: [item] } }));
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <FormDialog
      open
      title="Add to an improvement"
      description="The customer’s words join the feedback behind it; they are told what changed when it is done."
      onClose={onClose}
    >
      {planned.state.status === 'loading' && <Loading label="Loading planned improvements…" />}
      {planned.state.status === 'error' && <ErrorNotice message={messageOf(planned.state.error)} onRetry={planned.reload} />}
      {planned.state.status === 'ready' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <SelectField label="Improvement" value={chosen} onChange={setChosen} error={error} autoFocus>
            <option value="">Choose one</option>
            {planned.state.data.items.map((i) => (
              <option key={i.id} value={i.id}>
                {i.title}
              </option>
            ))}
            <option value={newOne}>A new improvement…</option>
          </SelectField>
          <FormActions busy={busy} label={chosen === newOne ? 'Next' : 'Add'} busyLabel="Adding…" onCancel={onClose} />
        </form>
      )}
    </FormDialog>
  );
}
