import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Layout, Typography } from 'antd';
import { LogoutOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../session/session.tsx';
import { LanguageToggle } from '../../layout/shell.tsx';

/** A plain one-column frame for citizens, made for a phone: no staff navigation. */
export function CitizenLayout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { me, logout } = useSession();
  const navigate = useNavigate();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ background: '#fff', padding: '0 12px', display: 'flex', alignItems: 'center', gap: 8, borderBottom: '1px solid #f0f0f0' }}>
        <Typography.Text strong style={{ flex: 1, fontSize: 16 }}>{t('citizen.title')}</Typography.Text>
        <LanguageToggle />
        {me && (
          <Button type="text" icon={<LogoutOutlined />} aria-label={t('action.logout')} onClick={async () => { await logout(); navigate('/citizen/login', { replace: true }); }} />
        )}
      </Layout.Header>
      <Layout.Content style={{ padding: 12, maxWidth: 760, width: '100%', margin: '0 auto' }}>
        <main>{children}</main>
      </Layout.Content>
    </Layout>
  );
}
