// The only module that reads process.env. Configuration is parsed once, every problem is
// reported together, and the result is frozen. Everything else receives a Config value,
// so tests and the CLI can build one without touching the environment.
import { resolve } from 'node:path';
import { z } from 'zod';
import { parseAllowList, type AllowList } from './lib/outbound-address.ts';
import { parseTrustProxy, type TrustProxy } from './lib/trusted-proxies.ts';

/** A text that `parse` accepts, its error as the problem. */
const parsedBy = (parse: (text: string) => unknown) =>
  z.string().superRefine((text, ctx) => {
    try {
      parse(text);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message });
    }
  });

const boolean = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const port = z.coerce.number().int().min(0).max(65535);

/** One row per variable: it feeds the parser and the README's configuration table. */
export const configVariables = {
  PORT: { schema: port.default(4180), doc: 'HTTP port for the web app, API, /healthz and /metrics.' },
  HOST: {
    schema: z.string().min(1).default('127.0.0.1'),
    doc: 'Address to listen on. Use 0.0.0.0 to accept connections from other machines.',
  },
  DATABASE_URL: {
    schema: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
    doc: 'PostgreSQL 15+ server to use. When unset, Kept starts its own embedded PostgreSQL.',
  },
  KEPT_DATA_DIR: {
    schema: z.string().min(1).default('./data'),
    doc: 'Where the embedded PostgreSQL keeps its files (used only without DATABASE_URL).',
  },
  KEPT_DB_POOL_SIZE: {
    schema: z.coerce.number().int().min(1).max(500).default(20),
    doc: "Connections in the database pool of one app instance; up to 4 more run the event intake's prepared statement.",
  },
  KEPT_HEAP_GROWTH_PERCENT: {
    schema: z.coerce.number().int().min(0).max(300).default(100),
    doc: "How far `kept start`'s JavaScript heap may grow past its live data before a full garbage collection: 100 lets it reach twice the live data. 0 leaves it to V8, which allows up to four times: more memory, and no throughput gained in the bench.",
  },
  KEPT_LOG_LEVEL: {
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    doc: 'Log level of the JSON logs on stdout.',
  },
  KEPT_SESSION_HOURS: {
    schema: z.coerce
      .number()
      .positive()
      .max(24 * 90)
      .default(12),
    doc: 'How long a staff session lasts without use.',
  },
  KEPT_SECURE_COOKIES: { schema: boolean.default(false), doc: 'Mark session cookies Secure. Turn on when Kept is served over HTTPS.' },
  KEPT_PUBLIC_URL: {
    schema: z.url({ protocol: /^https?$/ }).optional(),
    doc: 'The address customers reach Kept at, used in survey links and e-mails. Defaults to http://HOST:PORT.',
  },
  KEPT_SMTP_URL: {
    schema: z
      .string()
      .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
      .optional(),
    doc: 'SMTP server for outgoing mail, e.g. smtp://user:pass@mail.example.com:587. When unset, mail is kept in the mail preview of the web app.',
  },
  KEPT_MAIL_FROM: {
    schema: z.string().min(3).default('Kept <kept@localhost>'),
    doc: 'The From address of outgoing mail.',
  },
  KEPT_JOBS: {
    schema: boolean.default(true),
    doc: 'Run the background jobs (survey sending, reminders, mail) in this instance.',
  },
  KEPT_PUBLIC_RATE_LIMIT: {
    schema: z.coerce.number().int().min(1).default(300),
    doc: 'Requests per minute one address may make to the public survey and widget endpoints.',
  },
  KEPT_TRUST_PROXY: {
    schema: parsedBy(parseTrustProxy).default('false'),
    doc: 'Proxies in front of Kept whose X-Forwarded-For entries count: `false`, a number of hops (`true` is 1), or their addresses and CIDR networks, e.g. `10.0.0.0/8,172.16.0.1`. The client is the right-most entry no trusted proxy wrote.',
  },
  KEPT_OUTBOUND_ALLOW: {
    schema: parsedBy(parseAllowList).optional(),
    doc: 'Hosts, addresses and CIDR networks webhooks may reach although they are private or loopback, e.g. `receiver.internal,10.1.0.0/16`. Everything else private, loopback, link-local or multicast is refused.',
  },
} as const;

type Vars = typeof configVariables;

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly dbPoolSize: number;
  /** V8's heap growing factor for the server, in percent over the live heap; 0 is V8's own. */
  readonly heapGrowthPercent: number;
  readonly logLevel: z.infer<Vars['KEPT_LOG_LEVEL']['schema']>;
  readonly sessionHours: number;
  readonly secureCookies: boolean;
  readonly trustProxy: TrustProxy;
  /** Base of links given to customers, without a trailing slash. */
  readonly publicUrl: string;
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  readonly jobs: boolean;
  readonly publicRateLimit: number;
  /** Private hosts and networks outbound requests may reach anyway (KEPT_OUTBOUND_ALLOW). */
  readonly outboundAllow: AllowList;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** `overrides` win over `env` (the CLI's --port, say). */
export function loadConfig(env: Record<string, string | undefined> = process.env, overrides: Record<string, string> = {}): Config {
  env = { ...env, ...overrides };
  const shape = Object.fromEntries(Object.entries(configVariables).map(([k, v]) => [k, v.schema]));
  const input = Object.fromEntries(Object.keys(configVariables).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const parsed = z.object(shape).safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const v = parsed.data as { [K in keyof Vars]: z.infer<Vars[K]['schema']> };
  return Object.freeze({
    port: v.PORT,
    host: v.HOST,
    databaseUrl: v.DATABASE_URL,
    dataDir: resolve(v.KEPT_DATA_DIR),
    dbPoolSize: v.KEPT_DB_POOL_SIZE,
    heapGrowthPercent: v.KEPT_HEAP_GROWTH_PERCENT,
    logLevel: v.KEPT_LOG_LEVEL,
    sessionHours: v.KEPT_SESSION_HOURS,
    secureCookies: v.KEPT_SECURE_COOKIES,
    trustProxy: parseTrustProxy(v.KEPT_TRUST_PROXY),
    publicUrl: (v.KEPT_PUBLIC_URL ?? `http://${v.HOST.includes(':') ? `[${v.HOST}]` : v.HOST}:${v.PORT}`).replace(/\/+$/, ''),
    smtpUrl: v.KEPT_SMTP_URL,
    mailFrom: v.KEPT_MAIL_FROM,
    jobs: v.KEPT_JOBS,
    publicRateLimit: v.KEPT_PUBLIC_RATE_LIMIT,
    outboundAllow: parseAllowList(v.KEPT_OUTBOUND_ALLOW),
  });
}
