// Expired staff sessions are refused on use already (staff.ts); deleting them only keeps the table
// small. jobs/sweep-sessions.ts runs this once an hour.
import { deleteExpiredSessions } from '../../storage/staff.ts';
import type { Clock } from './clock.ts';
import type { Db } from './db.ts';

/** Deletes the sessions that expired before now; answers how many. */
export const sweepExpiredSessions = (db: Db, clock: Clock): Promise<number> => deleteExpiredSessions(db, clock.now());
