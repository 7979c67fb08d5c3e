// kept openapi: write the OpenAPI document (for linting and client generators) without a server.
import { writeFile } from 'node:fs/promises';
import { buildOpenApi } from '../../server/http/openapi.ts';
import { apiRoutes } from '../../server/http/routes/index.ts';
import { parseFlags, type CommandRun } from '../context.ts';

export const openapi: CommandRun = async (argv, io) => {
  const { values } = parseFlags(argv, { out: { type: 'string' } });
  const doc = JSON.stringify(buildOpenApi(apiRoutes(), '0.1.0'), null, 2);
  if (values.out) await writeFile(values.out, doc + '\n');
  else io.out(doc);
  return 0;
};
