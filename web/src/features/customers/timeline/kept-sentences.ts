// The sentences of Kept's own events: recovery cases, the outbox's decisions and promises.
import { when } from './event-sentence.ts';
import { by, caseRef, department, hours, on, opt, origins, person, q, s, stepNames, stepTitles, type Sentence } from './sentence-kit.ts';

export const keptSentences: Record<string, Sentence> = {
  // Recovery cases
  'case.opened': (d, o) => [
    'Opened ',
    caseRef(d),
    opt(' ', q(d.title)),
    opt(' after ', origins[String(d.origin)]),
    opt('; owner ', person(d.ownerId, o)),
    opt(' (', department(d.departmentId, o), ')'),
    opt('; due ', when(d.dueAt, o)),
    '.',
  ],
  'case.step_completed': (d, o) => [
    person(d.byUserId, o) ?? 'Someone',
    ' ',
    stepNames[String(d.step)] ?? opt('took the step ', s(d.step)) ?? 'took a step',
    on(d),
    '.',
  ],
  'case.step_skipped': (d, o) => [
    person(d.byUserId, o) ?? 'Someone',
    ` skipped ${stepTitles[String(d.step)] ?? s(d.step) ?? 'a step'}`,
    on(d),
    opt(': ', q(d.reason)),
    '.',
  ],
  'case.reassigned': (d, o) => [
    'Handed ',
    caseRef(d),
    ' to ',
    person(d.ownerId, o) ?? 'nobody yet',
    opt(' in ', department(d.departmentId, o)),
    d.reason === 'owner_deactivated'
      ? opt(' because ', person(d.previousOwnerId, o), ' left the team')
      : opt(by(d, o).replace(/^ by /, ', by '), ''),
    '.',
  ],
  'case.escalated': (d, o) =>
    d.level === 'manager'
      ? ['Told the managers: ', caseRef(d), opt(' is at ', s(d.percent), ' % of its time'), opt(', due ', when(d.dueAt, o)), '.']
      : ['Reminded the owner: ', caseRef(d), opt(' is at ', s(d.percent), ' % of its time'), opt(', due ', when(d.dueAt, o)), '.'],
  'case.breached': (d, o) => ['The clock ran out', on(d), opt(': it was due ', when(d.dueAt, o)), '.'],
  'case.recovered': (d) => ['Recovered ', caseRef(d), opt(' ', hours(d.hoursSinceOops), ' after the oops'), '.'],
  'case.closed': (d, o) => [
    'Closed ',
    caseRef(d),
    d.reason === 'follow_up_answered'
      ? ' when the customer answered the follow-up'
      : d.reason === 'no_answer'
        ? opt(' after ', s(d.waitedDays), ' days without a follow-up answer')
        : by(d, o),
    opt(', ', hours(d.hoursSinceOops), ' after the oops'),
    d.recovered === false ? ', not recovered' : undefined,
    opt(': ', q(d.note)),
    '.',
  ],
  'case.message_sent': (d, o) => [
    person(d.byUserId, o) ?? 'Kept',
    ' wrote to the customer',
    on(d),
    opt(': ', q(d.excerpt)),
    d.emailed ? ' (e-mailed)' : undefined,
    '.',
  ],
  'case.customer_replied': (d) => ['The customer replied', on(d), opt(': ', q(d.excerpt)), '.'],
  'case.exception_requested': (d) => ['Asked to bend a rule', on(d), opt(': ', q(d.what)), '.'],
  'case.exception_approved': (d, o) => [person(d.byUserId, o) ?? 'A manager', ' approved bending a rule', on(d), opt(': ', q(d.what)), '.'],
  'case.exception_recorded': (d) => ['Bent a rule', on(d), opt(': ', q(d.what)), '.'],
  // The outbox
  'message.queued': (d) => [
    `Sent ${s(d.kind) ? `the ${s(d.kind)?.replace(/_/g, ' ')} message` : 'a message'}`,
    opt(' ', q(d.subject)),
    opt(' from ', s(d.source)),
    '.',
  ],
  'message.held': (d) => [
    `Held ${s(d.kind) ? `the ${s(d.kind)?.replace(/_/g, ' ')} message` : 'a message'}`,
    opt(' ', q(d.subject)),
    opt(' from ', s(d.source)),
    opt(': ', s(d.reason)),
    '.',
  ],
  'message.cancelled': (d, o) => [
    `Cancelled ${s(d.kind) ? `the ${s(d.kind)?.replace(/_/g, ' ')} message` : 'a message'}`,
    opt(' ', q(d.subject)),
    opt(' from ', s(d.source)),
    opt(': ', s(d.reason) ?? s(d.note)),
    d.byUserId ? by(d, o) : undefined,
    '.',
  ],
  'message.released': (d, o) => [
    `Released ${s(d.kind) ? `the ${s(d.kind)?.replace(/_/g, ' ')} message` : 'a message'}`,
    opt(' ', q(d.subject)),
    by(d, o),
    opt(': ', q(d.note)),
    '.',
  ],
  'task.closed': (d) => ['Closed the task', opt(' ', q(d.title)), opt(': ', s(d.reason) ?? s(d.note)), '.'],
  // Promises
  'commitment.made': (d, o) => [
    'Promised ',
    q(d.what) ?? 'something',
    opt(' by ', when(d.dueAt, o)),
    opt('; kept by ', person(d.ownerId, o)),
    '.',
  ],
  'commitment.kept': (d) => ['Kept the promise ', q(d.what) ?? '', opt(': ', q(d.note)), '.'],
  'commitment.broken': (d, o) => [
    'Broke the promise ',
    q(d.what) ?? '',
    opt(', due ', when(d.dueAt, o)),
    caseRef(d) ? (d.joinedCase ? '; it joined ' : '; it opened ') : undefined,
    caseRef(d),
    '.',
  ],
  'commitment.renegotiated': (d, o) => [
    'Moved the promise ',
    q(d.what) ?? '',
    opt(' from ', when(d.previousDueAt, o)),
    opt(' to ', when(d.dueAt, o)),
    opt(': ', q(d.note)),
    '.',
  ],
  'commitment.handed_over': (d, o) => ['Handed the promise ', q(d.what) ?? '', ' to ', person(d.ownerId, o) ?? 'nobody yet', '.'],
  'commitment.customer_told': (d) => [
    d.status === 'no_address'
      ? 'Could not tell the customer '
      : d.status === 'held'
        ? 'Held a message telling the customer '
        : d.status === 'cancelled'
          ? 'Cancelled a message telling the customer '
          : 'Told the customer ',
    d.notice === 'kept' ? 'that the promise ' : d.notice === 'missed' ? 'that we missed the promise ' : 'about the promise ',
    q(d.what) ?? '',
    d.notice === 'kept' ? ' is kept' : '',
    d.status === 'no_address' ? ': no e-mail address' : '',
    '.',
  ],
};
