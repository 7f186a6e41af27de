import { Card, Col, Row, Statistic } from 'antd';
import { Link } from 'react-router-dom';
import type { ObjectionView } from '../../api/ingest-types.ts';
import type { Overview } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../session/session.tsx';
import { useApi } from '../../components/use-api.ts';
import { ChartCard } from './chart.tsx';

/** 数据归集 on the overview: records held, quality per resource, deliveries overdue, objections open and overdue. */
export function IngestSection({ deliveries }: { deliveries: NonNullable<Overview['deliveries']> }) {
  const { t } = useI18n();
  const { can } = useSession();
  const inbox = useApi<ObjectionView[]>(can('objection:resolve') ? '/api/ingest/objections/inbox?status=open' : null);
  const overdueObjections = useApi<ObjectionView[]>(can('ingest:read') ? '/api/ingest/objections/overdue' : null);
  const scored = deliveries.filter((d) => d.score !== null);
  const counted = deliveries.filter((d) => d.records !== null);
  const average = scored.length ? scored.reduce((s, d) => s + d.score!, 0) / scored.length : null;
  const records = counted.reduce((s, d) => s + d.records!, 0);
  const late = deliveries.filter((d) => d.overdue).length;
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="overview-ingest">
      <Col xs={12} md={8} xl={4}><Card size="small"><Statistic title={t('overview.stat.records')} value={counted.length ? records : '—'} /></Card></Col>
      <Col xs={12} md={8} xl={5}><Card size="small"><Statistic title={t('overview.stat.quality')} value={average ?? '—'} precision={average === null ? undefined : 1} /></Card></Col>
      <Col xs={12} md={8} xl={5}><Card size="small"><Link to="/ingest"><Statistic title={t('overview.stat.deliveriesOverdue')} value={late} /></Link></Card></Col>
      {can('objection:resolve') && <Col xs={12} md={8} xl={5}><Card size="small"><Link to="/ingest/objections"><Statistic title={t('overview.stat.objectionsOpen')} value={inbox.data?.length ?? '—'} /></Link></Card></Col>}
      {can('ingest:read') && <Col xs={12} md={8} xl={5}><Card size="small"><Statistic title={t('overview.stat.objectionsOverdue')} value={overdueObjections.data?.length ?? '—'} /></Card></Col>}
      {scored.length > 0 && (
        <Col xs={24} xl={12}>
          <ChartCard testId="chart-quality" title={t('overview.chart.quality')} kind="bar" additive={false} rows={[...scored].sort((a, b) => a.score! - b.score!).map((d) => ({ key: d.code, label: d.name, count: d.score! }))} />
        </Col>
      )}
      {counted.some((d) => d.records! > 0) && (
        <Col xs={24} xl={12}>
          <ChartCard testId="chart-records" title={t('overview.chart.records')} kind="bar" rows={counted.filter((d) => d.records! > 0).sort((a, b) => b.records! - a.records!).map((d) => ({ key: d.code, label: d.name, count: d.records! }))} />
        </Col>
      )}
    </Row>
  );
}
