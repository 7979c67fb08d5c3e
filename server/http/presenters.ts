// Rows to wire shapes for staff and tokens (secrets and hashes never leave the server).
import type { Role } from '../../contract/common.ts';

export const presentUser = (u: { id: string; email: string; name: string; role: Role; created_at: Date }) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  createdAt: u.created_at.toISOString(),
});

export const presentToken = (t: {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}) => ({
  id: t.id,
  name: t.name,
  role: t.role,
  prefix: t.prefix,
  createdAt: t.created_at.toISOString(),
  lastUsedAt: t.last_used_at?.toISOString() ?? null,
  revokedAt: t.revoked_at?.toISOString() ?? null,
});
