import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Breadcrumb, Card, Typography } from 'antd';
import type { BatchReport } from '../../api/ingest-types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Loadable } from '../../components/states.tsx';
import { useApi } from '../../components/use-api.ts';
import { BatchSummary, Quarantine } from './batch-report.tsx';

/** One batch: its report, quarantined rows, Excel error report and the corrected resubmission. */
export function BatchPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const state = useApi<BatchReport>(`/api/ingest/batches/${encodeURIComponent(id)}`);
  const [report, setReport] = useState<BatchReport | undefined>(undefined);
  useEffect(() => setReport(state.data), [state.data]);
  return (
    <Loadable state={{ ...state, data: report ?? state.data }}>
      {(r) => (
        <>
          <Breadcrumb style={{ marginBottom: 12 }} items={[{ title: <Link to="/ingest">{t('nav.ingest')}</Link> }, { title: <Link to={`/ingest/${r.resourceCode}?tab=batches`}>{r.resourceCode}</Link> }, { title: t('batch.title') }]} />
          <Typography.Title level={3}>{t('batch.heading', { file: r.fileName ?? r.source })}</Typography.Title>
          <Card size="small" style={{ marginBottom: 16 }}><BatchSummary report={r} /></Card>
          <Quarantine report={r} onResubmitted={(next) => navigate(`/ingest/batches/${next.id}`)} />
        </>
      )}
    </Loadable>
  );
}
