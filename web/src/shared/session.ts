// Who is signed in, for any component under the app shell.
import { createContext, useContext } from 'react';
import type { Role, Session } from './types.ts';

export interface SessionValue {
  session: Session;
  signOut: () => void;
  /** The company's name changed (its profile saved): the header shows the new one at once. */
  companyNamed: (name: string) => void;
}

export const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession() outside a signed-in page');
  return value;
}

const rank: Record<Role, number> = { agent: 1, manager: 2, admin: 3 };

/** The same rule as the server's requireRole: a role and every role above it. */
export const hasRole = (role: Role, least: Role) => rank[role] >= rank[least];
