// The database handle's type, for the layers that must not import storage (http, jobs, cli),
// and the health check's ping.
export type { Db } from '../../storage/database.ts';
export { openPool, ping } from '../../storage/database.ts';
