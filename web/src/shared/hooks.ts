// Small hooks the pages share: a keyset-paginated list, data loaded once, form submission,
// and the tab title.
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { ApiError, isAbort, messageOf } from './api.ts';
import { focusFirstInvalid } from './field.tsx';
import type { Page } from './types.ts';

interface PagedState<T> {
  items: T[];
  nextCursor: string | null;
  status: 'loading' | 'ready' | 'error';
  error?: string;
  loadingMore: boolean;
  moreError?: string;
}

/**
 * The first page whenever `key` changes (a new search or filter), then "Load more" appends
 * the next page. Results of a superseded request are dropped. While a new key loads, the
 * previous items stay on screen (marked stale) rather than flashing an empty list.
 */
export function usePaged<T>(key: string, fetchPage: (cursor: string | undefined, signal: AbortSignal) => Promise<Page<T>>): PagedList<T> {
  const [state, setState] = useState<PagedState<T>>({ items: [], nextCursor: null, status: 'loading', loadingMore: false });
  const fetchRef = useRef(fetchPage);
  const stateRef = useRef(state);
  const moreController = useRef<AbortController | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    fetchRef.current = fetchPage;
    stateRef.current = state;
  });

  useEffect(() => {
    const controller = new AbortController();
    moreController.current?.abort();
    setState((s) => ({ ...s, status: 'loading', error: undefined, loadingMore: false, moreError: undefined }));
    fetchRef.current(undefined, controller.signal).then(
      (page) => setState({ items: page.items, nextCursor: page.nextCursor, status: 'ready', loadingMore: false }),
      (err: unknown) => {
        if (!isAbort(err)) setState({ items: [], nextCursor: null, status: 'error', error: messageOf(err), loadingMore: false });
      },
    );
    return () => controller.abort();
  }, [key, attempt]);

  const loadMore = useCallback(() => {
    const cursor = stateRef.current.nextCursor;
    if (!cursor || stateRef.current.loadingMore) return;
    const controller = new AbortController();
    moreController.current = controller;
    setState((s) => ({ ...s, loadingMore: true, moreError: undefined }));
    fetchRef.current(cursor, controller.signal).then(
      (page) => setState((s) => ({ ...s, items: [...s.items, ...page.items], nextCursor: page.nextCursor, loadingMore: false })),
      (err: unknown) => {
        if (!isAbort(err)) setState((s) => ({ ...s, loadingMore: false, moreError: messageOf(err) }));
      },
    );
  }, []);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, loadMore, retry };
}

/** What usePaged gives: the items so far, their state, and the ways to load more or try again. */
export type PagedList<T> = PagedState<T> & { loadMore: () => void; retry: () => void };

export type Loaded<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; error: unknown };

/** Data fetched once per `key`, with a way to reload or update it in place after a write. */
export function useLoad<T>(key: string, load: (signal: AbortSignal) => Promise<T>) {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    loadRef.current(controller.signal).then(
      (data) => setState({ status: 'ready', data }),
      (error: unknown) => {
        if (!isAbort(error)) setState({ status: 'error', error });
      },
    );
    return () => controller.abort();
  }, [key, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const update = useCallback((change: (data: T) => T) => {
    setState((s) => (s.status === 'ready' ? { status: 'ready', data: change(s.data) } : s));
  }, []);
  return { state, reload, update };
}

export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Kept` : 'Kept';
  }, [title]);
}

/** `value`, once it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * What every form shares: field errors, one failure message, and a busy flag. `submit` shows
 * the form's own problems, or sends; an API error lands on its fields and in the message.
 */
export function useFormSubmit(form: RefObject<HTMLFormElement | null>) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(
    problems: Record<string, string>,
    send: () => Promise<void>,
    onFieldErrors?: (fields: Record<string, string>) => void,
  ) {
    if (busy) return;
    setErrors(problems);
    setFailure(undefined);
    if (Object.keys(problems).length) return focusFirstInvalid(form.current);
    setBusy(true);
    try {
      await send();
    } catch (err) {
      const fields = err instanceof ApiError ? err.fieldErrors() : {};
      onFieldErrors?.(fields);
      setErrors(fields);
      setFailure(messageOf(err));
      focusFirstInvalid(form.current);
    } finally {
      setBusy(false);
    }
  }

  return { errors, failure, busy, submit };
}
