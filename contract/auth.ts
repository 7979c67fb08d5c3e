// Staff sign-in, the session, users and API tokens.
import { z } from 'zod';
import { idSchema, isoDateTimeSchema, roleSchema } from './common.ts';

export const signInInputSchema = z
  .strictObject({
    email: z.email().max(320),
    password: z.string().min(1).max(1000),
    workspace: z.string().min(1).max(63).optional().describe('workspace slug; needed only when the e-mail is in several'),
  })
  .meta({ id: 'SignInInput' });

export const userSchema = z
  .object({ id: idSchema, email: z.string(), name: z.string(), role: roleSchema, createdAt: isoDateTimeSchema })
  .meta({ id: 'User' });
export type User = z.infer<typeof userSchema>;

export const workspaceSchema = z
  .object({ id: idSchema, slug: z.string(), name: z.string().describe("the company's name from its profile, else the workspace's") })
  .meta({ id: 'Workspace' });

export const sessionSchema = z
  .object({
    user: userSchema,
    workspace: workspaceSchema,
    csrfToken: z.string().describe('send as X-CSRF-Token on every write made with the session cookie'),
    expiresAt: isoDateTimeSchema,
  })
  .meta({ id: 'Session' });

export const passwordSchema = z.string().min(10, 'must be at least 10 characters').max(1000);

export const userInputSchema = z
  .strictObject({ email: z.email().max(320), name: z.string().trim().min(1).max(200), role: roleSchema, password: passwordSchema })
  .meta({ id: 'UserInput' });

export const tokenInputSchema = z.strictObject({ name: z.string().trim().min(1).max(100), role: roleSchema }).meta({ id: 'TokenInput' });

export const tokenSchema = z
  .object({
    id: idSchema,
    name: z.string(),
    role: roleSchema,
    prefix: z.string().describe('the first characters of the token, to tell tokens apart'),
    createdAt: isoDateTimeSchema,
    lastUsedAt: isoDateTimeSchema.nullable(),
    revokedAt: isoDateTimeSchema.nullable(),
    createdBy: idSchema.nullable().describe('the person who made it; their tokens are revoked when they are deactivated'),
  })
  .meta({ id: 'Token' });

export const createdTokenSchema = z
  .object({ token: tokenSchema, secret: z.string().describe('shown once; send as Authorization: Bearer <secret>') })
  .meta({ id: 'CreatedToken' });
