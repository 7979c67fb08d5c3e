// Test factories: build what a test needs in a real database, the way the product would.
import pino, { type Logger } from 'pino';
import type { Role } from '../contract/common.ts';
import { loadConfig, type Config } from '../server/config.ts';
import { systemClock, type Clock } from '../server/domain/core/clock.ts';
import { uuidv7 } from '../server/lib/ids.ts';
import { createToken, createUser, ensureWorkspace } from '../server/domain/core/staff.ts';
import { createEventIntake } from '../server/domain/core/event-intake.ts';
import { createSettingsCache } from '../server/domain/signals/signal-settings.ts';
import { createPublicLimits } from '../server/http/public-limits.ts';
import { createTokenCache } from '../server/domain/core/token-cache.ts';
import { createApp } from '../server/http/app.ts';
import { createOutboundGuard, type OutboundGuard } from '../server/adapters/outbound-http.ts';
import { createMetrics } from '../server/http/metrics.ts';
import type { Db } from '../server/storage/database.ts';
import { resolveCustomers } from '../server/storage/customers.ts';
import { reportOops, type OopsReport } from '../server/domain/recovery/cases.ts';

export const testConfig: Config = loadConfig({ KEPT_LOG_LEVEL: 'silent' });

export async function buildWorkspace(db: Db, slug = `ws-${uuidv7().slice(-8)}`) {
  return ensureWorkspace(db, slug, `Workspace ${slug}`);
}

export async function buildUser(db: Db, workspaceId: string, opts: { role?: Role; email?: string; password?: string } = {}) {
  const password = opts.password ?? 'a long enough password';
  const user = await createUser(db, systemClock, workspaceId, {
    email: opts.email ?? `user-${uuidv7().slice(-8)}@example.com`,
    name: 'Test User',
    role: opts.role ?? 'agent',
    password,
  });
  return { ...user, password };
}

export async function buildToken(db: Db, workspaceId: string, role: Role = 'agent'): Promise<string> {
  return (await createToken(db, systemClock, workspaceId, { name: 'test', role })).secret;
}

/** The services an app is built from, as a test wants them (silent log, no rate limits to speak of). */
export function servicesOf(
  db: Db,
  opts: { clock?: Clock; config?: Partial<Config>; webRoot?: string; outbound?: OutboundGuard; log?: Logger } = {},
) {
  const config = { ...testConfig, ...opts.config };
  return {
    db,
    clock: opts.clock ?? systemClock,
    config,
    log: opts.log ?? pino({ level: 'silent' }),
    metrics: createMetrics(),
    intake: createEventIntake(db, opts.clock ?? systemClock),
    tokens: createTokenCache(db, opts.clock ?? systemClock),
    settings: createSettingsCache(db, opts.clock ?? systemClock),
    publicLimits: createPublicLimits({ perAddressPerMinute: opts.config?.publicRateLimit ?? 100_000 }),
    webRoot: opts.webRoot,
    outbound: opts.outbound ?? createOutboundGuard(config.outboundAllow),
  };
}

export function buildApp(db: Db, opts: Parameters<typeof servicesOf>[1] = {}) {
  return createApp(servicesOf(db, opts));
}

export type TestApp = ReturnType<typeof buildApp>;

/** Calls the app with JSON and a bearer token; answers status and parsed body. */
export async function call(
  app: TestApp,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
  }
  const res = await app.request(path, { method, headers, body });
  const text = await res.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, body: json, text, headers: res.headers };
}

export function event(over: Record<string, unknown> = {}) {
  return {
    type: 'order.delivered',
    customer: { externalId: 'cust-1', email: 'ann@example.com', name: 'Ann' },
    occurredAt: '2026-01-10T12:00:00.000Z',
    source: 'logistics',
    data: { order: 'A-1' },
    ...over,
  };
}

/** A customer, in the given workspace or in a new one. */
export async function buildCustomer(db: Db, over: { workspaceId?: string; externalId?: string; email?: string; name?: string } = {}) {
  const workspaceId = over.workspaceId ?? (await buildWorkspace(db)).id;
  const externalId = over.externalId ?? `c-${uuidv7().slice(-12)}`;
  const [customerId] = await resolveCustomers(db, workspaceId, [{ externalId, email: over.email, name: over.name }], new Date());
  return { workspaceId, customerId: customerId!, externalId };
}

/**
 * A recovery case, reported the way the product reports one; what is not given is made: the
 * workspace, the customer, the oops an hour ago. Answers the ids a test goes on with.
 */
export async function buildCase(db: Db, over: Partial<OopsReport> & { workspaceId?: string; externalId?: string; clock?: Clock } = {}) {
  const { workspaceId: ws, externalId, clock = systemClock, ...report } = over;
  const customer = report.customerId
    ? { workspaceId: ws!, customerId: report.customerId }
    : await buildCustomer(db, { workspaceId: ws, externalId });
  const r = await reportOops({ db, clock }, customer.workspaceId, {
    kind: 'manual',
    occurredAt: new Date(clock.now().getTime() - 3_600_000),
    summary: 'Test oops: the parcel arrived late',
    ...report,
    customerId: customer.customerId,
  });
  return { workspaceId: customer.workspaceId, customerId: customer.customerId, caseId: r.caseId, joined: r.joined };
}

/** The items in an order of the seed's own: the same order for the same seed, another for another. */
export function seededOrder<T>(items: T[], seed: number): T[] {
  const rank = (i: number) => (i * 7919 + seed * 104729) % 1009;
  return items
    .map((item, i) => [rank(i), i, item] as const)
    .sort(([ra, ia], [rb, ib]) => ra - rb || ia - ib)
    .map(([, , item]) => item);
}

/** The messages of the work that failed, once all of it has settled (none: all of it succeeded). */
export async function failuresOf(work: Promise<unknown>[]): Promise<string[]> {
  return (await Promise.allSettled(work)).flatMap((r) =>
    r.status === 'rejected' ? [String((r.reason as Error)?.message ?? r.reason)] : [],
  );
}
