// The webhook sender's schedule: a pass over due deliveries every second (the delivery itself:
// domain/webhooks/delivery.ts), the next one a second after the last ended.
import { drainDueWebhooks, type WebhookSendDeps } from '../domain/webhooks/delivery.ts';

export function startWebhookJobs(deps: WebhookSendDeps, everyMs = 1000): () => Promise<void> {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    running = drainDueWebhooks(deps)
      .then((r) => {
        if (r.retrying + r.failed > 0) deps.log.info(r, 'webhook sender');
      })
      .catch((err) => deps.log.warn({ err }, 'webhook sender failed; will retry'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, everyMs);
      });
  };
  timer = setTimeout(tick, everyMs);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
