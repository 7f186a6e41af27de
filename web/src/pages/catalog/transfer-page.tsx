import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Col, Progress, Row, Space, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { api, ApiError, type FieldProblem } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../session/session.tsx';
import { ProblemAlert } from '../../components/states.tsx';
import { rowOf } from './parse.ts';
import { resourcePath, StatusTag } from './shared.tsx';

interface ImportResult {
  imported: number;
  resources: Array<{ code: string; name: string; status: string }>;
}

/** 导入导出: the catalog as the national Excel template and as DCAT-AP JSON-LD; all-or-nothing import. */
export function TransferPage() {
  const { t, bi } = useI18n();
  const { can } = useSession();
  const [percent, setPercent] = useState<number | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const problems: readonly FieldProblem[] = failure instanceof ApiError ? failure.problem.errors ?? [] : [];

  const send = async (file: File) => {
    setResult(null);
    setFailure(null);
    setPercent(0);
    try {
      setResult(await api.upload<ImportResult>('/api/catalog/import', file, file.name, setPercent));
    } catch (e) {
      setFailure(e);
    } finally {
      setPercent(null);
    }
  };

  return (
    <>
      <Typography.Title level={3}>{t('transfer.title')}</Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('transfer.export')}>
            <Typography.Paragraph>{t('transfer.exportHint')}</Typography.Paragraph>
            <Space wrap>
              <Button icon={<DownloadOutlined />} href="/api/catalog/export.xlsx">{t('transfer.exportXlsx')}</Button>
              <Button icon={<DownloadOutlined />} href="/api/catalog/export.jsonld" target="_blank">{t('transfer.exportDcat')}</Button>
            </Space>
          </Card>
        </Col>
        {can('catalog:write') && (
          <Col xs={24} lg={14}>
            <Card size="small" title={t('transfer.import')}>
              <Typography.Paragraph>{t('transfer.importHint')}</Typography.Paragraph>
              <Upload.Dragger
                accept=".xlsx"
                multiple={false}
                showUploadList={false}
                disabled={percent !== null}
                beforeUpload={(file) => {
                  void send(file);
                  return false;
                }}
              >
                <p className="ant-upload-drag-icon"><InboxOutlined /></p>
                <p className="ant-upload-text">{t('transfer.drop')}</p>
              </Upload.Dragger>
              {percent !== null && <Progress percent={percent} status="active" aria-label={t('transfer.uploading')} />}
            </Card>
          </Col>
        )}
        <Col span={24}>
          {result && (
            <Card size="small">
              <Alert type="success" showIcon title={t('transfer.imported', { n: result.imported })} style={{ marginBottom: 12 }} />
              <Table
                size="small"
                rowKey="code"
                pagination={false}
                dataSource={result.resources}
                columns={[
                  { title: t('catalog.col.code'), dataIndex: 'code', render: (c: string) => <Link to={resourcePath(c)}>{c}</Link> },
                  { title: t('catalog.col.name'), dataIndex: 'name' },
                  { title: t('catalog.col.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
                ]}
              />
            </Card>
          )}
          {failure !== null && (
            <Card size="small">
              <ProblemAlert error={failure} />
              {problems.length > 0 && (
                <Table<FieldProblem & { row: number | null }>
                  size="small"
                  rowKey={(p) => p.path + p.message}
                  dataSource={problems.map((p) => ({ ...p, row: rowOf(p.path) }))}
                  pagination={{ defaultPageSize: 50, hideOnSinglePage: true }}
                  columns={[
                    { title: t('transfer.col.row'), dataIndex: 'row', width: 80, sorter: (a, b) => (a.row ?? 0) - (b.row ?? 0), render: (r: number | null) => r ?? '—' },
                    { title: t('transfer.col.field'), dataIndex: 'path', render: (p: string) => p.replace(/^\/rows\/\d+\/?/, '') || '—' },
                    { title: t('transfer.col.problem'), dataIndex: 'message', render: (m: string) => bi(m) },
                  ]}
                />
              )}
            </Card>
          )}
        </Col>
      </Row>
    </>
  );
}
