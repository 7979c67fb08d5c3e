// The top of a case page: the customer's own words that opened it (their complaint, their answer's
// comment), before the clock, the playbook and the machine's data. A manager adds them to a
// "you said, we did" improvement from here.
import type { Complaint } from '../../../../../contract/complaints.ts';
import type { CaseDetail } from '../../../../../contract/cases.ts';
import { api } from '../../../shared/api.ts';
import { useLoad } from '../../../shared/hooks.ts';
import { customerName } from '../../../shared/customer-name.ts';
import { customerWords, type Words } from './customer-words.ts';
import { When } from '../../../shared/tip/when.tsx';
import { AddToImprovement } from '../../learning/add-to-improvement.tsx';

export function CustomerWords({ detail }: { detail: CaseDetail }) {
  const words = customerWords(detail.oopses);
  if (!words.length) return null;
  return (
    <section className="card case-section customer-words" aria-labelledby="customer-words-heading">
      <h2 id="customer-words-heading" className="card-title">
        In {customerName(detail.customer)}’s words
      </h2>
      {words.map((w) => (
        <Said key={w.oopsId} words={w} />
      ))}
    </section>
  );
}

function Said({ words: w }: { words: Words }) {
  const complaint = useLoad(`complaint|${w.kind === 'complaint' ? w.complaintId : ''}`, (signal) =>
    w.kind === 'complaint' ? api<Complaint>(`/api/v1/complaints/${w.complaintId}`, { signal }) : Promise.resolve(null),
  );
  const c = complaint.state.status === 'ready' ? complaint.state.data : null;
  if (w.kind === 'complaint' && !c)
    return complaint.state.status === 'error' ? <p className="muted">The complaint could not be read.</p> : null;
  return (
    <figure className="said">
      <blockquote>
        {c?.subject && <p className="said-subject">{c.subject}</p>}
        <p className="said-text">{c ? c.body : w.kind === 'answer' ? w.text : ''}</p>
      </blockquote>
      <figcaption className="muted">
        {w.kind === 'complaint'
          ? `A complaint by ${c?.channel === 'email' ? 'e-mail' : c?.channel === 'form' ? 'the complaint form' : 'the API'}`
          : 'Their answer to a survey'}
        , <When at={w.at} show="dateTime" />
      </figcaption>
      <AddToImprovement item={w.kind === 'complaint' ? { kind: 'complaint', id: w.complaintId } : { kind: 'answer', id: w.responseId }} />
    </figure>
  );
}
