import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Button, Card, Input, Select, Space, Table, Tooltip, Typography } from 'antd';
import { query } from '../../api/client.ts';
import type { Resource, SearchResult } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../session/session.tsx';
import { ErrorState } from '../../components/states.tsx';
import { useApi } from '../../components/use-api.ts';
import { resourcePath, SharingTag } from '../catalog/shared.tsx';
import { ApplyModal, SubscribeModal } from './request-forms.tsx';

/** 资源申请: find a published resource and subscribe (无条件共享) or apply (有条件共享) for it. */
export function DiscoverPage() {
  const { t, tv } = useI18n();
  const { me } = useSession();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [sharing, setSharing] = useState<string | undefined>(undefined);
  const [asking, setAsking] = useState<{ resource: Resource; kind: 'apply' | 'subscribe' } | null>(null);
  const state = useApi<SearchResult>(`/api/catalog/resources${query({ status: 'published', q, sharingType: sharing, limit: 500 })}`);

  const action = (r: Resource) => {
    if (r.provider.departmentId === me?.departmentId) return <Typography.Text type="secondary">{t('discover.own')}</Typography.Text>;
    if (r.sharing.type === '无条件共享') return <Button size="small" type="primary" onClick={() => setAsking({ resource: r, kind: 'subscribe' })}>{t('discover.subscribe')}</Button>;
    if (r.sharing.type === '有条件共享') return <Button size="small" type="primary" onClick={() => setAsking({ resource: r, kind: 'apply' })}>{t('discover.apply')}</Button>;
    return <Tooltip title={`${t('sharing.basis')}${t('common.colon')}${r.sharing.basis ?? '—'}`}><Button size="small" disabled>{t('discover.notShared')}</Button></Tooltip>;
  };

  return (
    <>
      <Typography.Title level={3}>{t('discover.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('discover.hint')}</Typography.Paragraph>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap>
          <Input.Search allowClear placeholder={t('catalog.filter.qHint')} onSearch={setQ} style={{ width: 320 }} aria-label={t('catalog.filter.q')} enterButton={t('action.search')} />
          <Select allowClear placeholder={t('catalog.filter.sharing')} style={{ width: 180 }} value={sharing} onChange={setSharing} options={['无条件共享', '有条件共享', '不予共享'].map((s) => ({ value: s, label: tv(s) }))} aria-label={t('catalog.filter.sharing')} />
        </Space>
      </Card>
      {state.error ? <ErrorState error={state.error} onRetry={state.reload} /> : (
        <Table<Resource>
          rowKey="id"
          loading={state.loading}
          dataSource={state.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{ defaultPageSize: 20, showTotal: (n) => t('common.total', { n }) }}
          locale={{ emptyText: t('catalog.emptyFiltered') }}
          columns={[
            { title: t('catalog.col.code'), dataIndex: 'code', render: (c: string) => <Link to={resourcePath(c)}>{c}</Link> },
            { title: t('catalog.col.name'), dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN') },
            { title: t('catalog.col.provider'), key: 'p', render: (_: unknown, r) => r.provider.departmentName },
            { title: t('catalog.col.sharing'), key: 's', render: (_: unknown, r) => <SharingTag type={r.sharing.type} /> },
            { title: t('sharing.condition'), key: 'c', responsive: ['lg'], render: (_: unknown, r) => r.sharing.condition ?? '—' },
            { title: t('catalog.col.items'), key: 'n', align: 'right', render: (_: unknown, r) => r.items.length },
            { title: t('common.actions'), key: 'a', render: (_: unknown, r) => action(r) },
          ]}
        />
      )}
      {asking?.kind === 'apply' && <ApplyModal resource={asking.resource} onClose={() => setAsking(null)} onDone={() => navigate('/sharing/applications?side=consumer')} />}
      {asking?.kind === 'subscribe' && <SubscribeModal resource={asking.resource} onClose={() => setAsking(null)} onDone={() => navigate('/sharing/grants')} />}
    </>
  );
}
