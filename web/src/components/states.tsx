import type { ReactNode } from 'react';
import { Alert, Button, Empty, Result, Skeleton } from 'antd';
import { ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** The loading placeholder used by every page while its data arrives. */
export function LoadingState({ rows = 4 }: { rows?: number }) {
  const { t } = useI18n();
  return (
    <div role="status" aria-label={t('state.loading')}>
      <Skeleton active paragraph={{ rows }} />
    </div>
  );
}

/** A failed load: what the server said (in the current language) and a retry button. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, bi } = useI18n();
  const problem = error instanceof ApiError ? error.problem : undefined;
  const status = problem?.status === 403 ? '403' : problem?.status === 404 ? '404' : 'error';
  return (
    <Result
      status={status}
      title={problem?.status === 403 ? t('state.forbidden') : problem?.status === 404 ? t('state.notFound') : t('state.error')}
      subTitle={problem ? bi(problem.detail) : String(error)}
      extra={onRetry ? <Button onClick={onRetry}>{t('action.retry')}</Button> : undefined}
    />
  );
}

export function EmptyState({ description, children }: { description: string; children?: ReactNode }) {
  return <Empty description={description}>{children}</Empty>;
}

/** Renders loading, error or the content, so that every page shows the three states the same way. */
export function Loadable<T>({ state, children, rows }: { state: { data: T | undefined; error: unknown; loading: boolean; reload?: () => void }; children: (data: T) => ReactNode; rows?: number }) {
  if (state.error) return <ErrorState error={state.error} {...(state.reload ? { onRetry: state.reload } : {})} />;
  if (state.data === undefined) return <LoadingState {...(rows ? { rows } : {})} />;
  return <>{children(state.data)}</>;
}

/** A server problem above a form: its detail, and the field problems no field could show. */
export function ProblemAlert({ error, unplaced = [] }: { error: unknown; unplaced?: ReadonlyArray<{ path: string; message: string }> }) {
  const { bi, t } = useI18n();
  if (!error) return null;
  const detail = error instanceof ApiError ? bi(error.problem.detail) : t('state.error');
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={detail}
      description={unplaced.length > 0 ? <ul style={{ margin: 0, paddingLeft: 20 }}>{unplaced.map((p) => <li key={p.path + p.message}>{bi(p.message)}</li>)}</ul> : undefined}
    />
  );
}
