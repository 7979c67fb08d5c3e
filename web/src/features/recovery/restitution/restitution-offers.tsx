// The case page's "the customer chooses" section: a manager offers one to three restitutions
// (what, cost, an optional wow), the customer picks one on their case page or writes what else
// would make it right, and staff see the answer here; an open offer can be withdrawn.
import { useRef, useState } from 'react';
import type { RestitutionOffer } from '../../../../../contract/restitution.ts';
import { api, messageOf } from '../../../shared/api.ts';
import { ConfirmDialog } from '../../../shared/confirm-dialog.tsx';
import { TextAreaField, TextField } from '../../../shared/fields.tsx';
import { useFormSubmit } from '../../../shared/hooks.ts';
import { hasRole, useSession } from '../../../shared/session.ts';
import type { CaseDetail } from '../../../shared/types.ts';
import { canAddOption, emptyOption, offerInput, offerStatusText, type OfferDraft } from './offer-form.ts';
import { When } from '../../../shared/tip/when.tsx';

const lastCurrencyKey = 'kept.restitution.currency';

function money(m: { amount: number; currency: string }): string {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: m.currency }).format(m.amount);
  } catch {
    return `${m.amount.toFixed(2)} ${m.currency}`;
  }
}

export function RestitutionOffers({ detail, onChanged }: { detail: CaseDetail; onChanged: () => void }) {
  const { session } = useSession();
  const [offering, setOffering] = useState(false);
  const offers = detail.restitutionOffers;
  const open = offers.some((o) => o.status === 'open');
  const restitutionDone = detail.playbook.some((s) => s.step === 'restitution' && s.status !== 'pending');
  const canOffer = detail.status === 'open' && !open && !restitutionDone;
  return (
    <section className="card case-section" aria-labelledby="restitution-heading">
      <h2 id="restitution-heading" className="card-title">
        The customer chooses
      </h2>
      {offers.length === 0 && !offering && (
        <p className="muted">No restitution offered yet. Offer one to three options; the customer picks on their case page.</p>
      )}
      {offers.length > 0 && (
        <ol className="stack restitution-offers">
          {offers.map((o) => (
            <OfferItem key={o.id} caseId={detail.id} offer={o} onChanged={onChanged} />
          ))}
        </ol>
      )}
      {canOffer &&
        (!hasRole(session.user.role, 'manager') ? (
          <p className="field-hint">An offer is a manager’s or admin’s approval of its cost: ask one to make it here.</p>
        ) : offering ? (
          <OfferForm
            caseId={detail.id}
            approvedBy={session.user.id}
            onDone={() => {
              setOffering(false);
              onChanged();
            }}
            onCancel={() => setOffering(false)}
          />
        ) : (
          <button type="button" className="button" onClick={() => setOffering(true)}>
            Offer restitution
          </button>
        ))}
    </section>
  );
}

function OfferItem({ caseId, offer: o, onChanged }: { caseId: string; offer: RestitutionOffer; onChanged: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const withdraw = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      await api(`/api/v1/cases/${caseId}/restitution-offers/${o.id}/withdraw`, { method: 'POST' });
      setConfirming(false);
      onChanged();
    } catch (err) {
      setConfirming(false);
      setFailure(messageOf(err));
      onChanged();
    } finally {
      setBusy(false);
    }
  };
  const when = o.answeredAt ?? o.withdrawnAt ?? o.offeredAt;
  return (
    <li className="restitution-offer">
      <p>
        <span className={o.status === 'open' ? 'pill pill-warn' : 'pill pill-muted'}>{offerStatusText[o.status]}</span>{' '}
        <When at={when} show="dateTime" className="muted" />
      </p>
      <ol className="restitution-options">
        {o.options.map((x, i) => (
          <li key={i} aria-current={o.chosenOption === i ? 'true' : undefined}>
            {x.what} <span className="muted">· {money(x.cost)}</span>
            {x.wow && <span className="pill pill-kind">wow</span>}
            {o.chosenOption === i && <strong> · chosen by the customer</strong>}
          </li>
        ))}
      </ol>
      {o.somethingElse && (
        <blockquote className="restitution-else">
          <span className="muted">The customer wrote: </span>“{o.somethingElse}”
        </blockquote>
      )}
      <p className="muted">
        Offered by {o.offeredBy?.name ?? 'an integration'}, approved by {o.approvedBy.name}
        {o.withdrawnBy && `; withdrawn by ${o.withdrawnBy.name}`}
      </p>
      {failure && (
        <div className="notice notice-error" role="alert">
          {failure}
        </div>
      )}
      {o.status === 'open' && (
        <button type="button" className="button button-small button-ghost" onClick={() => setConfirming(true)}>
          Withdraw the offer
        </button>
      )}
      <ConfirmDialog
        open={confirming}
        title="Withdraw this offer?"
        confirmLabel="Withdraw"
        busy={busy}
        onConfirm={() => void withdraw()}
        onCancel={() => setConfirming(false)}
      >
        <p>The customer will no longer be able to choose from it. You can make a new offer afterwards.</p>
      </ConfirmDialog>
    </li>
  );
}

function OfferForm({
  caseId,
  approvedBy,
  onDone,
  onCancel,
}: {
  caseId: string;
  approvedBy: string;
  onDone: () => void;
  onCancel: () => void;
}) {
  const form = useRef<HTMLFormElement>(null);
  const { errors, failure, busy, submit } = useFormSubmit(form);
  const [draft, setDraft] = useState<OfferDraft>(() => ({
    currency: localStorage.getItem(lastCurrencyKey) ?? 'EUR',
    message: '',
    options: [emptyOption()],
  }));
  const setOption = (i: number, change: Partial<OfferDraft['options'][number]>) =>
    setDraft((d) => ({ ...d, options: d.options.map((o, j) => (j === i ? { ...o, ...change } : o)) }));
  return (
    <form
      ref={form}
      noValidate
      className="stack step-form"
      aria-label="Offer restitution"
      onSubmit={(e) => {
        e.preventDefault();
        const r = offerInput(draft, approvedBy);
        void submit(r.problems ?? {}, async () => {
          await api(`/api/v1/cases/${caseId}/restitution-offers`, { method: 'POST', body: r.input });
          localStorage.setItem(lastCurrencyKey, r.input!.currency);
          onDone();
        });
      }}
    >
      {failure && (
        <div className="notice notice-error" role="alert">
          {failure}
        </div>
      )}
      {errors.options && <p className="field-error">{errors.options}</p>}
      {draft.options.map((o, i) => (
        <fieldset key={i} className="field restitution-option-fields">
          <legend className="field-label">Option {i + 1}</legend>
          <TextField
            label="What the customer gets"
            hint="Shown to the customer, in their words."
            error={errors[`options.${i}.what`]}
            className="input"
            maxLength={500}
            value={o.what}
            onChange={(v) => setOption(i, { what: v })}
          />
          <div className="field-row">
            <TextField
              label="Cost"
              hint="To the company; the customer does not see it."
              error={errors[`options.${i}.cost`]}
              className="input input-narrow"
              inputMode="decimal"
              autoComplete="off"
              value={o.cost}
              onChange={(v) => setOption(i, { cost: v })}
            />
            <label className="checkbox">
              <input type="checkbox" checked={o.wow} onChange={(e) => setOption(i, { wow: e.target.checked })} />
              <span>A wow: more than they would expect</span>
            </label>
          </div>
          {draft.options.length > 1 && (
            <button
              type="button"
              className="button button-small button-ghost"
              onClick={() => setDraft((d) => ({ ...d, options: d.options.filter((_, j) => j !== i) }))}
            >
              Remove option {i + 1}
            </button>
          )}
        </fieldset>
      ))}
      {canAddOption(draft) && (
        <button
          type="button"
          className="button button-small"
          onClick={() => setDraft((d) => ({ ...d, options: [...d.options, emptyOption()] }))}
        >
          Add an option
        </button>
      )}
      <TextField
        label="Currency"
        error={errors.currency}
        className="input input-narrow input-mono"
        maxLength={3}
        autoCapitalize="characters"
        spellCheck={false}
        value={draft.currency}
        onChange={(v) => setDraft((d) => ({ ...d, currency: v.toUpperCase() }))}
      />
      <TextAreaField
        label="A few words to the customer (optional)"
        hint="Sent by e-mail above the options, with the link to their case page."
        error={errors.message}
        className="input"
        rows={3}
        maxLength={2000}
        value={draft.message}
        onChange={(v) => setDraft((d) => ({ ...d, message: v }))}
      />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Offering…' : 'Send the offer'}
        </button>
        <button type="button" className="button button-ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
