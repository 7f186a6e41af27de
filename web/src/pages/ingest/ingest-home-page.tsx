import { Link } from 'react-router-dom';
import { Card, Col, Row, Table, Typography } from 'antd';
import { query } from '../../api/client.ts';
import type { OverdueResource } from '../../api/ingest-types.ts';
import type { Resource, SearchResult } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../session/session.tsx';
import { ErrorState } from '../../components/states.tsx';
import { useApi } from '../../components/use-api.ts';
import { formatTime } from '../catalog/shared.tsx';

/** 数据归集: the resources the department delivers, and those overdue for their update cycle. */
export function IngestHomePage() {
  const { t, tv, lang } = useI18n();
  const { me, can } = useSession();
  const all = can('catalog:review') || can('audit:read');
  const resources = useApi<SearchResult>(`/api/catalog/resources${query({ status: 'published', department: all ? undefined : me?.departmentCode ?? undefined, limit: 500 })}`);
  const overdue = useApi<OverdueResource[]>('/api/ingest/overdue-resources');
  const late = new Map((overdue.data ?? []).map((o) => [o.resourceCode, o]));
  return (
    <>
      <Typography.Title level={3}>{t('ingest.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('ingest.hint')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card size="small" title={all ? t('ingest.allResources') : t('ingest.ownResources')}>
            {resources.error ? <ErrorState error={resources.error} onRetry={resources.reload} /> : (
              <Table<Resource>
                size="small"
                rowKey="id"
                loading={resources.loading}
                dataSource={resources.data?.items ?? []}
                scroll={{ x: 'max-content' }}
                locale={{ emptyText: t('ingest.noResources') }}
                pagination={{ defaultPageSize: 15, hideOnSinglePage: true }}
                columns={[
                  { title: t('catalog.col.name'), key: 'n', render: (_: unknown, r) => <Link to={`/ingest/${r.code}`}>{r.name}</Link> },
                  { title: t('catalog.col.provider'), key: 'p', render: (_: unknown, r) => r.provider.departmentName },
                  { title: t('resource.updateCycle'), dataIndex: 'updateCycle', render: (c: string) => tv(c) },
                  { title: t('ingest.lastDelivery'), key: 'l', render: (_: unknown, r) => (late.has(r.code) ? <Typography.Text type="danger">{late.get(r.code)!.lastDeliveryAt ? formatTime(late.get(r.code)!.lastDeliveryAt, lang) : t('ingest.never')}</Typography.Text> : t('ingest.onTime')) },
                ]}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card size="small" title={t('ingest.overdueTitle', { n: overdue.data?.length ?? 0 })}>
            <Table<OverdueResource>
              size="small"
              rowKey="resourceCode"
              loading={overdue.loading}
              dataSource={overdue.data ?? []}
              pagination={{ defaultPageSize: 10, hideOnSinglePage: true }}
              locale={{ emptyText: t('ingest.noneOverdue') }}
              columns={[
                { title: t('catalog.col.name'), key: 'n', render: (_: unknown, o) => <Link to={`/ingest/${o.resourceCode}`}>{o.name}</Link> },
                { title: t('ingest.daysSince'), dataIndex: 'daysSince', align: 'right', render: (d: number | null) => (d === null ? t('ingest.never') : d) },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
