// Departments and their members.
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/common.ts';
import { departmentInputSchema, departmentPatchSchema, departmentSchema } from '../../../contract/departments.ts';
import { createDepartment, getDepartment, listDepartments, setMembership, updateDepartment } from '../../domain/core/departments.ts';
import { defineRoute } from '../route.ts';

const idParams = z.object({ id: z.string() });
const memberParams = z.object({ id: z.string(), userId: z.string() });
const notFound = { description: 'No such department or user', schema: errorBodySchema };

export const departmentRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/departments',
    tag: 'Departments',
    summary: 'All departments',
    access: 'agent',
    responses: { 200: { description: 'Departments', schema: z.object({ items: z.array(departmentSchema) }) } },
    handle: async ({ principal, services }) => ({
      status: 200,
      body: { items: await listDepartments(services.db, principal.workspaceId) },
    }),
  }),
  defineRoute<undefined, undefined, z.infer<typeof departmentInputSchema>>({
    method: 'post',
    path: '/api/v1/departments',
    tag: 'Departments',
    summary: 'Create a department',
    access: 'manager',
    body: departmentInputSchema,
    responses: {
      201: { description: 'Created', schema: departmentSchema },
      409: { description: 'The key is taken', schema: errorBodySchema },
    },
    handle: async ({ body, principal, services }) => ({
      status: 201,
      body: await createDepartment(services.db, services.clock, principal.workspaceId, body),
    }),
  }),
  defineRoute<{ id: string }>({
    method: 'get',
    path: '/api/v1/departments/{id}',
    tag: 'Departments',
    summary: 'One department',
    access: 'agent',
    params: idParams,
    responses: { 200: { description: 'The department', schema: departmentSchema }, 404: notFound },
    handle: async ({ params, principal, services }) => ({
      status: 200,
      body: await getDepartment(services.db, principal.workspaceId, params.id),
    }),
  }),
  defineRoute<{ id: string }, undefined, z.infer<typeof departmentPatchSchema>>({
    method: 'patch',
    path: '/api/v1/departments/{id}',
    tag: 'Departments',
    summary: 'Rename or recolour a department',
    access: 'manager',
    params: idParams,
    body: departmentPatchSchema,
    responses: { 200: { description: 'Updated', schema: departmentSchema }, 404: notFound },
    handle: async ({ params, body, principal, services }) => ({
      status: 200,
      body: await updateDepartment(services.db, principal.workspaceId, params.id, body),
    }),
  }),
  defineRoute<{ id: string; userId: string }>({
    method: 'put',
    path: '/api/v1/departments/{id}/members/{userId}',
    tag: 'Departments',
    summary: 'Add a member',
    access: 'manager',
    params: memberParams,
    responses: { 200: { description: 'The department', schema: departmentSchema }, 404: notFound },
    handle: async ({ params, principal, services }) => ({
      status: 200,
      body: await setMembership(services.db, services.clock, principal.workspaceId, params.id, params.userId, true),
    }),
  }),
  defineRoute<{ id: string; userId: string }>({
    method: 'delete',
    path: '/api/v1/departments/{id}/members/{userId}',
    tag: 'Departments',
    summary: 'Remove a member',
    access: 'manager',
    params: memberParams,
    responses: { 200: { description: 'The department', schema: departmentSchema }, 404: notFound },
    handle: async ({ params, principal, services }) => ({
      status: 200,
      body: await setMembership(services.db, services.clock, principal.workspaceId, params.id, params.userId, false),
    }),
  }),
];
