// The signal settings (contact rule, reminders, expiry, the widget secret) and answer imports.
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/common.ts';
import { signalSettingsPatchSchema, signalSettingsSchema } from '../../../contract/surveys.ts';
import {
  responseImportBatchSchema,
  responseImportResultSchema,
  responseImportSchema,
  type ResponseImport,
} from '../../../contract/answers.ts';
import { importResponses } from '../../domain/signals/response-import.ts';
import { changeSignalSettings, rotateWidgetSecret, type SignalSettings } from '../../domain/signals/signal-settings.ts';
import { defineRoute } from '../route.ts';
import { signalDeps, type RequestPrincipal } from '../services.ts';

const error = (description: string) => ({ description, schema: errorBodySchema });

const presentSettings = (s: SignalSettings, p: RequestPrincipal) => ({
  contactDays: s.contactDays,
  reminderDays: s.reminderDays,
  expiryDays: s.expiryDays,
  ...(p.role === 'admin' ? { widgetSecret: s.widgetSecret } : {}),
});

type ImportBody = ResponseImport | { responses: ResponseImport[] };

export const signalSettingsRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/settings/signals',
    tag: 'Surveys',
    summary: 'The contact rule, reminders, link expiry and (for admins) the widget secret',
    access: 'agent',
    responses: { 200: { description: 'Settings', schema: signalSettingsSchema } },
    handle: async ({ principal, services }) => ({
      status: 200,
      body: presentSettings(await services.settings.get(principal.workspaceId), principal),
    }),
  }),
  defineRoute<undefined, undefined, z.infer<typeof signalSettingsPatchSchema>>({
    method: 'patch',
    path: '/api/v1/settings/signals',
    tag: 'Surveys',
    summary: 'Change the contact rule, reminders or link expiry',
    access: 'admin',
    body: signalSettingsPatchSchema,
    responses: { 200: { description: 'Changed', schema: signalSettingsSchema } },
    handle: async ({ body, principal, services }) => ({
      status: 200,
      body: presentSettings(
        await changeSignalSettings(services.db, services.clock, services.settings, principal.workspaceId, body),
        principal,
      ),
    }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/settings/signals/widget-secret',
    tag: 'Surveys',
    summary: 'Replace the widget secret (signatures made with the old one stop working at once)',
    access: 'admin',
    responses: { 200: { description: 'The new settings', schema: signalSettingsSchema } },
    handle: async ({ principal, services }) => ({
      status: 200,
      body: presentSettings(await rotateWidgetSecret(services.db, services.clock, services.settings, principal.workspaceId), principal),
    }),
  }),
  defineRoute<undefined, undefined, ImportBody>({
    method: 'post',
    path: '/api/v1/responses',
    tag: 'Surveys',
    summary: 'Import historical answers',
    description:
      'One answer, or `{ "responses": [...] }` with at most 1,000. All or nothing: any invalid answer (a score outside the ' +
      'survey\u2019s scale, an unknown survey) stores none and is listed by path. The same idempotencyKey from the same source ' +
      'stores one answer. Imported answers count in scores, not in response rates, so importing needs a manager or admin.',
    access: 'manager', // imported answers move the headline scores
    body: z.union([responseImportSchema, responseImportBatchSchema]),
    bodyFor: (raw) =>
      typeof raw === 'object' && raw !== null && 'responses' in raw
        ? { schema: responseImportBatchSchema, path: [] }
        : { schema: responseImportSchema, path: [] },
    responses: {
      201: { description: 'Stored', schema: responseImportResultSchema },
      200: { description: 'Nothing new: every answer repeated an idempotency key', schema: responseImportResultSchema },
      400: error('Invalid answers; none stored'),
    },
    handle: async ({ body, principal, services }) => {
      const r = await importResponses(signalDeps(services), principal.workspaceId, 'responses' in body ? body.responses : [body]);
      return { status: r.stored > 0 ? 201 : 200, body: r };
    },
  }),
];
