import { useEffect, useState } from 'react';
import { Card, Col, Row, Statistic } from 'antd';
import { api } from '../../api/client.ts';
import { Link } from 'react-router-dom';
import type { ApplicationView, ExchangeStats } from '../../api/exchange-types.ts';
import type { CountRow } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../session/session.tsx';
import { useApi } from '../../components/use-api.ts';
import { ChartCard } from './chart.tsx';

const DAYS = 14;

/** UTC calendar days, oldest first: the exchange counts calls per UTC hour. */
export function lastDays(n: number, now = new Date()): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: n }, (_, i) => new Date(today - (n - 1 - i) * 86_400_000).toISOString().slice(0, 10));
}

function useDailyCalls(enabled: boolean): CountRow[] | undefined {
  const [rows, setRows] = useState<CountRow[] | undefined>(undefined);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const days = lastDays(DAYS + 1);
    // The stats API sums over [from, to): one request per day.
    Promise.all(days.slice(0, DAYS).map((d, i) => api.get<ExchangeStats>(`/api/exchange/stats?from=${d}&to=${days[i + 1]}`)))
      .then((all) => live && setRows(all.map((s, i) => ({ key: days[i]!, label: days[i]!.slice(5), count: s.total.calls }))), () => undefined);
    return () => {
      live = false;
    };
  }, [enabled]);
  return rows;
}

/** 数据共享 on the overview: applications waiting and overdue, calls per day with failures and latency. */
export function ExchangeSection() {
  const { t } = useI18n();
  const { can } = useSession();
  const apply = can('exchange:apply');
  const use = can('exchange:use');
  const pending = useApi<ApplicationView[]>(apply ? '/api/exchange/applications?side=both&state=pending' : null);
  const overdue = useApi<ApplicationView[]>(apply ? '/api/exchange/applications?side=both&state=overdue' : null);
  const total = useApi<ExchangeStats>(use ? '/api/exchange/stats' : null);
  const daily = useDailyCalls(use);
  if (!apply && !use) return null;
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="overview-exchange">
      {apply && (
        <>
          <Col xs={12} md={6}><Card size="small"><Link to="/sharing/applications?state=pending"><Statistic title={t('overview.stat.pending')} value={pending.data?.length ?? '—'} /></Link></Card></Col>
          <Col xs={12} md={6}><Card size="small"><Link to="/sharing/applications?state=overdue"><Statistic title={t('overview.stat.overdue')} value={overdue.data?.length ?? '—'} styles={{ content: { color: overdue.data?.length ? '#cf1322' : undefined } }} /></Link></Card></Col>
        </>
      )}
      {use && (
        <>
          <Col xs={12} md={6}><Card size="small"><Statistic title={t('overview.stat.calls')} value={total.data?.total.calls ?? '—'} /></Card></Col>
          <Col xs={12} md={6}><Card size="small"><Statistic title={t('overview.stat.failures')} value={total.data ? `${(total.data.total.failureRate * 100).toFixed(1)}%` : '—'} /></Card></Col>
          <Col span={24}>{daily && <ChartCard testId="chart-calls" title={t('overview.chart.calls', { n: DAYS })} kind="line" rows={daily} />}</Col>
        </>
      )}
    </Row>
  );
}
