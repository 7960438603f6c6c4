/** Loading, empty and error states, the same on every screen. */
import type { ReactNode } from 'react';
import { ApiError } from '../api/client';

export function Loading({ label = 'Loading' }: { label?: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}…
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <p className="state-title">{title}</p>
      {children}
    </div>
  );
}

export function describeError(error: unknown): { title: string; detail: string; requestId?: string } {
  if (error instanceof ApiError) {
    const { problem } = error;
    const title =
      problem.code === 'network_error'
        ? 'The server cannot be reached'
        : problem.status === 404
          ? 'Not found'
          : problem.status === 403
            ? 'Not allowed'
            : problem.status === 401
              ? 'Sign in required'
              : 'Something went wrong';
    return {
      title,
      detail: problem.detail,
      ...(problem.requestId ? { requestId: problem.requestId } : {}),
    };
  }
  return { title: 'Something went wrong', detail: error instanceof Error ? error.message : String(error) };
}

export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  const { title, detail, requestId } = describeError(error);
  return (
    <div className="state state-error" role="alert">
      <p className="state-title">{title}</p>
      <p>{detail}</p>
      {requestId ? (
        <p className="muted small">
          Request id <code>{requestId}</code>
        </p>
      ) : null}
      {retry ? (
        <button type="button" onClick={retry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

/** The parts of a query result the states read, for one-shot and paged (infinite) queries alike. */
interface QueryStatus {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

/** The loading or error state of a query, or null once it has data. */
function pendingOrFailed(query: QueryStatus, loadingLabel: string | undefined): ReactNode {
  if (query.isPending) return <Loading {...(loadingLabel ? { label: loadingLabel } : {})} />;
  if (query.isError) return <ErrorState error={query.error} retry={() => void query.refetch()} />;
  return null;
}

/** Renders a react-query result's loading and error states, or its data. */
export function QueryState<T>({
  query,
  children,
  loadingLabel,
}: {
  // Spelled out rather than `QueryStatus & {…}`: T is inferred from `data` only in a plain object type.
  query: {
    isPending: boolean;
    isError: boolean;
    error: unknown;
    data: T | undefined;
    refetch: () => unknown;
  };
  children: (data: T) => ReactNode;
  loadingLabel?: string;
}) {
  return pendingOrFailed(query, loadingLabel) ?? <>{children(query.data as T)}</>;
}

/**
 * Renders a list query's loading, error and empty states, or its items. `items` are the loaded
 * rows (`data.items`, or the pages of a paged query joined); `empty` is shown when there are none.
 */
export function ListState<T>({
  query,
  items,
  children,
  empty,
  loadingLabel,
}: {
  query: QueryStatus;
  items: readonly T[] | undefined;
  children: (items: readonly T[]) => ReactNode;
  empty: ReactNode;
  loadingLabel?: string;
}) {
  const state = pendingOrFailed(query, loadingLabel);
  if (state) return state;
  const rows = items ?? [];
  return <>{rows.length === 0 ? empty : children(rows)}</>;
}

/** An inline error under a form (problem detail plus per-field errors not shown elsewhere). */
export function FormError({ error }: { error: unknown }) {
  if (!error) return null;
  const { detail } = describeError(error);
  return (
    <p className="form-error" role="alert">
      {detail}
    </p>
  );
}
