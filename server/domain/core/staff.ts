// Workspaces and the staff who work in them: accounts, sign-in sessions and API tokens.
import type { Role } from '../../../contract/common.ts';
import type { Db } from '../../storage/database.ts';
import * as store from '../../storage/staff.ts';
import { insertDepartment } from '../../storage/departments.ts';
import { setDefaultDepartment } from '../../storage/recovery-settings.ts';
import { recoveryTargetHours } from '../../../contract/case-clock.ts';
import type { Clock } from './clock.ts';
import { nameFromWorkspace, voiceOf } from './company-profile.ts';
import { findCompanyProfile } from '../../storage/company-profiles.ts';
import { KeptError, notFound } from './errors.ts';
import { isUuid, uuidv7 } from '../../lib/ids.ts';
import { decoyHash, hashPassword, verifyPassword } from './passwords.ts';
import type { Principal } from './principal.ts';
import { formatSessionId, formatToken, newSecret, parseSessionId, parseToken, sha256 } from './secrets.ts';

export const defaultWorkspaceSlug = 'default';

export type Workspace = store.WorkspaceRecord;
export type { ApiToken, StaffUser } from '../../storage/staff.ts';

/** The department setup makes and names the default: cases that name no department are its work. */
export const setupDepartment = { key: 'support', name: 'Support', colour: '#047857' } as const;

/**
 * The workspace with this slug, created when missing (the CLI's first `admin create`), with a
 * default department, so a case that names no department still has a team to go to.
 */
export async function ensureWorkspace(db: Db, slug = defaultWorkspaceSlug, name?: string): Promise<Workspace> {
  const found = await store.findWorkspaceBySlug(db, slug);
  if (found) return found;
  // Named after the company when the caller knows it, else after the slug: customers never read "Kept".
  const w = { id: uuidv7(), slug, name: name?.trim() || nameFromWorkspace({ name: '', slug }) };
  const now = new Date();
  await db.transaction().execute(async (tx) => {
    await store.insertWorkspace(tx, w);
    const departmentId = uuidv7();
    await insertDepartment(tx, w.id, { id: departmentId, ...setupDepartment, createdAt: now });
    await setDefaultDepartment(tx, w.id, departmentId, recoveryTargetHours, now);
  });
  return w;
}

export async function workspaceBySlug(db: Db, slug: string): Promise<Workspace> {
  const w = await store.findWorkspaceBySlug(db, slug);
  if (!w) throw new KeptError('not_found', `There is no workspace "${slug}"`);
  return w;
}

export async function createUser(
  db: Db,
  clock: Clock,
  workspaceId: string,
  input: { email: string; name: string; role: Role; password: string },
) {
  const id = uuidv7();
  try {
    await store.insertUser(db, {
      workspaceId,
      id,
      email: input.email,
      name: input.name,
      role: input.role,
      passwordHash: await hashPassword(input.password),
      createdAt: clock.now(),
      passwordSetAt: clock.now(),
    });
  } catch (err) {
    if ((err as { code?: string }).code === '23505') {
      throw new KeptError('conflict', `A user with the e-mail ${input.email} already exists in this workspace`);
    }
    throw err;
  }
  return (await store.findUser(db, workspaceId, id))!;
}

export interface SignedIn {
  cookieValue: string;
  csrfToken: string;
  expiresAt: Date;
  workspaceId: string;
  userId: string;
}

const badCredentials = () => new KeptError('unauthenticated', 'The e-mail or password is not right');

export async function signIn(
  db: Db,
  clock: Clock,
  sessionHours: number,
  input: { email: string; password: string; workspace?: string },
): Promise<SignedIn> {
  const candidates = (await store.findUsersByEmail(db, input.email)).filter(
    (u) => !u.disabledAt && (!input.workspace || u.workspaceSlug === input.workspace),
  );
  if (candidates.length > 1) {
    throw new KeptError('invalid_input', 'This e-mail belongs to several workspaces: say which one', {
      problems: [{ path: ['workspace'], message: `one of: ${candidates.map((c) => c.workspaceSlug).join(', ')}` }],
    });
  }
  const user = candidates[0];
  const ok = await verifyPassword(input.password, user?.passwordHash ?? decoyHash);
  if (!user || !ok) throw badCredentials();
  const now = clock.now();
  const secret = newSecret();
  const expiresAt = new Date(now.getTime() + sessionHours * 3600_000);
  const csrfToken = newSecret(24);
  await store.insertSession(db, {
    workspaceId: user.workspaceId,
    idHash: sha256(secret),
    userId: user.id,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
  });
  return { cookieValue: formatSessionId(user.workspaceId, secret), csrfToken, expiresAt, workspaceId: user.workspaceId, userId: user.id };
}

export interface SessionPrincipal extends Principal {
  csrfToken: string;
  expiresAt: Date;
}

/** The person behind a session cookie; a sliding expiry is pushed forward on use. */
export async function authenticateSession(db: Db, clock: Clock, sessionHours: number, cookieValue: string): Promise<SessionPrincipal> {
  const parsed = parseSessionId(cookieValue);
  const now = clock.now();
  const s = parsed && (await store.findSession(db, parsed.workspaceId, sha256(parsed.secret)));
  if (!parsed || !s || s.userDisabledAt) throw new KeptError('unauthenticated', 'Sign in to continue');
  if (s.expiresAt <= now) {
    await store.deleteSession(db, parsed.workspaceId, sha256(parsed.secret));
    throw new KeptError('unauthenticated', 'Your session has expired; sign in again', { reason: 'session_expired' });
  }
  let expiresAt = s.expiresAt;
  // Extend at most once a minute, so reads do not each cost a write.
  if (now.getTime() - s.lastSeenAt.getTime() > 60_000) {
    expiresAt = new Date(now.getTime() + sessionHours * 3600_000);
    await store.touchSession(db, parsed.workspaceId, sha256(parsed.secret), now, expiresAt);
  }
  return { workspaceId: parsed.workspaceId, role: s.role, kind: 'user', userId: s.userId, csrfToken: s.csrfToken, expiresAt };
}

export async function signOut(db: Db, cookieValue: string): Promise<void> {
  const parsed = parseSessionId(cookieValue);
  if (parsed) await store.deleteSession(db, parsed.workspaceId, sha256(parsed.secret));
}

/** A new API token; `createdBy` is the person who made it (its tokens are revoked when they leave). */
export async function createToken(
  db: Db,
  clock: Clock,
  workspaceId: string,
  input: { name: string; role: Role; createdBy?: string | null },
): Promise<{ token: store.ApiToken; secret: string }> {
  const secret = newSecret();
  const token: store.ApiToken = {
    id: uuidv7(),
    name: input.name,
    role: input.role,
    prefix: `kept_…${secret.slice(0, 8)}`, // the workspace part is the same for every token: show the secret's start
    createdAt: clock.now(),
    lastUsedAt: null,
    revokedAt: null,
    createdBy: input.createdBy ?? null,
  };
  await store.insertToken(db, workspaceId, { ...token, secretHash: sha256(secret) });
  return { token, secret: formatToken(workspaceId, secret) };
}

/** The integration behind a bearer token. */
export async function authenticateToken(db: Db, clock: Clock, bearer: string): Promise<Principal> {
  const parsed = parseToken(bearer);
  const t = parsed && (await store.findTokenBySecretHash(db, parsed.workspaceId, sha256(parsed.secret)));
  if (!parsed || !t || t.revokedAt) throw new KeptError('unauthenticated', 'The API token is not valid or was revoked');
  const now = clock.now();
  if (!t.lastUsedAt || now.getTime() - t.lastUsedAt.getTime() > 60_000) {
    await store.markTokenUsed(db, parsed.workspaceId, t.id, now);
  }
  return { workspaceId: parsed.workspaceId, role: t.role, kind: 'token', tokenId: t.id };
}

export const listUsers = store.listUsers;
export const listTokens = store.listTokens;

/** A session's user and workspace, or undefined when either is gone. */
/**
 * Who a session belongs to, and their workspace under the company's name (its profile's, else the
 * workspace's own): the name the staff app's header shows, so `kept demo` reads "Brightline Home"
 * there and not the default workspace's "Default".
 */
export async function sessionOwner(db: Db, workspaceId: string, userId: string) {
  const [user, workspace, profile] = await Promise.all([
    store.findUser(db, workspaceId, userId),
    store.findWorkspace(db, workspaceId),
    findCompanyProfile(db, workspaceId),
  ]);
  if (!user || !workspace) return undefined;
  return { user, workspace: { ...workspace, name: voiceOf(workspaceId, profile, workspace).companyName } };
}

/** Removes the sessions that have expired; how many. */
export const deleteExpiredSessions = store.deleteExpiredSessions;

export async function revokeToken(db: Db, clock: Clock, workspaceId: string, id: string): Promise<void> {
  if (!isUuid(id) || !(await store.revokeToken(db, workspaceId, id, clock.now()))) throw notFound('Token');
}
