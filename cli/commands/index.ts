// Every CLI command; `kept --help` lists them in this order.
import type { Command } from '../context.ts';
import { adminCreate } from './admin-create.ts';
import { backup, restore } from './backup.ts';
import { customerErase, customerExport } from './customer.ts';
import { demo } from './demo.ts';
import { exportCommand } from './export.ts';
import { importCustomersCommand } from './import-customers.ts';
import { importEvents } from './import-events.ts';
import { importResponsesCommand } from './import-responses.ts';
import { migrate } from './migrate.ts';
import { openapi } from './openapi.ts';
import { rollupsRebuild } from './rollups-rebuild.ts';
import { start } from './start.ts';
import { tokenCreate } from './token-create.ts';
import { userCreate, userDeactivate, userList } from './user.ts';

export const commands: Command[] = [
  start,
  migrate,
  adminCreate,
  userList,
  userCreate,
  userDeactivate,
  tokenCreate,
  importEvents,
  importResponsesCommand,
  importCustomersCommand,
  exportCommand,
  demo,
  rollupsRebuild,
  customerExport,
  customerErase,
  backup,
  restore,
  openapi,
];
