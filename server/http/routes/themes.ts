// What customers talk about: themes with their figures, suggestions, curation, and the texts behind.
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/common.ts';
import {
  themeInputSchema,
  themeMergeSchema,
  themePatchSchema,
  themePeriodQuerySchema,
  themeReportSchema,
  themeSplitSchema,
  themeSuggestionSchema,
  themeTextSchema,
  themeTextsQuerySchema,
  type ThemeInput,
  type ThemeMerge,
  type ThemePatch,
  type ThemePeriodQuery,
  type ThemeSplit,
  type ThemeTextsQuery,
} from '../../../contract/themes.ts';
import {
  addStarterThemes,
  createTheme,
  deleteTheme,
  mergeThemes,
  splitTheme,
  themeReport,
  themeSuggestions,
  themeTexts,
  updateTheme,
} from '../../domain/measurement/themes.ts';
import { defineRoute } from '../route.ts';

const idParams = z.object({ id: z.string() });
const err = (description: string) => ({ description, schema: errorBodySchema });
const notFound = err('No such theme in this workspace');
const invalid = err('Invalid input; details.problems name the fields');
const taken = err('A theme with that name exists (reason theme_name_taken)');
const themeRecordSchema = z
  .object({ id: z.string(), name: z.string(), terms: z.array(z.string()), pinned: z.boolean() })
  .meta({ id: 'ThemeRecord' });
const record = (t: { id: string; name: string; terms: string[]; pinned: boolean }) => ({
  id: t.id,
  name: t.name,
  terms: t.terms,
  pinned: t.pinned,
});

export const themeRoutes = [
  defineRoute<undefined, ThemePeriodQuery>({
    method: 'get',
    path: '/api/v1/themes',
    tag: 'Themes',
    summary: 'Themes of the period with count, share, trend, negative share and the NPS of those who mention them',
    description:
      'Pinned themes first, then by mentions. Shares and NPS are null below 30 texts or answers; trend compares with the period before, of the same length.',
    access: 'agent',
    query: themePeriodQuerySchema,
    responses: { 200: { description: 'The themes', schema: themeReportSchema }, 400: invalid },
    handle: async ({ query, principal, services }) => ({
      status: 200,
      body: await themeReport(services.db, services.clock, principal.workspaceId, query),
    }),
  }),
  defineRoute<undefined, ThemePeriodQuery>({
    method: 'get',
    path: '/api/v1/themes/suggestions',
    tag: 'Themes',
    summary: 'Terms many texts of the period mention that no theme holds yet',
    access: 'agent',
    query: themePeriodQuerySchema,
    responses: {
      200: { description: 'Suggestions, most mentioned first', schema: z.object({ items: z.array(themeSuggestionSchema) }) },
      400: invalid,
    },
    handle: async ({ query, principal, services }) => ({
      status: 200,
      body: await themeSuggestions(services.db, services.clock, principal.workspaceId, query),
    }),
  }),
  defineRoute<undefined, undefined, ThemeInput>({
    method: 'post',
    path: '/api/v1/themes',
    tag: 'Themes',
    summary: 'Name a theme by the words customers use for it',
    access: 'manager',
    body: themeInputSchema,
    responses: { 201: { description: 'Created', schema: themeRecordSchema }, 400: invalid, 409: taken },
    handle: async ({ body, principal, services }) => ({
      status: 201,
      body: record(await createTheme(services.db, services.clock, principal.workspaceId, principal.userId ?? null, body)),
    }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/themes/starter',
    tag: 'Themes',
    summary: 'Add the common themes (delivery, refunds, billing, staff, …) in en/fr/de that the workspace lacks',
    access: 'manager',
    responses: { 200: { description: 'How many were added', schema: z.object({ added: z.number().int() }) } },
    handle: async ({ principal, services }) => ({
      status: 200,
      body: { added: await addStarterThemes(services.db, services.clock, principal.workspaceId, principal.userId ?? null) },
    }),
  }),
  defineRoute<{ id: string }, undefined, ThemePatch>({
    method: 'patch',
    path: '/api/v1/themes/{id}',
    tag: 'Themes',
    summary: 'Rename a theme, change its words, pin or unpin it',
    access: 'manager',
    params: idParams,
    body: themePatchSchema,
    responses: { 200: { description: 'Changed', schema: themeRecordSchema }, 400: invalid, 404: notFound, 409: taken },
    handle: async ({ params, body, principal, services }) => ({
      status: 200,
      body: record(await updateTheme(services.db, services.clock, principal.workspaceId, params.id, body)),
    }),
  }),
  defineRoute<{ id: string }, undefined, ThemeMerge>({
    method: 'post',
    path: '/api/v1/themes/{id}/merge',
    tag: 'Themes',
    summary: 'Fold other themes into this one (their terms join it; they are removed)',
    access: 'manager',
    params: idParams,
    body: themeMergeSchema,
    responses: { 200: { description: 'The merged theme', schema: themeRecordSchema }, 400: invalid, 404: notFound },
    handle: async ({ params, body, principal, services }) => ({
      status: 200,
      body: record(await mergeThemes(services.db, services.clock, principal.workspaceId, params.id, body)),
    }),
  }),
  defineRoute<{ id: string }, undefined, ThemeSplit>({
    method: 'post',
    path: '/api/v1/themes/{id}/split',
    tag: 'Themes',
    summary: 'Move some of a theme’s terms to a new theme',
    access: 'manager',
    params: idParams,
    body: themeSplitSchema,
    responses: {
      201: {
        description: 'The theme as it stays and the new one',
        schema: z.object({ kept: themeRecordSchema, created: themeRecordSchema }),
      },
      400: invalid,
      404: notFound,
      409: taken,
    },
    handle: async ({ params, body, principal, services }) => {
      const r = await splitTheme(services.db, services.clock, principal.workspaceId, params.id, principal.userId ?? null, body);
      return { status: 201, body: { kept: record(r.kept), created: record(r.created) } };
    },
  }),
  defineRoute<{ id: string }>({
    method: 'delete',
    path: '/api/v1/themes/{id}',
    tag: 'Themes',
    summary: 'Delete a theme (the texts stay; only the grouping goes)',
    access: 'manager',
    params: idParams,
    responses: { 204: { description: 'Deleted' }, 404: notFound },
    handle: async ({ params, principal, services, c }) => {
      await deleteTheme(services.db, principal.workspaceId, params.id);
      return c.body(null, 204);
    },
  }),
  defineRoute<{ id: string }, ThemeTextsQuery>({
    method: 'get',
    path: '/api/v1/themes/{id}/texts',
    tag: 'Themes',
    summary: 'The texts that mention a theme, newest first, with their sentiment',
    access: 'agent',
    params: idParams,
    query: themeTextsQuerySchema,
    responses: {
      200: { description: 'A page of texts', schema: z.object({ items: z.array(themeTextSchema), nextCursor: z.string().nullable() }) },
      400: invalid,
      404: notFound,
    },
    handle: async ({ params, query, principal, services }) => ({
      status: 200,
      body: await themeTexts(services.db, services.clock, principal.workspaceId, params.id, query),
    }),
  }),
];
