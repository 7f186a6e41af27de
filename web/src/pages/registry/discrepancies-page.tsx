import { Link, useSearchParams } from 'react-router-dom';
import { Card, Segmented, Table, Typography } from 'antd';
import type { DiscrepancyView } from '../../api/registry-types.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { ErrorState } from '../../components/states.tsx';
import { useApi } from '../../components/use-api.ts';
import { formatTime } from '../catalog/shared.tsx';
import { DiscrepancyBlock } from './entity-page.tsx';

/** 数据打架: where departments hold different values for the same person, business or house. */
export function DiscrepanciesPage() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') === 'resolved' ? 'resolved' : 'open';
  const kind = params.get('kind') ?? 'all';
  const state = useApi<{ total: number; items: DiscrepancyView[] }>(`/api/registry/discrepancies?status=${status}&limit=200${kind === 'all' ? '' : `&kind=${kind}`}`);
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    next.set(k, v);
    setParams(next);
  };
  return (
    <>
      <Typography.Title level={3}>{t('discrepancies.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('discrepancies.hint')}</Typography.Paragraph>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Segmented value={kind} onChange={(v) => set('kind', String(v))} options={(['all', 'person', 'business', 'house'] as const).map((k) => ({ value: k, label: k === 'all' ? t('applications.state.all') : t(`registry.kind.${k}` as MessageKey) }))} />{' '}
        <Segmented value={status} onChange={(v) => set('status', String(v))} options={[{ value: 'open', label: t('discrepancies.open') }, { value: 'resolved', label: t('discrepancies.resolved') }]} />
      </Card>
      {state.error ? <ErrorState error={state.error} onRetry={state.reload} /> : (
        <Table<DiscrepancyView>
          rowKey="id"
          loading={state.loading}
          dataSource={state.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('discrepancies.none') }}
          pagination={{ defaultPageSize: 20, showTotal: (n) => t('common.total', { n }) }}
          columns={[
            { title: t('registry.col.label'), dataIndex: 'entityId', render: (id: string, d) => <Link to={`/registry/${d.kind}/${id}`}>{id}</Link> },
            { title: t('discrepancies.what'), key: 'w', render: (_: unknown, d) => <DiscrepancyBlock d={d} /> },
            { title: t('discrepancies.detected'), dataIndex: 'detectedAt', render: (v: string) => formatTime(v, lang) },
          ]}
        />
      )}
    </>
  );
}
