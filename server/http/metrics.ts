// Prometheus metrics, one registry per app so tests can build many apps side by side.
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export function createMetrics(opts: { processMetrics?: boolean } = {}) {
  const registry = new Registry();
  if (opts.processMetrics) collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'kept_http_request_duration_seconds',
      help: 'Time to answer HTTP requests, by route and status',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    eventsStored: new Counter({
      name: 'kept_events_stored_total',
      help: 'Timeline events stored (duplicates by idempotency key excluded)',
      registers: [registry],
    }),
    eventsDuplicate: new Counter({
      name: 'kept_events_duplicate_total',
      help: 'Events refused as repeats of an idempotency key already stored',
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
