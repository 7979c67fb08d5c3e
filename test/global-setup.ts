// Starts one PostgreSQL for the whole test run and builds a migrated template database;
// each test file then copies the template (CREATE DATABASE ... TEMPLATE), which is fast.
// KEPT_TEST_DATABASE_URL points the run at an existing server instead (CI's PostgreSQL 15).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { openDatabase } from '../server/storage/database.ts';
import { startEmbedded } from '../server/storage/embedded.ts';
import { migrate } from '../server/storage/migrate.ts';

export const templateName = 'kept_test_template';

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  let adminUrl = process.env.KEPT_TEST_DATABASE_URL;
  let stop = async () => {};
  if (!adminUrl) {
    const dir = await mkdtemp(join(tmpdir(), 'kept-test-'));
    const e = await startEmbedded({ dataDir: dir });
    adminUrl = e.url;
    stop = async () => {
      await e.stop();
      await rm(dir, { recursive: true, force: true });
    };
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${templateName} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${templateName}`);
  await admin.end();
  const templateUrl = withDatabaseName(adminUrl, templateName);
  const { db } = openDatabase({ url: templateUrl, poolSize: 1 });
  await migrate(db, templateUrl);
  await db.destroy();
  project.provide('adminDatabaseUrl', adminUrl);
  return stop;
}

export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = '/' + name;
  return u.toString();
}
