import { Suspense, useEffect, useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Avatar, Button, Dropdown, Grid, Layout, Menu, Segmented, Space, Tag, Typography } from 'antd';
import { LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { useI18n, type Lang, type MessageKey } from '../i18n/i18n.tsx';
import { useSession } from '../session/session.tsx';
import { LoadingState } from '../components/states.tsx';
import { ErrorBoundary } from '../components/error-boundary.tsx';
import { visibleNav } from './nav.tsx';

const { Header, Sider, Content } = Layout;

/** The longest nav path that prefixes the current location, so /catalog/301001/000001 lights up 资源目录. */
function selectedKey(pathname: string, paths: readonly string[]): string | undefined {
  return [...paths].sort((a, b) => b.length - a.length).find((p) => pathname === p || pathname.startsWith(`${p}/`));
}

export function LanguageToggle() {
  const { lang, setLang, t } = useI18n();
  return (
    <Segmented<Lang>
      size="small"
      aria-label={t('lang.toggle')}
      value={lang}
      onChange={setLang}
      options={[{ label: '中文', value: 'zh' }, { label: 'EN', value: 'en' }]}
    />
  );
}

/** The signed-in frame: role-aware side navigation, header with language and account, and the page. */
export function Shell() {
  const { t } = useI18n();
  const { me, can, logout } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.lg;
  const [collapsed, setCollapsed] = useState(true);
  const groups = useMemo(() => visibleNav(can), [can]);
  const paths = groups.flatMap((g) => g.items.map((i) => i.path));
  const current = selectedKey(location.pathname, paths);
  // A new page starts at its top, not where the previous one was scrolled to.
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [location.pathname]);

  const menu = (
    <Menu
      mode="inline"
      theme="dark"
      selectedKeys={current ? [current] : []}
      onClick={({ key }) => {
        navigate(key);
        if (narrow) setCollapsed(true);
      }}
      items={groups.map((g) => ({ type: 'group' as const, key: g.label, label: t(g.label), children: g.items.map((i) => ({ key: i.path, icon: i.icon, label: t(i.label) })) }))}
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider
        width={208}
        breakpoint="lg"
        collapsedWidth={0}
        collapsed={narrow ? collapsed : false}
        trigger={null}
        style={narrow ? { position: 'fixed', height: '100vh', zIndex: 20 } : undefined}
      >
        <div style={{ color: '#fff', fontSize: 18, fontWeight: 600, padding: '16px 20px', whiteSpace: 'nowrap' }}>{t('app.name')}</div>
        <nav aria-label={t('nav.label')}>{menu}</nav>
      </Sider>
      <Layout>
        <Header style={{ background: '#fff', padding: '0 16px', display: 'flex', alignItems: 'center', gap: 12, borderBottom: '1px solid #f0f0f0' }}>
          {narrow && <Button type="text" icon={<MenuOutlined />} aria-label={t('nav.open')} onClick={() => setCollapsed((c) => !c)} />}
          <Typography.Text strong style={{ flex: 1, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>{t('app.title')}</Typography.Text>
          <LanguageToggle />
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'roles', disabled: true, label: <Space wrap>{me?.roles.map((r) => <Tag key={r}>{t(`role.${r}` as MessageKey)}</Tag>)}</Space> },
                { type: 'divider' },
                { key: 'logout', icon: <LogoutOutlined />, label: t('action.logout') },
              ],
              onClick: async ({ key }) => {
                if (key !== 'logout') return;
                await logout();
                navigate('/login', { replace: true });
              },
            }}
          >
            <Button type="text" aria-label={t('account.menu')}>
              <Space>
                <Avatar size="small" icon={<UserOutlined />} />
                {!narrow && <span data-testid="account-name">{me?.name}</span>}
              </Space>
            </Button>
          </Dropdown>
        </Header>
        <Content style={{ padding: narrow ? 12 : 24 }}>
          <main>
            <ErrorBoundary key={location.pathname}>
              <Suspense fallback={<LoadingState rows={8} />}>
                <Outlet />
              </Suspense>
            </ErrorBoundary>
          </main>
        </Content>
      </Layout>
    </Layout>
  );
}
