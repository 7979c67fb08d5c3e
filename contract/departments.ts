// Departments: who owns a part of the customer's experience; events name them as `source`.
import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from './common.ts';
import { sourceSchema } from './events.ts';

export const colourSchema = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1f77b4')
  .transform((c) => c.toLowerCase());

export const departmentSchema = z
  .object({
    id: idSchema,
    key: z.string().describe('matches the `source` of events'),
    name: z.string(),
    colour: z.string(),
    memberIds: z.array(idSchema),
    createdAt: isoDateTimeSchema,
  })
  .meta({ id: 'Department' });
export type Department = z.infer<typeof departmentSchema>;

export const departmentInputSchema = z
  .strictObject({ key: sourceSchema, name: z.string().trim().min(1).max(100), colour: colourSchema })
  .meta({ id: 'DepartmentInput' });

export const departmentPatchSchema = z
  .strictObject({ name: z.string().trim().min(1).max(100).optional(), colour: colourSchema.optional() })
  .meta({ id: 'DepartmentPatch' });
