import { Progress, Space, Typography } from 'antd';
import type { QualityMetrics } from '../../api/ingest-types.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';

const DIMENSIONS = ['completeness', 'validity', 'uniqueness', 'timeliness', 'consistency'] as const;

/** The five quality dimensions (docs/quality.md) as bars with their numbers. */
export function QualityBars({ metrics }: { metrics: QualityMetrics }) {
  const { t } = useI18n();
  return (
    <Space orientation="vertical" size={2} style={{ width: '100%', maxWidth: 560 }} data-testid="quality-bars">
      {DIMENSIONS.map((d) => (
        <div key={d} style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
          <Typography.Text style={{ width: 72 }}>{t(`quality.${d}` as MessageKey)}</Typography.Text>
          <Progress percent={Math.round(metrics[d] * 1000) / 10} size="small" style={{ flex: 1, margin: 0 }} status={metrics[d] < 0.9 ? 'exception' : 'normal'} format={(p) => `${p}%`} />
        </div>
      ))}
    </Space>
  );
}
