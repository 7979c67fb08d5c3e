// Staff and tokens to wire shapes (secrets and hashes never leave the server).
import type { ApiToken, StaffUser } from '../domain/core/staff.ts';

export const presentUser = (u: StaffUser) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  createdAt: u.createdAt.toISOString(),
});

export const presentToken = (t: ApiToken) => ({
  id: t.id,
  name: t.name,
  role: t.role,
  prefix: t.prefix,
  createdAt: t.createdAt.toISOString(),
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  revokedAt: t.revokedAt?.toISOString() ?? null,
  createdBy: t.createdBy,
});
