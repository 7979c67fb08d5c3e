// The role matrix: who may call each operation, from the same route declarations that enforce
// it. docs/roles.md holds this table (a test keeps the two equal).
import type { RouteDef } from './route.ts';

const who: Record<RouteDef['access'], string> = {
  public: 'anyone (no credentials)',
  session: 'a signed-in person, any role',
  agent: 'agent, manager, admin',
  manager: 'manager, admin',
  admin: 'admin',
};

export function roleMatrix(routes: RouteDef[]): string {
  const rows = routes.map((r) => `| \`${r.method.toUpperCase()} ${r.path}\` | ${r.access} | ${who[r.access]} |`);
  return ['| operation | least role | who may call it |', '| --- | --- | --- |', ...rows].join('\n');
}
