import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Col, Descriptions, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { BatchReport, QuarantinePage, QuarantineRow } from '../../api/ingest-types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../session/session.tsx';
import { ProblemAlert } from '../../components/states.tsx';
import { useApi } from '../../components/use-api.ts';
import { formatTime } from '../catalog/shared.tsx';
import { UploadBox } from './upload-box.tsx';
import { QualityBars } from './quality-bars.tsx';

export const percent = (v: number) => `${(v * 100).toFixed(1)}%`;

/** What a batch did: rows read, accepted, quarantined, changes, problems by item, mapping and quality. */
export function BatchSummary({ report }: { report: BatchReport }) {
  const { t, bi, lang } = useI18n();
  const stats: Array<[string, number]> = [
    [t('batch.rowsRead'), report.rowsRead], [t('batch.accepted'), report.accepted], [t('batch.quarantined'), report.quarantined],
    [t('batch.inserted'), report.inserted], [t('batch.updated'), report.updated], [t('batch.deleted'), report.deleted], [t('batch.unchanged'), report.unchanged],
  ];
  const problems = Object.entries(report.problems).sort((a, b) => b[1].count - a[1].count);
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="batch-summary">
      {report.duplicateOf && <Alert type="info" showIcon title={t('batch.duplicate')} />}
      {report.error && <Alert type="error" showIcon title={bi(report.error)} />}
      <Row gutter={[12, 12]}>
        {stats.map(([label, value]) => (
          <Col key={label} xs={8} md={6} xl={3}><Statistic title={label} value={value} /></Col>
        ))}
        {report.quality && <Col xs={8} md={6} xl={3}><Statistic title={t('quality.score')} value={report.quality.score} precision={1} /></Col>}
      </Row>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} items={[
        { key: 'file', label: t('batch.file'), children: `${report.fileName ?? '—'}（${report.format.toUpperCase()}${report.encoding ? ` ${report.encoding}` : ''}）` },
        { key: 'by', label: t('batch.by'), children: `${report.submittedBy.name} · ${formatTime(report.startedAt, lang)}` },
        { key: 'mode', label: t('batch.mode'), children: t(report.mode === 'snapshot' ? 'ingest.snapshot' : 'ingest.incremental') },
      ]} />
      {(report.unmappedHeaders.length > 0 || report.unmappedItems.length > 0) && (
        <Alert type="warning" showIcon title={t('batch.unmapped')} description={
          <>
            {report.unmappedHeaders.length > 0 && <div>{t('batch.unmappedHeaders')}{t('common.colon')}{report.unmappedHeaders.map((h) => <Tag key={h}>{h}</Tag>)}</div>}
            {report.unmappedItems.length > 0 && <div>{t('batch.unmappedItems')}{t('common.colon')}{report.unmappedItems.map((h) => <Tag key={h}>{h}</Tag>)}</div>}
          </>
        } />
      )}
      {problems.length > 0 && (
        <Table
          size="small"
          rowKey={(p) => p[0]}
          pagination={false}
          dataSource={problems}
          columns={[
            { title: t('batch.item'), key: 'i', render: (_: unknown, p) => p[0] },
            { title: t('batch.count'), key: 'c', align: 'right', render: (_: unknown, p) => p[1].count },
            { title: t('batch.examples'), key: 'e', render: (_: unknown, p) => p[1].examples.join('；') },
          ]}
        />
      )}
      {report.quality && <QualityBars metrics={report.quality} />}
    </Space>
  );
}

/** The quarantined rows with their errors, the Excel error report, and the resubmission of a corrected one. */
export function Quarantine({ report, onResubmitted }: { report: BatchReport; onResubmitted: (r: BatchReport) => void }) {
  const { t, bi } = useI18n();
  const { can } = useSession();
  const [failure, setFailure] = useState<unknown>(null);
  const page = useApi<QuarantinePage>(report.quarantined > 0 ? `/api/ingest/batches/${report.id}/quarantine?limit=200` : null);
  if (report.quarantined === 0) return <Alert type="success" showIcon title={t('batch.clean')} />;
  return (
    <Card size="small" title={t('batch.quarantineTitle', { n: report.quarantined })} extra={<Button icon={<DownloadOutlined />} href={`/api/ingest/batches/${report.id}/error-report.xlsx`}>{t('batch.errorReport')}</Button>}>
      <Typography.Paragraph type="secondary">{t('batch.quarantineHint')}</Typography.Paragraph>
      <Table<QuarantineRow>
        size="small"
        rowKey="rowNo"
        loading={page.loading}
        dataSource={page.data?.rows ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{ defaultPageSize: 10, hideOnSinglePage: true }}
        columns={[
          { title: t('transfer.col.row'), dataIndex: 'rowNo', width: 70 },
          { title: t('batch.errors'), dataIndex: 'errors', render: (errors: QuarantineRow['errors']) => errors.map((e, i) => <div key={i}><b>{e.column ?? e.item}</b>{t('common.colon')}{bi(`${e.zh} / ${e.en}`)}</div>) },
          { title: t('batch.key'), dataIndex: 'recordKey', render: (k: string | null) => k ?? '—' },
          { title: t('catalog.col.status'), dataIndex: 'status', render: (s: string) => <Tag>{s}</Tag> },
        ]}
      />
      {can('ingest:submit') && (
        <div style={{ marginTop: 16 }}>
          <Typography.Text strong>{t('batch.resubmit')}</Typography.Text>
          {failure !== null && <ProblemAlert error={failure} />}
          <UploadBox
            url={`/api/ingest/resources/${report.resourceCode}/batches?corrects=${encodeURIComponent(report.id)}`}
            hint={t('batch.resubmitHint')}
            onReport={(r) => { setFailure(null); onResubmitted(r); }}
            onError={setFailure}
          />
        </div>
      )}
    </Card>
  );
}

export function BatchLink({ id }: { id: string }) {
  const { t } = useI18n();
  return <Link to={`/ingest/batches/${id}`}>{t('batch.open')}</Link>;
}
