import { Component, type ReactNode } from 'react';
import { Button, Result } from 'antd';
import { useI18n } from '../i18n/i18n.tsx';

function Fallback({ error }: { error: Error }) {
  const { t } = useI18n();
  // A failed lazy chunk (after a redeploy) is fixed by loading the page again.
  return <Result status="error" title={t('state.crashed')} subTitle={error.message} extra={<Button onClick={() => window.location.reload()}>{t('action.reload')}</Button>} />;
}

/** Keeps one broken page from blanking the whole console. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    return this.state.error ? <Fallback error={this.state.error} /> : this.props.children;
  }
}
