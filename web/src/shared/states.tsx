// What a page shows when there is nothing yet, nothing found, something loading or failing.
import type { ReactNode } from 'react';
import { ApiError, messageOf } from './api.ts';
import type { Loaded, PagedList } from './hooks.ts';
import { Link } from './router.tsx';

export function EmptyState({
  icon,
  title,
  children,
  action,
  pageTitle = false,
}: {
  icon?: ReactNode;
  title: string;
  children?: ReactNode;
  action?: ReactNode;
  /** true when the empty state is all the page has, so its title is the page's h1 */
  pageTitle?: boolean;
}) {
  const Heading = pageTitle ? 'h1' : 'h2';
  return (
    <div className="empty">
      {icon && <div className="empty-icon">{icon}</div>}
      <Heading className="empty-title">{title}</Heading>
      {children && <div className="empty-body">{children}</div>}
      {action && <div className="empty-action">{action}</div>}
    </div>
  );
}

export function ErrorNotice({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <div className="notice notice-error" role="alert">
      <span>{message}</span>
      {onRetry && (
        <button type="button" className="button button-small" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Loading({ label }: { label: string }) {
  return (
    <div className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

export function LoadMore({
  hasMore,
  loading,
  error,
  onLoadMore,
  label = 'Load more',
}: {
  hasMore: boolean;
  loading: boolean;
  error?: string;
  onLoadMore: () => void;
  label?: string;
}) {
  if (!hasMore && !error) return null;
  return (
    <div className="load-more">
      {hasMore && (
        // aria-disabled rather than disabled, so keyboard focus stays on the button while it loads
        <button type="button" className="button" aria-disabled={loading} onClick={() => !loading && onLoadMore()}>
          {loading ? 'Loading…' : label}
        </button>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * A paged list's states in their usual order: the failure with a retry, the first load, the empty
 * answer, the items (children, shown once there are any) and the button for more.
 */
export function PagedStates<T>({
  list,
  loading,
  empty,
  moreLabel,
  moreInside = false,
  children,
}: {
  list: PagedList<T>;
  /** A label for the spinner, or what stands in for the list while it first loads. */
  loading: string | ReactNode;
  empty: ReactNode;
  moreLabel?: string;
  /** true when the children place the PagedMore button themselves */
  moreInside?: boolean;
  children: ReactNode;
}) {
  return (
    <>
      {list.status === 'error' && <ErrorNotice message={list.error!} onRetry={list.retry} />}
      {list.status === 'loading' && list.items.length === 0 && (typeof loading === 'string' ? <Loading label={loading} /> : loading)}
      {list.status === 'ready' && list.items.length === 0 && empty}
      {list.items.length > 0 && children}
      {!moreInside && <PagedMore list={list} label={moreLabel} />}
    </>
  );
}

/** The button for a paged list's next page, shown while there is one. */
export function PagedMore<T>({ list, label }: { list: PagedList<T>; label?: string }) {
  return (
    <LoadMore
      hasMore={!!list.nextCursor && list.status === 'ready'}
      loading={list.loadingMore}
      error={list.moreError}
      onLoadMore={list.loadMore}
      label={label}
    />
  );
}

export function PageHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="page-header">
      <div>
        <h1>{title}</h1>
        {description && <p className="page-description">{description}</p>}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </div>
  );
}

/**
 * A record's page before its record is there: loading, not found (with the way back to its list),
 * or failed (with a retry). Null once the record is ready.
 */
export function RecordStates<T>({
  state,
  reload,
  noun,
  backLink,
  list,
}: {
  state: Loaded<T>;
  reload: () => void;
  /** "case", "cause", ...: used as "Loading case…", "Case not found". */
  noun: string;
  backLink: ReactNode;
  /** Where the list of such records is, and its name: ['/cases', 'cases']. */
  list: [string, string];
}) {
  if (state.status === 'ready') return null;
  const title = noun.charAt(0).toUpperCase() + noun.slice(1);
  if (state.status === 'loading') {
    return (
      <div className="page">
        {backLink}
        <h1 className="visually-hidden">{title}</h1>
        <Loading label={`Loading ${noun}…`} />
      </div>
    );
  }
  const err = state.error;
  return (
    <div className="page">
      {backLink}
      {err instanceof ApiError && err.status === 404 ? (
        <EmptyState
          pageTitle
          title={`${title} not found`}
          action={
            <Link to={list[0]} className="button">
              Back to {list[1]}
            </Link>
          }
        >
          <p>There is no {noun} with this ID in your workspace.</p>
        </EmptyState>
      ) : (
        <>
          <h1 className="visually-hidden">{title}</h1>
          <ErrorNotice message={messageOf(err)} onRetry={reload} />
        </>
      )}
    </div>
  );
}
