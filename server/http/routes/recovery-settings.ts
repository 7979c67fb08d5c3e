// Recovery settings (the clock's target and hours, thresholds, required steps) and apology templates.
import { z } from 'zod';
import { recoverySettingsSchema, type RecoverySettings } from '../../../contract/cases.ts';
import { errorBodySchema } from '../../../contract/common.ts';
import {
  apologyTemplateInputSchema,
  apologyTemplatePatchSchema,
  apologyTemplateSchema,
  type ApologyTemplateInput,
  type ApologyTemplatePatch,
} from '../../../contract/playbook.ts';
import {
  changeApologyTemplate,
  createApologyTemplate,
  deleteApologyTemplate,
  listApologyTemplates,
} from '../../domain/recovery/apology-templates.ts';
import { changeRecoverySettings, getRecoverySettings } from '../../domain/recovery/recovery-settings.ts';
import { defineRoute } from '../route.ts';

const error = (description: string) => ({ description, schema: errorBodySchema });
const idParams = z.object({ id: z.string() });
const refused = error('Invalid, or the text does not own the mistake ("any inconvenience")');

export const recoverySettingsRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/settings/recovery',
    tag: 'Cases',
    summary: 'The recovery clock’s target and hours, the answer thresholds, the required steps',
    access: 'agent',
    responses: { 200: { description: 'Settings', schema: recoverySettingsSchema } },
    handle: async ({ principal, services }) => ({
      status: 200,
      body: await getRecoverySettings(services.db, principal.workspaceId, services.clock.now()),
    }),
  }),
  defineRoute<undefined, undefined, RecoverySettings>({
    method: 'put',
    path: '/api/v1/settings/recovery',
    tag: 'Cases',
    summary: 'Change the recovery settings',
    description: 'Open cases keep the due time they were given; the new target applies to cases opened from now on.',
    access: 'manager',
    body: recoverySettingsSchema,
    responses: { 200: { description: 'Changed', schema: recoverySettingsSchema }, 400: error('Invalid settings') },
    handle: async ({ body, principal, services }) => ({
      status: 200,
      body: await changeRecoverySettings(services.db, principal.workspaceId, services.clock.now(), body),
    }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/apology-templates',
    tag: 'Cases',
    summary: 'Apology templates, by name',
    description: 'A workspace starts with three built-in templates; placeholders are filled per customer when an apology is sent.',
    access: 'agent',
    responses: { 200: { description: 'Templates', schema: z.object({ items: z.array(apologyTemplateSchema) }) } },
    handle: async ({ principal, services }) => ({
      status: 200,
      body: { items: await listApologyTemplates(services.db, principal.workspaceId, services.clock.now()) },
    }),
  }),
  defineRoute<undefined, undefined, ApologyTemplateInput>({
    method: 'post',
    path: '/api/v1/apology-templates',
    tag: 'Cases',
    summary: 'Add an apology template',
    access: 'manager',
    body: apologyTemplateInputSchema,
    responses: { 201: { description: 'Added', schema: apologyTemplateSchema }, 400: refused },
    handle: async ({ body, principal, services }) => ({
      status: 201,
      body: await createApologyTemplate(services.db, principal.workspaceId, services.clock.now(), body),
    }),
  }),
  defineRoute<{ id: string }, undefined, ApologyTemplatePatch>({
    method: 'patch',
    path: '/api/v1/apology-templates/{id}',
    tag: 'Cases',
    summary: 'Change an apology template',
    access: 'manager',
    params: idParams,
    body: apologyTemplatePatchSchema,
    responses: { 200: { description: 'Changed', schema: apologyTemplateSchema }, 400: refused, 404: error('No such template') },
    handle: async ({ params, body, principal, services }) => ({
      status: 200,
      body: await changeApologyTemplate(services.db, principal.workspaceId, params.id, services.clock.now(), body),
    }),
  }),
  defineRoute<{ id: string }>({
    method: 'delete',
    path: '/api/v1/apology-templates/{id}',
    tag: 'Cases',
    summary: 'Delete an apology template (apologies already sent keep their words)',
    access: 'manager',
    params: idParams,
    responses: { 204: { description: 'Deleted' }, 404: error('No such template') },
    handle: async ({ params, principal, services, c }) => {
      await deleteApologyTemplate(services.db, principal.workspaceId, params.id, services.clock.now());
      return c.body(null, 204);
    },
  }),
];
