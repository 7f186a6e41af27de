import { Button, Card, Col, Row, Statistic, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { CountRow, Overview } from '../../api/types.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { Loadable } from '../../components/states.tsx';
import { useApi } from '../../components/use-api.ts';
import { ChartCard } from './chart.tsx';
import { ExchangeSection } from './exchange-section.tsx';
import { IngestSection } from './ingest-section.tsx';
import { RegistrySection } from './registry-section.tsx';

/** 驾驶舱: the county in numbers, each chart with its table. Only what the built modules can count. */
export function OverviewPage() {
  const { t, tv, lang } = useI18n();
  const state = useApi<Overview>('/api/overview');
  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', flexWrap: 'wrap', gap: 8 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('overview.title')}</Typography.Title>
        <Button icon={<ReloadOutlined />} onClick={state.reload} loading={state.loading}>{t('action.refresh')}</Button>
      </div>
      <Typography.Paragraph type="secondary">{t('overview.scope')}</Typography.Paragraph>
      <Loadable state={state} rows={10}>
        {(o) => {
          const boundShare = o.resources.items ? Math.round((o.resources.boundItems / o.resources.items) * 100) : 0;
          const stats: Array<{ key: MessageKey; value: number | string; suffix?: string }> = [
            { key: 'overview.stat.departments', value: o.departments.total },
            { key: 'overview.stat.resources', value: o.resources.total },
            { key: 'overview.stat.published', value: o.resources.published },
            { key: 'overview.stat.open', value: o.resources.open },
            { key: 'overview.stat.items', value: o.resources.items },
            { key: 'overview.stat.bound', value: boundShare, suffix: '%' },
            { key: 'overview.stat.authorities', value: o.authorities },
          ];
          const status = (r: CountRow) => t(`status.${r.key}` as MessageKey);
          const cls = (r: CountRow) => t(`class.${r.key}` as MessageKey);
          const level = (r: CountRow) => tv(r.label);
          return (
            <>
            <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="overview-stats">
              {stats.map((s) => (
                <Col key={s.key} xs={12} sm={8} md={6} xl={{ flex: '1 1 0' }}>
                  <Card size="small" style={{ height: '100%' }}><Statistic title={t(s.key)} value={s.value} {...(s.suffix ? { suffix: s.suffix } : {})} /></Card>
                </Col>
              ))}
            </Row>
            {o.deliveries && <IngestSection deliveries={o.deliveries} />}
            <RegistrySection />
            <ExchangeSection />
            <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
              <Col xs={24} xl={12}><ChartCard testId="chart-sharing" title={t('overview.chart.sharing')} kind="pie" rows={o.resources.bySharingType} labelOf={(r) => tv(r.key)} /></Col>
              <Col xs={24} xl={12}><ChartCard testId="chart-status" title={t('overview.chart.status')} kind="bar" rows={o.resources.byStatus} labelOf={status} /></Col>
              <Col xs={24} xl={12}><ChartCard testId="chart-department" title={t('overview.chart.department')} kind="bar" rows={o.resources.byDepartment} /></Col>
              <Col xs={24} xl={12}>
                <Row gutter={[16, 16]}>
                  <Col span={24}><ChartCard testId="chart-class" title={t('overview.chart.class')} kind="pie" rows={o.resources.byClass} labelOf={cls} /></Col>
                  <Col span={24}><ChartCard testId="chart-level" title={t('overview.chart.level')} kind="pie" rows={o.departments.byLevel} labelOf={level} /></Col>
                </Row>
              </Col>
              <Col span={24}>
                <Typography.Text type="secondary">{t('overview.generatedAt', { at: new Date(o.generatedAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB') })}</Typography.Text>
              </Col>
            </Row>
            </>
          );
        }}
      </Loadable>
    </>
  );
}
