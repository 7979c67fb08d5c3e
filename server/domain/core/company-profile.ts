// The company profile: who customers meet instead of Kept. Every customer surface (mail, the
// answer, unsubscribe and case pages, the complaint form, the widget) reads it here. A workspace
// without a saved profile speaks with one named after the workspace (never "Kept"), marked
// unconfirmed so the web app asks an admin to complete it.
import {
  companyProfileProblems,
  normaliseColour,
  type CompanyProfile,
  type CompanyProfileInput,
} from '../../../contract/company-profile.ts';
import { findCompanyProfile, saveCompanyProfile, type CompanyProfileRecord } from '../../storage/company-profiles.ts';
import type { Db } from '../../storage/database.ts';
import { findWorkspace } from '../../storage/staff.ts';
import type { Clock } from './clock.ts';
import { KeptError, notFound } from './errors.ts';

/** The values a profile starts with; the name comes from the workspace. */
export const profileDefaults = { defaultLocale: 'en', timeZone: 'UTC', poweredBy: false } as const;

/** The name Kept ships for a workspace nobody named; a customer must never read it as the company's. */
const productName = 'Kept';

/** A readable company name from a workspace: its name, else its slug in words ("north-wind" -> "North Wind"). */
export function nameFromWorkspace(w: { name: string; slug: string }): string {
  const name = w.name.trim();
  if (name && name !== productName) return name;
  return w.slug.replace(/[-_]+/g, ' ').replace(/\b\p{L}/gu, (ch) => ch.toUpperCase());
}

export type CompanyVoice = Omit<CompanyProfileRecord, 'updatedAt' | 'confirmedAt'> & { confirmed: boolean; updatedAt: Date | null };

/** The profile customers meet for a workspace (saved, or its defaults). */
export async function companyVoice(db: Db, workspaceId: string): Promise<CompanyVoice> {
  const r = await findCompanyProfile(db, workspaceId);
  return voiceOf(workspaceId, r, r ? undefined : await findWorkspace(db, workspaceId));
}

/** companyVoice from rows read already: the saved profile, else the workspace's name and slug. */
export function voiceOf(
  workspaceId: string,
  r: CompanyProfileRecord | undefined,
  w: { name: string; slug: string } | undefined,
): CompanyVoice {
  if (r) return { ...r, confirmed: r.confirmedAt !== null, updatedAt: r.updatedAt };
  if (!w) throw notFound('The workspace');
  return {
    workspaceId,
    companyName: nameFromWorkspace(w),
    logoUrl: null,
    brandColour: null,
    senderName: null,
    senderAddress: null,
    replyTo: null,
    signature: null,
    ...profileDefaults,
    confirmed: false,
    updatedAt: null,
  };
}

export const presentProfile = (v: CompanyVoice): CompanyProfile => ({
  companyName: v.companyName,
  logoUrl: v.logoUrl,
  brandColour: v.brandColour,
  senderName: v.senderName,
  senderAddress: v.senderAddress,
  replyTo: v.replyTo,
  signature: v.signature,
  defaultLocale: v.defaultLocale,
  timeZone: v.timeZone,
  poweredBy: v.poweredBy,
  confirmed: v.confirmed,
  updatedAt: v.updatedAt?.toISOString() ?? null,
});

export async function getCompanyProfile(db: Db, workspaceId: string): Promise<CompanyProfile> {
  return presentProfile(await companyVoice(db, workspaceId));
}

const blankToNull = (s: string | null | undefined, keep: string | null): string | null =>
  s === undefined ? keep : s === null || !s.trim() ? null : s.trim();

/**
 * Changes the profile: the fields given, null clearing an optional one. Every bad value is named
 * (`details.problems[].reason`: invalid_logo_url, invalid_colour, invalid_time_zone, ...) and
 * nothing is stored. Saving confirms the profile unless `confirm` is false (setup by the CLI
 * without a person looking at it still confirms: the admin named the company).
 */
export async function changeCompanyProfile(
  db: Db,
  clock: Clock,
  workspaceId: string,
  input: CompanyProfileInput,
  confirm = true,
): Promise<CompanyProfile> {
  const problems = companyProfileProblems(input);
  if (problems.length) {
    const reasons = problems.map((p) => p.reason);
    throw new KeptError(
      'invalid_input',
      `The company profile was not changed: ${problems.map((p) => `${p.path[0]} ${p.message}`).join('; ')}`,
      {
        reason: reasons[0],
        problems,
      },
    );
  }
  const now = clock.now();
  return db.transaction().execute(async (tx) => {
    const was = await companyVoice(tx, workspaceId);
    const colour = input.brandColour === undefined ? was.brandColour : input.brandColour ? normaliseColour(input.brandColour)! : null;
    const saved = await saveCompanyProfile(
      tx,
      workspaceId,
      {
        companyName: input.companyName?.trim() || was.companyName,
        logoUrl: blankToNull(input.logoUrl, was.logoUrl),
        brandColour: colour,
        senderName: blankToNull(input.senderName, was.senderName),
        senderAddress: blankToNull(input.senderAddress, was.senderAddress),
        replyTo: blankToNull(input.replyTo, was.replyTo),
        signature: input.signature === undefined ? was.signature : input.signature?.trim() ? input.signature.trim() : null,
        defaultLocale: input.defaultLocale?.trim() || was.defaultLocale,
        timeZone: input.timeZone?.trim() || was.timeZone,
        poweredBy: input.poweredBy ?? was.poweredBy,
      },
      now,
      confirm,
    );
    return presentProfile({ ...saved, confirmed: saved.confirmedAt !== null, updatedAt: saved.updatedAt });
  });
}

/** A display name safe in a From header: quoted, with quotes and backslashes escaped, on one line. */
const quoted = (name: string) => `"${name.replace(/[\r\n]+/g, ' ').replace(/(["\\])/g, '\\$1')}"`;

/** The address part of a From value (`Kept <kept@localhost>` gives kept@localhost). */
export const addressOf = (from: string) => /<([^>]+)>\s*$/.exec(from)?.[1] ?? from.trim();

/**
 * Who a workspace's mail comes from: the sender name (else the company name) at the sender address
 * (else the server's KEPT_MAIL_FROM address), and where replies go.
 */
export function senderOf(v: CompanyVoice, serverFrom: string): { from: string; replyTo: string | null } {
  return { from: `${quoted(v.senderName ?? v.companyName)} <${v.senderAddress ?? addressOf(serverFrom)}>`, replyTo: v.replyTo };
}
