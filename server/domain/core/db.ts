// The database handle as the layers above the domain name it (http, jobs): they take a Db and hand
// it to domain functions, and never reach storage themselves.
export type { Db } from '../../storage/database.ts';
