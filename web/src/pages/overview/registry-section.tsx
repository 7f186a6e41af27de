import { Card, Col, Row, Statistic } from 'antd';
import { Link } from 'react-router-dom';
import type { RegistryStatus } from '../../api/registry-types.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { useSession } from '../../session/session.tsx';
import { useApi } from '../../components/use-api.ts';
import { discrepancyKey } from '../registry/labels.ts';
import { ChartCard } from './chart.tsx';

const KINDS: ReadonlyArray<[string, MessageKey]> = [['person', 'overview.stat.persons'], ['business', 'overview.stat.businesses'], ['house', 'overview.stat.housesCount']];

/** 基础库 on the overview: entities per registry, open discrepancies by type, pairs waiting for review. */
export function RegistrySection() {
  const { t } = useI18n();
  const { can } = useSession();
  const state = useApi<RegistryStatus>(can('registry:read') ? '/api/registry/status' : null);
  const s = state.data;
  if (!s) return null;
  const count = (kind: string) => s.entities.filter((e) => e.kind === kind && e.status !== 'merged').reduce((n, e) => n + e.count, 0);
  const byType = new Map<string, number>();
  for (const d of s.openDiscrepancies) byType.set(d.type, (byType.get(d.type) ?? 0) + d.count);
  const open = [...byType.values()].reduce((a, b) => a + b, 0);
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="overview-registry">
      {KINDS.map(([kind, label]) => <Col key={kind} xs={12} md={6} xl={4}><Card size="small"><Link to={`/registry?kind=${kind}`}><Statistic title={t(label)} value={count(kind)} /></Link></Card></Col>)}
      <Col xs={12} md={6} xl={4}><Card size="small"><Link to="/registry/discrepancies"><Statistic title={t('overview.stat.discrepancies')} value={open} /></Link></Card></Col>
      <Col xs={12} md={6} xl={4}><Card size="small"><Statistic title={t('overview.stat.review')} value={s.openReview} /></Card></Col>
      {open > 0 && (
        <Col span={24}>
          <ChartCard testId="chart-discrepancies" title={t('nav.discrepancies')} kind="bar" rows={[...byType].map(([type, n]) => { const k = discrepancyKey(type); return { key: type, label: k ? t(k) : type, count: n }; })} />
        </Col>
      )}
    </Row>
  );
}
