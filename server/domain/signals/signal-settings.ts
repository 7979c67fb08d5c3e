// Per-workspace signal settings: the contact rule, reminders, link expiry and the secrets that
// sign customer links and widget identities. Secrets are made on first use and never leave
// the server except the widget secret, which admins copy into their site's backend.
import { randomBytes } from 'node:crypto';
import type { Db } from '../../storage/database.ts';
import { readSignalSettings, updateSignalSettings, type SignalSettingsRecord } from '../../storage/signal-settings.ts';
import type { Clock } from '../core/clock.ts';
import { KeptError } from '../core/errors.ts';
import { defaultSignalSettings } from './thresholds.ts';

export type SignalSettings = SignalSettingsRecord;

const newWidgetSecret = () => randomBytes(32).toString('base64url');
const fresh = (): SignalSettings => ({ ...defaultSignalSettings, linkSecret: randomBytes(32), widgetSecret: newWidgetSecret() });

/** Settings are read on every public request, so they are remembered briefly (changes show within ttlMs). */
export function createSettingsCache(db: Db, clock: Clock, ttlMs = 5000) {
  const cache = new Map<string, { at: number; value: Promise<SignalSettings> }>();
  return {
    get(workspaceId: string): Promise<SignalSettings> {
      const now = clock.now().getTime();
      const hit = cache.get(workspaceId);
      if (hit && now - hit.at < ttlMs) return hit.value;
      if (cache.size > 10_000) cache.clear();
      const value = readSignalSettings(db, workspaceId, fresh, clock.now()).then((s) => {
        if (!s) throw new KeptError('not_found', 'The workspace was not found');
        return s;
      });
      value.catch(() => cache.delete(workspaceId));
      cache.set(workspaceId, { at: now, value });
      return value;
    },
    forget(workspaceId: string) {
      cache.delete(workspaceId);
    },
  };
}
export type SettingsCache = ReturnType<typeof createSettingsCache>;

/** What the signal use cases work with: the database, the clock, the settings and the public base URL. */
export interface SignalDeps {
  db: Db;
  clock: Clock;
  settings: SettingsCache;
  /** Base of customer links, e.g. https://kept.example.com */
  publicUrl: string;
}

export async function changeSignalSettings(
  db: Db,
  clock: Clock,
  settings: SettingsCache,
  workspaceId: string,
  patch: { contactDays?: number; reminderDays?: number; expiryDays?: number },
): Promise<SignalSettings> {
  await settings.get(workspaceId); // make sure the row exists
  await updateSignalSettings(db, workspaceId, patch, clock.now());
  settings.forget(workspaceId);
  return settings.get(workspaceId);
}

export async function rotateWidgetSecret(db: Db, clock: Clock, settings: SettingsCache, workspaceId: string): Promise<SignalSettings> {
  await settings.get(workspaceId);
  await updateSignalSettings(db, workspaceId, { widgetSecret: newWidgetSecret() }, clock.now());
  settings.forget(workspaceId);
  return settings.get(workspaceId);
}
