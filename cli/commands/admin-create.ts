// kept admin create: the first staff account (creates the workspace when it is missing).
import { passwordSchema } from '../../contract/auth.ts';
import { z } from 'zod';
import { companyProfileProblems } from '../../contract/company-profile.ts';
import { changeCompanyProfile } from '../../server/domain/core/company-profile.ts';
import { createUser, ensureWorkspace } from '../../server/domain/core/staff.ts';
import { systemClock } from '../../server/domain/core/clock.ts';
import { parseFlags, required, UsageError, withDatabase, type CommandRun } from '../context.ts';

export const adminCreate: CommandRun = async (argv, io) => {
  const { values } = parseFlags(argv, {
    email: { type: 'string' },
    password: { type: 'string' },
    name: { type: 'string' },
    company: { type: 'string' },
    workspace: { type: 'string', default: 'default' },
  });
  const email = required(values.email, '--email');
  if (!z.email().safeParse(email).success) throw new UsageError(`--email: "${email}" is not an e-mail address`);
  const pw = passwordSchema.safeParse(required(values.password, '--password'));
  if (!pw.success) throw new UsageError(`--password ${pw.error.issues[0]!.message}`);
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(values.workspace!))
    throw new UsageError('--workspace must be lowercase letters, digits and dashes');
  const company = values.company?.trim();
  if (values.company !== undefined) {
    const problems = companyProfileProblems({ companyName: values.company });
    if (problems.length) throw new UsageError(`--company ${problems[0]!.message}`);
  }
  const user = await withDatabase(io, async ({ db }) => {
    const ws = await ensureWorkspace(db, values.workspace, company);
    // The company customers meet: named here, so mail and pages speak as it from the first message.
    if (company) await changeCompanyProfile(db, systemClock, ws.id, { companyName: company });
    return createUser(db, systemClock, ws.id, { email, password: pw.data, name: values.name ?? email.split('@')[0]!, role: 'admin' });
  });
  io.out(
    `Created admin ${user.email} in workspace "${values.workspace}"${company ? ` for ${company}` : ''}. Sign in at the web app` +
      (company ? '.' : ' and complete the company profile customers will meet.'),
  );
  return 0;
};
