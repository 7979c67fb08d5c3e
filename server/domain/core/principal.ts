// Who is making a request, and what their role lets them do.
import type { Role } from '../../../contract/common.ts';
import { KeptError } from './errors.ts';

export interface Principal {
  workspaceId: string;
  role: Role;
  /** A signed-in person, or an integration holding an API token. */
  kind: 'user' | 'token';
  userId?: string;
  tokenId?: string;
}

const rank: Record<Role, number> = { agent: 1, manager: 2, admin: 3 };

export function requireRole(p: Principal, least: Role): void {
  if (rank[p.role] < rank[least]) {
    throw new KeptError('forbidden', `This needs the ${least} role or higher; you have ${p.role}`);
  }
}
