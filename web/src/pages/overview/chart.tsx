import { useMemo } from 'react';
import EChartsCoreModule from 'echarts-for-react/esm/core.js';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { Card, Col, Row, Table } from 'antd';
import type { CountRow } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { esmDefault } from '../../interop.ts';

// echarts-for-react's core wrapper: it takes the echarts instance below instead of importing all of echarts.
const ReactEChartsCore = esmDefault<typeof EChartsCoreModule.default>(EChartsCoreModule);

// Only what the overview draws is registered, so the rest of echarts is tree-shaken away.
echarts.use([BarChart, LineChart, PieChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, CanvasRenderer]);

export interface ChartCardProps {
  readonly title: string;
  readonly kind: 'pie' | 'bar' | 'line';
  readonly rows: readonly CountRow[];
  /** How a row's label reads in the current language. */
  readonly labelOf?: (row: CountRow) => string;
  readonly testId?: string;
  /** False for figures that do not add up (scores): no share column and no total. */
  readonly additive?: boolean;
}

/** One chart with the numbers behind it in a table beside it (below it on a phone). */
export function ChartCard({ title, kind, rows, labelOf, testId, additive = true }: ChartCardProps) {
  const { t } = useI18n();
  const label = labelOf ?? ((r: CountRow) => r.label);
  const total = rows.reduce((s, r) => s + r.count, 0);
  const option = useMemo(() => {
    const data = rows.map((r) => ({ name: label(r), value: r.count }));
    const base = { aria: { enabled: true }, tooltip: { trigger: kind === 'pie' ? 'item' : 'axis' }, animation: false };
    if (kind === 'pie') {
      return { ...base, legend: { bottom: 0, type: 'scroll' }, series: [{ type: 'pie', radius: ['40%', '68%'], center: ['50%', '45%'], data, label: { formatter: '{b}\n{c}' } }] };
    }
    if (kind === 'line') {
      return {
        ...base,
        grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
        xAxis: { type: 'category', data: data.map((d) => d.name) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [{ type: 'line', data: data.map((d) => d.value), areaStyle: { opacity: 0.15 }, smooth: true }],
      };
    }
    return {
      ...base,
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: data.map((d) => d.name), axisLabel: { width: 110, overflow: 'truncate' } },
      series: [{ type: 'bar', data: data.map((d) => d.value), label: { show: true, position: 'right' }, barMaxWidth: 22 }],
    };
  }, [rows, kind, label]);
  const height = kind === 'bar' ? Math.max(160, rows.length * 30 + 24) : 260;
  return (
    <Card title={title} size="small" data-testid={testId} style={{ height: '100%' }}>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={14}>
          <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height, width: '100%' }} opts={{ renderer: 'canvas' }} />
        </Col>
        <Col xs={24} md={10}>
          <Table<CountRow>
            size="small"
            rowKey="key"
            pagination={rows.length > 8 ? { pageSize: 7, size: 'small', showSizeChanger: false } : false}
            dataSource={[...rows]}
            columns={[
              { title: t('overview.col.item'), dataIndex: 'label', ellipsis: { showTitle: true }, render: (_: unknown, r) => label(r) },
              { title: t('overview.col.count'), dataIndex: 'count', align: 'right', sorter: (a, b) => a.count - b.count, onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' } }) },
              ...(additive ? [{ title: t('overview.col.share'), key: 'share', align: 'right' as const, width: 72, onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' as const } }), render: (_: unknown, r: CountRow) => (total ? `${((r.count / total) * 100).toFixed(1)}%` : '—') }] : []),
            ]}
            summary={() => !additive ? null : (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>{t('overview.col.total')}</Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">{total}</Table.Summary.Cell>
                <Table.Summary.Cell index={2} />
              </Table.Summary.Row>
            )}
          />
        </Col>
      </Row>
    </Card>
  );
}
