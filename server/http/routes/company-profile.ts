// The company profile: the name, logo, colour, sender, signature, language and time zone every
// customer surface speaks with. Staff read it; admins change it.
import { errorBodySchema } from '../../../contract/common.ts';
import { companyProfileInputSchema, companyProfileSchema, type CompanyProfileInput } from '../../../contract/company-profile.ts';
import { changeCompanyProfile, getCompanyProfile } from '../../domain/core/company-profile.ts';
import { defineRoute } from '../route.ts';

export const companyProfileRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/settings/company',
    tag: 'Company profile',
    summary: 'The company profile customers meet: name, logo, colour, sender, signature, locale and time zone',
    access: 'agent',
    responses: {
      200: { description: 'The profile (its defaults when nobody saved one: `confirmed` is false)', schema: companyProfileSchema },
    },
    handle: async ({ principal, services }) => ({ status: 200, body: await getCompanyProfile(services.db, principal.workspaceId) }),
  }),
  defineRoute<undefined, undefined, CompanyProfileInput>({
    method: 'patch',
    path: '/api/v1/settings/company',
    tag: 'Company profile',
    summary: 'Change the company profile (and confirm it)',
    description:
      'The fields given change; null clears an optional one. A bad value is refused with its reason in ' +
      '`details.problems[].reason` (`invalid_logo_url`: not http(s); `invalid_colour`; `invalid_time_zone`: not an IANA ' +
      'zone; `invalid_locale`; `invalid_sender_address`; `invalid_reply_to`; `invalid_company_name`) and nothing is stored.',
    access: 'admin',
    body: companyProfileInputSchema,
    responses: {
      200: { description: 'The profile as saved', schema: companyProfileSchema },
      400: { description: 'A value was refused; nothing stored', schema: errorBodySchema },
    },
    handle: async ({ body, principal, services }) => ({
      status: 200,
      body: await changeCompanyProfile(services.db, services.clock, principal.workspaceId, body),
    }),
  }),
];
