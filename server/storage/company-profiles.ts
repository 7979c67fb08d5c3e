// A workspace's company profile: what customers meet instead of Kept (name, logo, colour, sender,
// reply-to, signature, language, time zone). Rows are mapped to camelCase records here.
import type { Selectable } from 'kysely';
import type { Db } from './database.ts';
import type { CompanyProfilesTable } from './schema.ts';

export interface CompanyProfileRecord {
  workspaceId: string;
  companyName: string;
  logoUrl: string | null;
  brandColour: string | null;
  senderName: string | null;
  senderAddress: string | null;
  replyTo: string | null;
  signature: string | null;
  defaultLocale: string;
  timeZone: string;
  poweredBy: boolean;
  confirmedAt: Date | null;
  updatedAt: Date;
}

export type CompanyProfileValues = Omit<CompanyProfileRecord, 'workspaceId' | 'updatedAt' | 'confirmedAt'>;

export const toCompanyProfileRecord = (r: Selectable<CompanyProfilesTable>): CompanyProfileRecord => ({
  workspaceId: r.workspace_id,
  companyName: r.company_name,
  logoUrl: r.logo_url,
  brandColour: r.brand_colour,
  senderName: r.sender_name,
  senderAddress: r.sender_address,
  replyTo: r.reply_to,
  signature: r.signature,
  defaultLocale: r.default_locale,
  timeZone: r.time_zone,
  poweredBy: r.powered_by,
  confirmedAt: r.confirmed_at,
  updatedAt: r.updated_at,
});

export async function findCompanyProfile(db: Db, workspaceId: string): Promise<CompanyProfileRecord | undefined> {
  const r = await db.selectFrom('company_profiles').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst();
  return r && toCompanyProfileRecord(r);
}

/** Writes the whole profile (insert or replace); `confirmed` marks it looked at and saved by a person. */
export async function saveCompanyProfile(
  db: Db,
  workspaceId: string,
  v: CompanyProfileValues,
  at: Date,
  confirmed: boolean,
): Promise<CompanyProfileRecord> {
  const values = {
    company_name: v.companyName,
    logo_url: v.logoUrl,
    brand_colour: v.brandColour,
    sender_name: v.senderName,
    sender_address: v.senderAddress,
    reply_to: v.replyTo,
    signature: v.signature,
    default_locale: v.defaultLocale,
    time_zone: v.timeZone,
    powered_by: v.poweredBy,
    updated_at: at,
    ...(confirmed ? { confirmed_at: at } : {}),
  };
  const r = await db
    .insertInto('company_profiles')
    .values({ workspace_id: workspaceId, ...values })
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet(values))
    .returningAll()
    .executeTakeFirstOrThrow();
  return toCompanyProfileRecord(r);
}
