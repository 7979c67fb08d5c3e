// What the demo's staff write while they work a case opened by a low answer: the first message,
// an apology that owns the mistake, the root cause, the fix, what the customer asked for and
// what they got. One script per reason the demo's customers give (demo-answers.ts), and one per
// survey for an answer without a reason. {customerName}, {staffName} and {company} are filled in
// by the playbook.

export interface CaseScript {
  ack: string;
  apology: string;
  /** Undefined: the investigate step is skipped with `noCause`. */
  rootCause?: string;
  noCause?: string;
  fix: string;
  ask: { question: string; answer: string };
  /** Undefined: the customer asked for nothing more, and the step is skipped. */
  restitution?: { what: string; wow?: string; cost: number };
}

const sign = '\n\n{staffName}, {company}';

const late: CaseScript = {
  ack: 'Hello {customerName}, I read what you wrote about your delivery. I am finding out what happened and will write again today.',
  apology:
    'Dear {customerName},\n\nYour parcel arrived days after the date we gave you, and nobody from us told you why. ' +
    'Keeping you informed was our job and we did not do it. I am sorry.' +
    sign,
  rootCause: 'The carrier held the parcel at a sorting centre; our tracking alert for held parcels was switched off for this route.',
  fix: 'Tracking alert for held parcels switched back on for the route; the customer now gets a message when a parcel is held.',
  ask: { question: 'What would make this right for you?', answer: 'Just tell me next time, before I have to ask.' },
  restitution: { what: 'Delivery cost refunded', cost: 4.95 },
};

const damaged: CaseScript = {
  ack: 'Hello {customerName}, I am sorry to read your parcel arrived damaged. Could you send a photo of the box and the device? I am on it.',
  apology:
    'Dear {customerName},\n\nWe sent your order in a box that did not protect it, and it reached you damaged. That is our packing, ' +
    'not your problem, and I am sorry. A new one is being packed for you now.' +
    sign,
  rootCause: 'Single-wall boxes were used for a hub and camera together; the packing table ran out of double-wall boxes.',
  fix: 'Replacement sent by express in a double-wall box; the packing table now has a minimum stock of double-wall boxes.',
  ask: { question: 'Is there anything else we can do?', answer: 'Make sure the new one is packed properly, that is all.' },
  restitution: { what: 'Replacement by express at our cost', wow: 'A free Smart Plug (2-pack) in the box', cost: 34 },
};

const wrongDoor: CaseScript = {
  ack: 'Hello {customerName}, thank you for telling us the parcel was left at the wrong door. I am checking with the carrier now.',
  apology:
    'Dear {customerName},\n\nOur carrier left your parcel at the wrong door and you had to go looking for it. ' +
    'We chose that carrier, so it is our mistake, and I am sorry.' +
    sign,
  noCause: 'One driver, one address: no pattern in the last 90 days of deliveries.',
  fix: 'Carrier told; delivery note "ring at number 12, not 12A" added to the address.',
  ask: { question: 'What would make this right?', answer: 'A note on my address so it does not happen again.' },
  restitution: { what: 'A voucher for the next order', cost: 10 },
};

const smallProblems: CaseScript = {
  ack: 'Hello {customerName}, thank you for being honest with us. I went through everything that happened on your account and will call you today.',
  apology:
    'Dear {customerName},\n\nA late parcel and then a missed visit: we let you down twice in a row, and each time you had to chase us. ' +
    'That is on us, and I am sorry.' +
    sign,
  rootCause: 'The technician schedule did not know about the delayed parcel, so the visit was booked before the device arrived.',
  fix: 'Installation visits now wait for the delivery event; a new visit was booked on a day the customer chose.',
  ask: { question: 'What would make this right for you?', answer: 'A visit that actually happens, on a Saturday if possible.' },
  restitution: { what: 'Saturday installation at no charge', wow: 'First month of Monitoring Plus free', cost: 42.99 },
};

const slowSupport: CaseScript = {
  ack: 'Hello {customerName}, I am sorry you had to explain your problem more than once. I have read your whole history and I am your contact from now on.',
  apology:
    'Dear {customerName},\n\nYou had to repeat yourself to us because we did not keep notes that followed you from one agent to the next. ' +
    'We made that mistake and I am sorry.' +
    sign,
  rootCause: 'Chat and phone tickets were not linked to the customer; each agent started from zero.',
  fix: 'Problem solved on one call; the customer has a named contact, and chat tickets now show on the customer timeline.',
  ask: { question: 'What would have made this easier?', answer: 'One person who knows my case.' },
  restitution: { what: 'A named contact for the next three months', wow: 'A month of Monitoring Basic free', cost: 6.99 },
};

const paidReminder: CaseScript = {
  ack: 'Hello {customerName}, you are right: your invoice was paid. I am looking at why you got a reminder and will confirm today.',
  apology:
    'Dear {customerName},\n\nWe sent you a payment reminder for an invoice you had already paid. That was our error, ' +
    'and it must have been irritating to get. I am sorry.' +
    sign,
  rootCause: 'A SEPA payment matched a day late; the reminder run did not wait for the bank file.',
  fix: 'Reminder cancelled and a note added to the account; the reminder run now starts after the bank file is matched.',
  ask: { question: 'Is there anything else we should put right?', answer: 'No, just make sure it does not happen again.' },
};

const calledThreeTimes: CaseScript = {
  ack: 'Hello {customerName}, three calls is three too many. I have your case now and will not pass it on.',
  apology:
    'Dear {customerName},\n\nYou had to call us three times to get one problem solved. We should have solved it on the first call, ' +
    'and I am sorry we did not.' +
    sign,
  rootCause: 'First-line agents could not send replacement parts; every call was escalated and then lost.',
  fix: 'Replacement part sent; first-line agents may now send parts up to EUR 50 without escalating.',
  ask: { question: 'What would make this right?', answer: 'Nothing more, the part is what I needed.' },
  restitution: { what: 'Replacement part at no charge', cost: 19 },
};

const nobodyOwned: CaseScript = {
  ack: 'Hello {customerName}, from today I own your problem until it is solved. I will write to you every day until it is.',
  apology:
    'Dear {customerName},\n\nYour problem went back and forth between our teams and nobody took it on. ' +
    'That is how we are organised, not something you did, and I am sorry.' +
    sign,
  rootCause: 'The ticket bounced between support and field service: neither queue owned camera installs.',
  fix: 'Solved by the support agent who owns it; camera installs now belong to field service.',
  ask: { question: 'What would make this right?', answer: 'A direct number for next time.' },
  restitution: { what: 'A direct line to the support agent', wow: 'A Door Sensor (4-pack) with our thanks', cost: 59 },
};

const byReason: Record<string, CaseScript> = {
  'The parcel came days late and nobody told me why.': late,
  'Box was damaged on arrival.': damaged,
  'The driver left it at the wrong door.': wrongDoor,
  'Too many small problems: late parcels, a missed visit.': smallProblems,
  'Support is slow and I had to repeat myself.': slowSupport,
  'Billing sent a reminder for an invoice I had paid.': paidReminder,
  'I had to call three times.': calledThreeTimes,
  'Nobody owned my problem.': nobodyOwned,
};

/** The script for a low answer, by its reason, else by its survey's kind. */
export function caseScript(kind: 'nps' | 'csat' | 'ces', reason: string | null | undefined): CaseScript {
  return (reason && byReason[reason]) || (kind === 'csat' ? late : kind === 'ces' ? calledThreeTimes : slowSupport);
}

/** What customers say in the follow-up survey after a quick and after a slow recovery. */
export const followUpReasons = {
  quick: [
    'You sorted it the same day. That is why I stay.',
    'A real person wrote back within hours. Rare these days.',
    'Quick, kind, and you fixed it properly.',
    'Honestly, better than before the problem.',
  ],
  slow: ['Fixed in the end, but it took too long.', 'Good once someone picked it up.', 'The apology was fine; the wait was not.'],
};
