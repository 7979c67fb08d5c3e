// The team page's words, kept out of JSX so they are tested: a member's state, the hand-over of a
// leaver's work in a sentence, and the departments a person is in by name.
import type { HandOver, TeamMember } from '../../../../contract/team.ts';
import type { Role } from '../../../../contract/common.ts';

export const roleLabels: Record<Role, string> = { admin: 'Admin', manager: 'Manager', agent: 'Agent' };

export const roleHints: Record<Role, string> = {
  agent: 'works cases, customers, promises and the outbox',
  manager: 'also reports, settings and mail',
  admin: 'also the team, API tokens, webhooks and the audit log',
};

export function statusLabel(m: Pick<TeamMember, 'status'>): string {
  return m.status === 'invited' ? 'Invited' : m.status === 'deactivated' ? 'Deactivated' : 'Active';
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function departmentNames(ids: readonly string[], departments: readonly { id: string; name: string }[]): string {
  const names = ids.map((id) => departments.find((d) => d.id === id)?.name ?? 'an unknown department');
  return names.length ? names.join(', ') : 'No department';
}

/** "Sessions ended: 2. API tokens revoked: 1. Cases handed over: #12 to Ana Silva, #14 to nobody yet. …" */
export function handOverText(h: HandOver, team: readonly { id: string; name: string }[]): string {
  const nameOf = (id: string | null) => (id ? (team.find((m) => m.id === id)?.name ?? 'a colleague') : 'the unassigned list');
  const parts = [
    `${h.member.name} is deactivated.`,
    `${plural(h.sessionsEnded, 'session')} ended, ${plural(h.tokensRevoked, 'API token')} revoked.`,
  ];
  parts.push(
    h.cases.length
      ? `Cases handed over: ${h.cases.map((c) => `#${c.number} to ${nameOf(c.ownerId)}`).join(', ')}.`
      : 'No open cases to hand over.',
  );
  parts.push(
    h.commitments.length
      ? `${plural(h.commitments.length, 'open promise')} handed over: ${h.commitments.map((c) => `to ${nameOf(c.ownerId)}`).join(', ')}.`
      : 'No open promises to hand over.',
  );
  return parts.join(' ');
}

/** Problems with an invitation the form can tell before sending. */
export function invitationProblems(v: { email: string; name: string }): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!v.name.trim()) problems.name = 'Enter the person’s name';
  if (!v.email.trim()) problems.email = 'Enter their e-mail address';
  else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.email.trim())) problems.email = 'Enter an e-mail address like name@company.com';
  return problems;
}

/** Problems with a new password (the API's rule: at least 10 characters) and its repetition. */
export function newPasswordProblems(password: string, repeat: string, field = 'password'): Record<string, string> {
  if (password.length < 10) return { [field]: 'Use at least 10 characters' };
  if (password.length > 1000) return { [field]: 'Use at most 1,000 characters' };
  if (repeat !== password) return { repeat: 'The two passwords differ' };
  return {};
}

/**
 * What the signed-in person may do to a member on this page, as the API decides it (server
 * domain/core/team-scope.ts): admins everything; managers mail links to and deactivate agents who
 * share one of their departments; nobody deactivates themselves.
 */
export function mayLetGo(me: Pick<TeamMember, 'id' | 'role' | 'departmentIds'> | undefined, m: TeamMember): boolean {
  if (!me || me.id === m.id) return false;
  if (me.role === 'admin') return true;
  return me.role === 'manager' && m.role === 'agent' && m.departmentIds.some((d) => me.departmentIds.includes(d));
}
