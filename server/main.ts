// Composition root: config -> database -> services -> http + jobs. The CLI's `start` calls
// startKept(); tests and benchmarks call it too, with their own config.
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { systemClock, type Clock } from './domain/core/clock.ts';
import { createEventIntake } from './domain/core/event-intake.ts';
import { createSettingsCache } from './domain/signals/signal-settings.ts';
import { createPublicLimits } from './http/public-limits.ts';
import { createTokenCache } from './domain/core/token-cache.ts';
import { createApp } from './http/app.ts';
import { createMetrics } from './http/metrics.ts';
import { connectMigrated, type MigratedDatabase } from './storage/connect.ts';
import { createLogger } from './log.ts';
import { startSessionSweep } from './jobs/sweep-sessions.ts';
import { startTextAnalysis } from './jobs/text-analysis.ts';
import { startWeeklyDigest } from './jobs/weekly-digest.ts';
import { startWaitingCaseSweep } from './jobs/close-waiting-cases.ts';
import { startRollupFold } from './jobs/fold-rollups.ts';
import { startRetention } from './jobs/retention.ts';
import { startCaseClocks } from './jobs/case-clocks.ts';
import { startSignalJobs } from './jobs/signals.ts';
import { startWebhookJobs } from './jobs/send-webhooks.ts';
import { createMailTransport } from './adapters/smtp.ts';
import { createWebhookHttpClient } from './adapters/webhook-http.ts';
import { createOutboundGuard } from './adapters/outbound-http.ts';

export const webRoot = fileURLToPath(new URL('../web/dist/', import.meta.url));

export interface RunningKept {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  log?: Logger;
  /**
   * The database, connected and migrated, when the caller began opening it: kept start does while
   * this module loads, so PostgreSQL's start and the migrations' round trips overlap the compiling.
   */
  database?: Promise<MigratedDatabase>;
}

export async function startKept(config: Config, opts: StartOptions = {}): Promise<RunningKept> {
  const log = opts.log ?? createLogger(config);
  const clock = opts.clock ?? systemClock;
  const database = await (opts.database ?? connectMigrated(config, log));
  if (database.applied.length) log.info({ applied: database.applied }, 'migrations applied');
  const metrics = createMetrics({ processMetrics: true });
  const outbound = createOutboundGuard(config.outboundAllow);
  const services = {
    db: database.db,
    clock,
    config,
    log,
    metrics,
    intake: createEventIntake(database.db, clock),
    tokens: createTokenCache(database.db, clock),
    settings: createSettingsCache(database.db, clock),
    publicLimits: createPublicLimits({ perAddressPerMinute: config.publicRateLimit }),
    outbound,
    webRoot,
  };
  const app = createApp(services);
  if (!existsSync(webRoot + 'index.html')) log.warn('web/dist is missing: run `npm run build:web` to serve the staff web app');
  const stopSweep = startSessionSweep(database.db, clock, log);
  const stopRetention = config.jobs ? startRetention(database.db, clock, log) : () => {};
  const stopTextAnalysis = config.jobs ? startTextAnalysis(database.db, clock, log) : async () => {};
  const stopDigest = config.jobs ? startWeeklyDigest(database.db, clock, config.publicUrl, log) : async () => {};
  const stopWaitingCases = config.jobs ? startWaitingCaseSweep(database.db, clock, log) : async () => {};
  const stopRollupFold = config.jobs ? startRollupFold(database.db, log) : async () => {};
  const stopSignals = config.jobs
    ? startSignalJobs({
        db: database.db,
        clock,
        settings: services.settings,
        publicUrl: config.publicUrl,
        log,
        transport: createMailTransport(config, log),
        mailFrom: config.mailFrom,
      })
    : async () => {};
  const stopWebhooks = config.jobs
    ? startWebhookJobs({ db: database.db, clock, log, client: createWebhookHttpClient({ outbound }) })
    : async () => {};
  // The job runner's start (its pool's connections, its checks: ~100 ms) and the listening socket
  // at once. A request before the runner runs is served as any other: the jobs it queues are rows,
  // taken once the runner polls.
  const [caseClocks, server] = await Promise.all([
    config.jobs
      ? startCaseClocks({ db: database.db, clock, url: database.url, log, settings: services.settings, publicUrl: config.publicUrl })
      : undefined,
    new Promise<ServerType>((resolveServer, reject) => {
      const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolveServer(s));
      s.once('error', reject);
    }),
  ]);
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  log.info({ url, database: database.embedded ? 'embedded' : 'server' }, 'Kept is ready');
  let stopping: Promise<void> | undefined;
  return {
    url,
    port,
    stop: () =>
      (stopping ??= (async () => {
        stopSweep();
        stopRetention();
        await stopTextAnalysis();
        await stopDigest();
        await stopWaitingCases();
        await stopRollupFold();
        await stopSignals();
        await stopWebhooks();
        await caseClocks?.stop();
        await new Promise<void>((r) => {
          server.close(() => r());
          (server as import('node:http').Server).closeIdleConnections?.();
        });
        await database.close();
        log.info('Kept stopped');
      })()),
  };
}
