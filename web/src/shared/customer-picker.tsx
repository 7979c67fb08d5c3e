// Choosing a customer in a form: search by name, e-mail or external ID, pick one from the
// matches; once chosen it shows as a chip with "Change".
import { useState } from 'react';
import { api, messageOf } from './api.ts';
import { customerName } from './customer-name.ts';
import { useDebounced, useLoad } from './hooks.ts';
import type { Customer, Page } from './types.ts';
import { Field } from './field.tsx';
import { SearchIcon } from './icons.tsx';
import { ErrorNotice, Loading } from './states.tsx';

export function CustomerPicker({
  chosen,
  onChoose,
  error,
  label = 'Customer',
}: {
  chosen: Customer | undefined;
  onChoose: (c: Customer | undefined) => void;
  error?: string;
  label?: string;
}) {
  const [q, setQ] = useState('');
  const settled = useDebounced(q.trim(), 300);
  const results = useLoad(`pick-customer|${settled}`, (signal) =>
    settled
      ? api<Page<Customer>>('/api/v1/customers', { query: { q: settled, limit: 6 }, signal }).then((r) => r.items)
      : Promise.resolve([] as Customer[]),
  );

  if (chosen) {
    return (
      <div className="field">
        <span className="field-label">{label}</span>
        <div className="chosen">
          <span>
            <strong>{customerName(chosen)}</strong>
            {chosen.email && chosen.email !== customerName(chosen) && <span className="muted"> {chosen.email}</span>}
          </span>
          <button type="button" className="button button-ghost button-small" onClick={() => onChoose(undefined)}>
            Change<span className="visually-hidden"> customer</span>
          </button>
        </div>
      </div>
    );
  }
  return (
    <>
      <Field label={label} hint="Search by name, e-mail or external ID" error={error}>
        {(control) => (
          <div className="search search-full">
            <SearchIcon />
            <input
              {...control}
              className="input search-input"
              type="search"
              autoComplete="off"
              spellCheck={false}
              value={q}
              onChange={(e) => setQ(e.target.value)}
            />
          </div>
        )}
      </Field>
      {settled && (
        <div className="pick-list" aria-live="polite">
          {results.state.status === 'loading' && <Loading label="Searching…" />}
          {results.state.status === 'error' && <ErrorNotice message={messageOf(results.state.error)} onRetry={results.reload} />}
          {results.state.status === 'ready' &&
            (results.state.data.length === 0 ? (
              <p className="muted">No customer matches “{settled}”.</p>
            ) : (
              <ul aria-label="Matching customers">
                {results.state.data.map((c) => (
                  <li key={c.id}>
                    <button type="button" className="pick" onClick={() => onChoose(c)}>
                      <span className="pick-name">{customerName(c)}</span>
                      <span className="muted">{c.email ?? c.externalId ?? 'no e-mail'}</span>
                      <span className="visually-hidden">: choose</span>
                    </button>
                  </li>
                ))}
              </ul>
            ))}
        </div>
      )}
    </>
  );
}
