// Records by id for lists that carry only an id (timeline answers carry a survey id): each id
// is fetched once per page load and shared by every list that needs it, a few requests at a time.
import { useEffect, useState } from 'react';
import { api } from './api.ts';
import type { OutboxMessage, Survey, Task } from './types.ts';

type Entry<T> = T | 'missing';

function makeLookup<T>(pathOf: (id: string) => string) {
  const known = new Map<string, Entry<T>>();
  const pending = new Set<string>();
  const listeners = new Set<() => void>();
  const queue: (() => void)[] = [];
  const parallel = 4;
  let running = 0;

  function fetchOne(id: string) {
    if (pending.has(id)) return;
    pending.add(id);
    const go = () => {
      running++;
      api<T>(pathOf(id))
        .then(
          (record) => known.set(id, record),
          () => known.set(id, 'missing'),
        )
        .finally(() => {
          running--;
          pending.delete(id);
          for (const l of listeners) l();
          queue.shift()?.();
        });
    };
    if (running < parallel) go();
    else queue.push(go);
  }

  /** The records with these ids as far as they are known yet; unknown ones are fetched. */
  function useRecords(ids: readonly string[]): ReadonlyMap<string, Entry<T>> {
    const [, setVersion] = useState(0);
    const wanted = [...new Set(ids)].join(',');
    useEffect(() => {
      const bump = () => setVersion((v) => v + 1);
      listeners.add(bump);
      for (const id of wanted ? wanted.split(',') : []) if (!known.has(id)) fetchOne(id);
      return () => void listeners.delete(bump);
    }, [wanted]);
    return known;
  }

  /** After a record changed here (a message released), fetch it again for whoever shows it. */
  function refresh(id: string) {
    if (known.delete(id)) fetchOne(id);
  }

  return Object.assign(useRecords, { refresh });
}

export const useSurveys = makeLookup<Survey>((id) => `/api/v1/surveys/${encodeURIComponent(id)}`);
export const useMessages = makeLookup<OutboxMessage>((id) => `/api/v1/messages/${encodeURIComponent(id)}`);
export const useTasks = makeLookup<Task>((id) => `/api/v1/tasks/${encodeURIComponent(id)}`);
