// One improvement: what changed, what its customers will be (or were) told in each language,
// the feedback behind it in each customer's own words with the way to the customer and the case,
// its counts, and — for a manager, while it is planned — "Mark done and tell N customers".
import type { Improvement } from '../../../../contract/learning-review.ts';
import { api } from '../../shared/api.ts';
import { formatDate, plural } from '../../shared/format.ts';
import { useDocumentTitle, useLoad } from '../../shared/hooks.ts';
import { Link } from '../../shared/router.tsx';
import { hasRole, useSession } from '../../shared/session.ts';
import { PageHeader, RecordStates } from '../../shared/states.tsx';
import { Facts } from '../../shared/facts.tsx';
import { toldLocales } from './improvement-form.tsx';
import { TellCustomers, ToldCounts } from './improvement-notice.tsx';

const kindWords: Record<Improvement['feedback'][number]['kind'], string> = {
  complaint: 'A complaint',
  answer: 'A survey answer',
  case: 'A case',
};

const languages = new Map<string, string>(toldLocales);
const order = toldLocales.map(([l]) => l as string);
/** The told text per language, English, French, German first. */
const told = (t: Record<string, string>) =>
  Object.entries(t).sort(([a], [b]) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99) || a.localeCompare(b));

export function ImprovementPage({ id }: { id: string }) {
  const { session } = useSession();
  const manager = hasRole(session.user.role, 'manager');
  const { state, reload, update } = useLoad(`improvement:${id}`, (signal) => api<Improvement>(`/api/v1/improvements/${id}`, { signal }));
  useDocumentTitle(state.status === 'ready' ? state.data.title : 'Improvement');
  const back = (
    <Link to="/learning/improvements" className="back-link">
      ← You said, we did
    </Link>
  );
  if (state.status !== 'ready')
    return (
      <RecordStates state={state} reload={reload} noun="improvement" backLink={back} list={['/learning/improvements', 'improvements']} />
    );
  const i = state.data;
  return (
    <div className="page">
      {back}
      <PageHeader
        title={i.title}
        description={i.status === 'done' ? `Done ${formatDate(i.doneAt!)}` : `Planned · recorded ${formatDate(i.createdAt)}`}
        actions={i.status === 'planned' && manager && <TellCustomers improvement={i} onDone={(d) => update(() => d)} />}
      />
      <div className="stack">
        <section className="card form-card" aria-labelledby="counts-title">
          <h2 id="counts-title" className="card-title">
            Customers
          </h2>
          <Facts
            inline
            items={[
              ['Raised it', i.counts.raised],
              ['Told', i.counts.told],
              ['Bounced', i.counts.bounced],
              ['Not told', i.counts.notTold],
            ]}
          />
          {i.status === 'done' && <ToldCounts improvement={i} />}
          {i.status === 'planned' && (
            <p className="muted section-gap">
              {i.counts.raised === 0
                ? 'No feedback yet: add customers’ words from a case or a theme.'
                : `When it is marked done, ${plural(i.counts.raised, 'customer')} will be told once, in their language.`}
            </p>
          )}
        </section>
        {i.description && (
          <section className="card form-card" aria-labelledby="changed-title">
            <h2 id="changed-title" className="card-title">
              What changed
            </h2>
            <p>{i.description}</p>
          </section>
        )}
        <section className="card form-card" aria-labelledby="told-title">
          <h2 id="told-title" className="card-title">
            {i.status === 'done' ? 'What customers were told' : 'What customers will be told'}
          </h2>
          {Object.keys(i.toldText).length === 0 ? (
            <p className="muted">The title: “{i.title}”.</p>
          ) : (
            <dl className="details">
              {told(i.toldText).map(([locale, text]) => (
                <div key={locale}>
                  <dt>{languages.get(locale) ?? locale}</dt>
                  <dd lang={locale}>{text}</dd>
                </div>
              ))}
            </dl>
          )}
        </section>
        <section className="card form-card" aria-labelledby="feedback-title">
          <h2 id="feedback-title" className="card-title">
            The feedback behind it
          </h2>
          {i.feedback.length === 0 ? (
            <p className="muted">None yet. On a case or a theme, “Add to an improvement” links what the customer said.</p>
          ) : (
            <ul className="text-list" aria-label="Feedback">
              {i.feedback.map((f) => (
                <li key={`${f.kind}-${f.itemId}`} className="text-item">
                  <figure className="said">
                    <blockquote>
                      <p className="said-text">{f.words ?? '(no words)'}</p>
                    </blockquote>
                    <figcaption className="muted">
                      {kindWords[f.kind]} by <Link to={`/customers/${f.customerId}`}>{f.customerName ?? 'a customer'}</Link>
                      {f.caseId && (
                        <>
                          {' '}
                          · <Link to={`/cases/${f.caseId}`}>the case</Link>
                        </>
                      )}
                    </figcaption>
                  </figure>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}
