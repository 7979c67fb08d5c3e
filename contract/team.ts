// The team: staff with their role, departments and state; invitations, role and department
// changes, leavers, and passwords (set from a one-time link, changed, reset by mail).
import { z } from 'zod';
import { passwordSchema } from './auth.ts';
import { idSchema, isoDateTimeSchema, roleSchema } from './common.ts';

export const teamMemberSchema = z
  .object({
    id: idSchema,
    email: z.string(),
    name: z.string(),
    role: roleSchema,
    createdAt: isoDateTimeSchema,
    status: z.enum(['invited', 'active', 'deactivated']).describe('invited: has not set a password from their link yet'),
    deactivatedAt: isoDateTimeSchema.nullable(),
    departmentIds: z.array(idSchema),
  })
  .meta({ id: 'TeamMember' });
export type TeamMember = z.infer<typeof teamMemberSchema>;

const departmentIdsSchema = z.array(idSchema).max(100);

export const invitationInputSchema = z
  .strictObject({
    email: z.email().max(320),
    name: z.string().trim().min(1).max(200),
    role: roleSchema,
    departmentIds: departmentIdsSchema.optional(),
  })
  .meta({ id: 'StaffInvitationInput' });

export const invitedSchema = z
  .object({ member: teamMemberSchema, linkExpiresAt: isoDateTimeSchema.describe('the mailed link works once, until then') })
  .meta({ id: 'StaffInvited' });
export type Invited = z.infer<typeof invitedSchema>;

export const teamMemberPatchSchema = z
  .strictObject({
    role: roleSchema.optional(),
    departmentIds: departmentIdsSchema.optional().describe('the departments the person is in, all of them'),
  })
  .refine((v) => v.role !== undefined || v.departmentIds !== undefined, { message: 'give role or departmentIds' })
  .meta({ id: 'TeamMemberPatch' });

export const handOverSchema = z
  .object({
    member: teamMemberSchema,
    sessionsEnded: z.number().int(),
    tokensRevoked: z.number().int(),
    cases: z.array(z.object({ caseId: idSchema, number: z.number().int(), ownerId: idSchema.nullable() })),
    commitments: z.array(z.object({ commitmentId: idSchema, ownerId: idSchema.nullable() })),
  })
  .meta({ id: 'HandOver' });
export type HandOver = z.infer<typeof handOverSchema>;

export const passwordLinkInputSchema = z
  .strictObject({ token: z.string().min(1).max(200).describe('the secret from the mailed link'), password: passwordSchema })
  .meta({ id: 'PasswordLinkInput' });

export const passwordResetInputSchema = z
  .strictObject({ email: z.email().max(320), workspace: z.string().min(1).max(63).optional() })
  .meta({ id: 'PasswordResetInput' });

export const passwordChangeInputSchema = z
  .strictObject({ currentPassword: z.string().min(1).max(1000), newPassword: passwordSchema })
  .meta({ id: 'PasswordChangeInput' });
