// Kept's log: JSON lines on stdout (pino), at the configured level, with secrets redacted.
import pino, { type Logger } from 'pino';
import type { Config } from './config.ts';
import { redactedLogPaths } from './http/log-redact.ts';

export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, base: { service: 'kept' }, redact: { paths: redactedLogPaths, censor: '[redacted]' } });
}
