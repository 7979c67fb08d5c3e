// What the team achieved for similar promises, shown while a promise is being made (seed 002:
// under-promise, over-deliver): the kept-on-time rate with its interval, the median and p90 time
// to keep, and the due time the team meets 9 times in 10, with a button to use it.
import type { Suggestion } from '../../../../contract/commitments.ts';
import { formatDuration, formatRate } from './commitment-text.ts';
import { formatDateTime } from '../../shared/format.ts';

export type SuggestionState =
  | { status: 'idle' }
  | { status: 'loading'; previous?: Suggestion }
  | { status: 'ready'; data: Suggestion }
  | { status: 'error'; message: string };

export function CommitmentSuggestion({
  state,
  departmentName,
  dueAt,
  onUse,
}: {
  state: SuggestionState;
  departmentName?: string;
  /** The due time chosen so far, to say whether it is sooner than the team usually manages. */
  dueAt?: string;
  onUse: (dueAt: string) => void;
}) {
  const s = state.status === 'ready' ? state.data : state.status === 'loading' ? state.previous : undefined;
  return (
    <section className="card summary-card" aria-labelledby="suggestion-title" aria-live="polite" aria-busy={state.status === 'loading'}>
      <h3 id="suggestion-title" className="card-title">
        What the team achieved
      </h3>
      {state.status === 'idle' && <p className="muted">Enter a kind to see how similar promises went.</p>}
      {state.status === 'error' && <p className="field-error">{state.message}</p>}
      {s && <Figures s={s} departmentName={departmentName} dueAt={dueAt} onUse={onUse} />}
    </section>
  );
}

function Figures({
  s,
  departmentName,
  dueAt,
  onUse,
}: {
  s: Suggestion;
  departmentName?: string;
  dueAt?: string;
  onUse: (dueAt: string) => void;
}) {
  const scope = `${s.kind} promises ${s.departmentId ? `of ${departmentName ?? 'this department'}` : 'in every department'}, due in the last 180 days`;
  if (!s.enoughData) {
    return (
      <p className="muted">
        Not enough data yet: {s.n} of the 30 needed ({scope}). Promise only what you know you can keep.
      </p>
    );
  }
  const dueIn = dueAt ? new Date(dueAt).getTime() - Date.now() : undefined;
  const tooSoon = dueIn !== undefined && s.p90Ms !== null && dueIn < s.p90Ms;
  return (
    <div className="stack">
      <p className="muted">{scope}.</p>
      <dl className="details">
        <div>
          <dt>Kept on time (95 % interval)</dt>
          <dd>
            {formatRate(s.keptOnTimeRate!)} · {s.keptOnTime} of {s.n}
            {s.keptAfterRenegotiation > 0 && `, ${s.keptAfterRenegotiation} more after a renegotiation`}, {s.broken} broken
          </dd>
        </div>
        <div>
          <dt>Half were kept within</dt>
          <dd>{s.medianMs === null ? 'No time: more than half were broken' : formatDuration(s.medianMs)}</dd>
        </div>
        <div>
          <dt>9 in 10 were kept within</dt>
          <dd>{s.p90Ms === null ? 'No time: more than 1 in 10 were broken' : formatDuration(s.p90Ms)}</dd>
        </div>
      </dl>
      {s.suggestedWithinMs !== null && s.suggestedDueAt && (
        <div className="notice notice-info">
          <span>
            Promise {formatDuration(s.suggestedWithinMs)}: <strong>{formatDateTime(s.suggestedDueAt)}</strong>.
          </span>
          <button type="button" className="button button-small" onClick={() => onUse(s.suggestedDueAt!)}>
            Use this time
          </button>
        </div>
      )}
      {s.reason === 'often_broken' && (
        <p className="notice notice-error">The team broke more than 1 in 10 of these. Promise less, or fix what breaks them.</p>
      )}
      {tooSoon && (
        <p className="notice notice-error">
          Due in {formatDuration(dueIn)}: sooner than the {formatDuration(s.p90Ms!)} within which the team keeps 9 in 10 of these.
        </p>
      )}
    </div>
  );
}
