import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { Breadcrumb, Card, Radio, Space, Tabs, Typography } from 'antd';
import type { BatchReport } from '../../api/ingest-types.ts';
import type { Resource } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../session/session.tsx';
import { Loadable, ProblemAlert } from '../../components/states.tsx';
import { useApi } from '../../components/use-api.ts';
import { resourceApi, resourcePath } from '../catalog/shared.tsx';
import { BatchLink, BatchSummary, Quarantine } from './batch-report.tsx';
import { BatchesPanel, MappingPanel, ProfilePanel, QualityPanel } from './ingest-panels.tsx';
import { UploadBox } from './upload-box.tsx';

function UploadPanel({ code }: { code: string }) {
  const { t } = useI18n();
  const [mode, setMode] = useState<'incremental' | 'snapshot'>('incremental');
  const [report, setReport] = useState<BatchReport | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text>{t('batch.mode')}{t('common.colon')}</Typography.Text>
        <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)} options={[{ value: 'incremental', label: t('ingest.incremental') }, { value: 'snapshot', label: t('ingest.snapshot') }]} />
      </Space>
      <UploadBox url={`/api/ingest/resources/${code}/batches?mode=${mode}`} onReport={(r) => { setFailure(null); setReport(r); }} onError={(e) => { setReport(null); setFailure(e); }} />
      {failure !== null && <ProblemAlert error={failure} />}
      {report && (
        <Card size="small" title={t('batch.reportTitle')} extra={<BatchLink id={report.id} />}>
          <BatchSummary report={report} />
          <div style={{ marginTop: 16 }}><Quarantine report={report} onResubmitted={setReport} /></div>
        </Card>
      )}
    </Space>
  );
}

/** 数据归集 for one resource: upload, batches, column mapping, quality over time, required items. */
export function ResourceIngestPage() {
  const { cls = '', seq = '' } = useParams();
  const code = `${cls}/${seq}`;
  const { t, tv } = useI18n();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const state = useApi<Resource>(resourceApi(code));
  const tab = params.get('tab') ?? (can('ingest:submit') ? 'upload' : 'batches');
  return (
    <>
      <Breadcrumb style={{ marginBottom: 12 }} items={[{ title: <Link to="/ingest">{t('nav.ingest')}</Link> }, { title: code }]} />
      <Loadable state={state}>
        {(r) => (
          <>
            <Typography.Title level={3}>{r.name}</Typography.Title>
            <Typography.Paragraph type="secondary">{r.provider.departmentName} · <Link to={resourcePath(r.code)}>{r.code}</Link> · {t('resource.updateCycle')}{t('common.colon')}{tv(r.updateCycle)}</Typography.Paragraph>
            <Card size="small">
              <Tabs
                activeKey={tab}
                onChange={(k) => setParams(new URLSearchParams({ tab: k }))}
                destroyOnHidden
                items={[
                  ...(can('ingest:submit') ? [{ key: 'upload', label: t('ingest.tab.upload'), children: <UploadPanel code={r.code} /> }] : []),
                  { key: 'batches', label: t('ingest.tab.batches'), children: <BatchesPanel code={r.code} /> },
                  { key: 'mapping', label: t('ingest.tab.mapping'), children: <MappingPanel code={r.code} /> },
                  { key: 'quality', label: t('ingest.tab.quality'), children: <QualityPanel code={r.code} /> },
                  { key: 'profile', label: t('ingest.tab.profile'), children: <ProfilePanel resource={r} /> },
                ]}
              />
            </Card>
          </>
        )}
      </Loadable>
    </>
  );
}
