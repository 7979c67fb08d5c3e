// What the outbox pages share: a message's status in words, where a rule and a timeline event
// live in the app, and the number of held messages the navigation shows.
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { api } from '../../shared/api.ts';
import { useLoad } from '../../shared/hooks.ts';
import type { GuardRuleRecord, OutboxMessage, Page } from '../../shared/types.ts';

export type MessageStatus = OutboxMessage['status'];

export const statusText: Record<MessageStatus, string> = { passed: 'Passed', held: 'Held', released: 'Released', cancelled: 'Cancelled' };
export const statusHint: Record<MessageStatus, string> = {
  passed: 'No rule held it: handed to the mail sender',
  held: 'Waiting for a person to release or cancel it',
  released: 'Held, then sent by a person',
  cancelled: 'Never sent',
};
export const statusDot: Record<MessageStatus, string> = { passed: 'sent', held: 'queued', released: 'preview', cancelled: 'failed' };

export const ruleHref = (id: string) => `/settings/guard-rules/${encodeURIComponent(id)}`;
/** The customer's timeline, scrolled to one event. */
export const eventHref = (customerId: string, eventId: string) =>
  `/customers/${encodeURIComponent(customerId)}?event=${encodeURIComponent(eventId)}`;
export const messageHref = (id: string) => `/outbox/${encodeURIComponent(id)}`;

/**
 * `Held by “…”: … (event 0196…).` split around its event reference, so the reference can be a
 * link: the given event, or else the first "(event <id>)" in the text.
 */
export function splitAtEvent(text: string, eventId: string | null): { before: string; after: string; eventId: string } | undefined {
  const found = eventId ? { id: eventId, at: text.indexOf(`(event ${eventId})`) } : undefined;
  const match = found && found.at >= 0 ? undefined : /\(event ([0-9a-f-]{36})\)/i.exec(text);
  const id = match ? match[1]! : found?.id;
  const at = match ? match.index : (found?.at ?? -1);
  if (!id || at < 0) return undefined;
  return { before: text.slice(0, at).trimEnd(), after: text.slice(at + `(event ${id})`.length), eventId: id };
}

// The held count in the navigation: fetched when the page changes and after every decision.
const countLimit = 100;
let held: { count: number; more: boolean } | undefined;
const listeners = new Set<() => void>();
let inFlight = false;

export function refreshHeldCount(): void {
  if (inFlight) return;
  inFlight = true;
  // A count in the navigation is no reason to end a session: the page's own requests do that.
  api<Page<OutboxMessage>>('/api/v1/messages', { query: { status: 'held', limit: countLimit }, expectUnauthenticated: true })
    .then(
      (page) => (held = { count: page.items.length, more: !!page.nextCursor }),
      () => (held = undefined),
    )
    .finally(() => {
      inFlight = false;
      for (const l of listeners) l();
    });
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => void listeners.delete(l);
};

/** The number of held messages ("100+" past the first page), or undefined before it is known. */
export function useHeldCount(refreshKey: string): string | undefined {
  const value = useSyncExternalStore(subscribe, () => held);
  useEffect(() => refreshHeldCount(), [refreshKey]);
  return value && (value.more ? `${countLimit}+` : String(value.count));
}

/** The workspace's guard rules by id, for naming the rule behind a decision (empty until loaded or if loading fails). */
export function useGuardRuleMap(): ReadonlyMap<string, GuardRuleRecord> {
  const rules = useLoad('guard-rules', (signal) => api<{ items: GuardRuleRecord[] }>('/api/v1/guard-rules', { signal }));
  const items = rules.state.status === 'ready' ? rules.state.data.items : undefined;
  return useMemo(() => new Map((items ?? []).map((r) => [r.id, r])), [items]);
}
