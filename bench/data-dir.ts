// The bench's own data directory (bench/.data/kept), kept in step with the migrations: they are
// still edited in place before a release, so data made with other ones is stale and starts over.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const dataDir = fileURLToPath(new URL('./.data/kept', import.meta.url));
const schemaFile = fileURLToPath(new URL('./.data/kept-schema.sha256', import.meta.url));
const migrationsDir = fileURLToPath(new URL('../server/storage/migrations/', import.meta.url));

/** Empties the data directory when the migrations changed since its data was made. */
export async function prepareDataDir(log: (s: string) => void): Promise<void> {
  const hash = createHash('sha256');
  for (const f of (await readdir(migrationsDir)).sort()) hash.update(f).update(await readFile(migrationsDir + f));
  const schema = hash.digest('hex');
  if (existsSync(dataDir) && (!existsSync(schemaFile) || (await readFile(schemaFile, 'utf8')) !== schema)) {
    log('the migrations changed since the bench data was made: starting from an empty data directory');
    await rm(dataDir, { recursive: true, force: true });
  }
  await mkdir(dataDir, { recursive: true });
  await writeFile(schemaFile, schema);
}
