// kept admin create: the first staff account (creates the workspace when it is missing).
import { passwordSchema } from '../../contract/auth.ts';
import { z } from 'zod';
import { createUser, ensureWorkspace } from '../../server/domain/core/staff.ts';
import { systemClock } from '../../server/domain/core/clock.ts';
import { parseFlags, required, UsageError, withDatabase, type Command } from '../context.ts';

export const adminCreate: Command = {
  name: 'admin create',
  summary: 'Create an admin who can sign in to the web app',
  usage: 'kept admin create --email EMAIL --password PASSWORD [--name NAME] [--workspace SLUG]',
  async run(argv, io) {
    const { values } = parseFlags(argv, {
      email: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
      workspace: { type: 'string', default: 'default' },
    });
    const email = required(values.email, '--email');
    if (!z.email().safeParse(email).success) throw new UsageError(`--email: "${email}" is not an e-mail address`);
    const pw = passwordSchema.safeParse(required(values.password, '--password'));
    if (!pw.success) throw new UsageError(`--password ${pw.error.issues[0]!.message}`);
    if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(values.workspace!))
      throw new UsageError('--workspace must be lowercase letters, digits and dashes');
    const user = await withDatabase(io, async ({ db }) => {
      const ws = await ensureWorkspace(db, values.workspace);
      return createUser(db, systemClock, ws.id, { email, password: pw.data, name: values.name ?? email.split('@')[0]!, role: 'admin' });
    });
    io.out(`Created admin ${user.email} in workspace "${values.workspace}". Sign in at the web app.`);
    return 0;
  },
};
