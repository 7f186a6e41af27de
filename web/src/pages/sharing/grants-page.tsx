import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { App, Button, Card, Form, Input, Modal, Space, Table, Tabs, Tag, Typography } from 'antd';
import { api, ApiError } from '../../api/client.ts';
import type { ExchangeStats, GrantView } from '../../api/exchange-types.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { useSession } from '../../session/session.tsx';
import { ErrorState } from '../../components/states.tsx';
import { useApi } from '../../components/use-api.ts';
import { formatTime, resourcePath } from '../catalog/shared.tsx';
import { GrantStatusTag } from './shared.tsx';

type Side = 'consumer' | 'provider' | 'all';

function Revoke({ grant, onDone }: { grant: GrantView; onDone: () => void }) {
  const { t, bi } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const revoke = async (v: { reason: string }) => {
    try {
      await api.post(`/api/exchange/grants/${grant.id}/revoke`, { reason: v.reason.trim() });
      message.success(t('grants.revoked'));
      setOpen(false);
      onDone();
    } catch (e) {
      message.error(e instanceof ApiError ? bi(e.problem.detail) : t('state.error'));
    }
  };
  return (
    <>
      <Button size="small" danger onClick={() => setOpen(true)}>{t('grants.revoke')}</Button>
      <Modal open={open} title={t('grants.revokeTitle', { name: grant.resourceName ?? grant.resourceCode })} onCancel={() => setOpen(false)} onOk={() => form.submit()} okText={t('grants.revoke')} okButtonProps={{ danger: true }} forceRender>
        <Typography.Paragraph type="secondary">{t('grants.revokeHint')}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={revoke}>
          <Form.Item name="reason" label={t('decide.reason')} rules={[{ required: true, whitespace: true, message: t('decide.reasonRequired') }]}><Input.TextArea rows={3} maxLength={1000} /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function Grants({ side }: { side: Side }) {
  const { t, lang } = useI18n();
  const { can, me } = useSession();
  const list = useApi<GrantView[]>(`/api/exchange/grants?side=${side}`);
  const stats = useApi<ExchangeStats>('/api/exchange/stats');
  const usage = new Map((stats.data?.byGrant ?? []).map((s) => [s.grantId, s]));
  if (list.error) return <ErrorState error={list.error} onRetry={list.reload} />;
  return (
    <Table<GrantView>
      rowKey="id"
      size="middle"
      loading={list.loading}
      dataSource={list.data ?? []}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('grants.empty') }}
      pagination={{ defaultPageSize: 20, hideOnSinglePage: true }}
      columns={[
        { title: t('catalog.col.name'), key: 'r', render: (_: unknown, g) => <Link to={resourcePath(g.resourceCode)}>{g.resourceName ?? g.resourceCode}</Link> },
        { title: t('grants.parties'), key: 'p', render: (_: unknown, g) => `${g.provider.name} → ${g.consumer.name}` },
        { title: t('grants.kind'), key: 'k', render: (_: unknown, g) => <>{t(`grants.kind.${g.kind}` as MessageKey)} · {t(`mode.${g.mode}` as MessageKey)}</> },
        { title: t('apply.items'), dataIndex: 'items', render: (items: string[]) => items.map((i) => <Tag key={i}>{i}</Tag>) },
        { title: t('grants.purposes'), dataIndex: 'purposes', responsive: ['xl'], render: (p: string[]) => p.join('；') },
        { title: t('grants.validUntil'), dataIndex: 'validUntil', sorter: (a, b) => a.validUntil.localeCompare(b.validUntil), render: (v: string) => formatTime(v, lang) },
        { title: t('grants.quota'), key: 'q', responsive: ['xxl'], render: (_: unknown, g) => (g.quotaPerDay ? t('grants.perDay', { n: g.quotaPerDay }) : t('grants.unlimited')) },
        {
          title: t('grants.usage'),
          key: 'u',
          render: (_: unknown, g) => {
            const u = usage.get(g.id);
            return u ? t('grants.usageText', { calls: u.calls, failures: u.failures, p95: u.p95 ?? '—' }) : t('grants.unused');
          },
        },
        { title: t('catalog.col.status'), key: 's', render: (_: unknown, g) => <><GrantStatusTag status={g.status} />{g.revokeReason && <Typography.Text type="secondary">{g.revokeReason}</Typography.Text>}</> },
        {
          title: t('common.actions'),
          key: 'a',
          fixed: 'right',
          render: (_: unknown, g) => g.status !== 'active' ? null : (
            <Space size={4}>
              {me?.departmentId === g.consumer.id && <Link to={`/sharing/use?grant=${g.id}`}>{t('grants.use')}</Link>}
              {can('exchange:apply') && (can('exchange:admin') || me?.departmentId === g.provider.id || me?.departmentId === g.consumer.id) && <Revoke grant={g} onDone={list.reload} />}
            </Space>
          ),
        },
      ]}
    />
  );
}

/** 共享授权: what the department may use and what it provides, with usage; either side may revoke at once. */
export function GrantsPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const seeAll = can('exchange:admin') || can('audit:read');
  const side = (['consumer', 'provider', 'all'].includes(params.get('side') ?? '') ? params.get('side') : 'consumer') as Side;
  return (
    <>
      <Typography.Title level={3}>{t('grants.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('grants.hint')}</Typography.Paragraph>
      <Card size="small">
        <Tabs
          activeKey={side}
          onChange={(k) => setParams(new URLSearchParams({ side: k }))}
          destroyOnHidden
          items={[
            { key: 'consumer', label: t('grants.tab.consumer'), children: <Grants side="consumer" /> },
            { key: 'provider', label: t('grants.tab.provider'), children: <Grants side="provider" /> },
            ...(seeAll ? [{ key: 'all', label: t('grants.tab.all'), children: <Grants side="all" /> }] : []),
          ]}
        />
      </Card>
    </>
  );
}
