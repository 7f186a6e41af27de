import { Link } from 'react-router-dom';
import { Badge, Card, Table, Tabs, Typography } from 'antd';
import type { Resource, SearchResult } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ErrorState } from '../../components/states.tsx';
import { useApi } from '../../components/use-api.ts';
import { ResourceActions } from './resource-actions.tsx';
import { formatTime, resourcePath, SharingTag } from './shared.tsx';

function Queue({ status, steps, onChanged }: { status: 'submitted' | 'reviewed'; steps: readonly string[]; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const state = useApi<SearchResult>(`/api/catalog/resources?status=${status}&limit=500`);
  if (state.error) return <ErrorState error={state.error} onRetry={state.reload} />;
  return (
    <Table<Resource>
      rowKey="id"
      size="middle"
      loading={state.loading}
      dataSource={state.data?.items ?? []}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: status === 'submitted' ? t('review.emptySubmitted') : t('review.emptyReviewed') }}
      pagination={{ defaultPageSize: 20, hideOnSinglePage: true }}
      columns={[
        { title: t('catalog.col.code'), dataIndex: 'code', render: (c: string) => <Link to={resourcePath(c)}>{c}</Link> },
        { title: t('catalog.col.name'), dataIndex: 'name' },
        { title: t('catalog.col.provider'), key: 'p', render: (_: unknown, r) => r.provider.departmentName },
        { title: t('catalog.col.sharing'), key: 's', render: (_: unknown, r) => <SharingTag type={r.sharing.type} /> },
        { title: t('catalog.col.items'), key: 'n', align: 'right', render: (_: unknown, r) => r.items.length },
        { title: t('catalog.col.updated'), dataIndex: 'updatedAt', sorter: (a, b) => a.updatedAt.localeCompare(b.updatedAt), defaultSortOrder: 'ascend', render: (v: string) => formatTime(v, lang) },
        { title: t('common.actions'), key: 'a', render: (_: unknown, r) => <ResourceActions resource={r} only={steps} onChanged={() => { state.reload(); onChanged(); }} /> },
      ]}
    />
  );
}

/** 审核发布: the platform admin's queues — submitted resources to approve or send back, approved ones to publish. */
export function ReviewPage() {
  const { t } = useI18n();
  const submitted = useApi<SearchResult>('/api/catalog/resources?status=submitted&limit=1');
  const reviewed = useApi<SearchResult>('/api/catalog/resources?status=reviewed&limit=1');
  const recount = () => {
    submitted.reload();
    reviewed.reload();
  };
  return (
    <>
      <Typography.Title level={3}>{t('review.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('review.hint')}</Typography.Paragraph>
      <Card size="small">
        <Tabs
          destroyOnHidden
          items={[
            { key: 'submitted', label: <Badge count={submitted.data?.total ?? 0} offset={[12, 0]} size="small">{t('review.tab.submitted')}</Badge>, children: <Queue status="submitted" steps={['approve', 'reject']} onChanged={recount} /> },
            { key: 'reviewed', label: <Badge count={reviewed.data?.total ?? 0} offset={[12, 0]} size="small">{t('review.tab.reviewed')}</Badge>, children: <Queue status="reviewed" steps={['publish']} onChanged={recount} /> },
          ]}
        />
      </Card>
    </>
  );
}
