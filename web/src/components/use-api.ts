import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../api/client.ts';

export interface Loaded<T> {
  readonly data: T | undefined;
  readonly error: ApiError | null;
  readonly loading: boolean;
  reload(): void;
}

/**
 * GETs `path` (null: nothing to load yet) and reloads when it changes or on `reload()`.
 *
 * @example
 * const { data, error, loading } = useApi<Department[]>('/api/departments');
 */
export function useApi<T>(path: string | null): Loaded<T> {
  const [state, setState] = useState<{ data: T | undefined; error: ApiError | null; loading: boolean }>({ data: undefined, error: null, loading: path !== null });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    api.get<T>(path, controller.signal).then(
      (data) => setState({ data, error: null, loading: false }),
      (e: unknown) => {
        if (controller.signal.aborted) return;
        setState({ data: undefined, error: e instanceof ApiError ? e : new ApiError({ status: 0, code: 'error', detail: String(e) }), loading: false });
      },
    );
    return () => controller.abort();
  }, [path, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, reload };
}
