import { useState } from 'react';
import { Button, Card, Col, Input, Row, Statistic, Table, Tag, Typography } from 'antd';
import { api } from '../../api/client.ts';
import type { ReuseLine, ReuseReport } from '../../api/types.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { ProblemAlert } from '../../components/states.tsx';
import { HoldersCell } from './duplicates.tsx';
import { parseItemLines } from './parse.ts';

const VERDICT_COLORS: Record<ReuseLine['verdict'], string> = { reuse: 'orange', new: 'green', unbound: 'default' };

/** 复用审查: before a department builds a new system, which of its data items the county already holds. */
export function ReusePage() {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [report, setReport] = useState<ReuseReport | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const items = parseItemLines(text);

  const check = async () => {
    setBusy(true);
    setFailure(null);
    try {
      setReport(await api.post<ReuseReport>('/api/catalog/reuse-report', { items }));
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Typography.Title level={3}>{t('reuse.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('reuse.hint')}</Typography.Paragraph>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Input.TextArea aria-label={t('reuse.input')} rows={8} value={text} onChange={(e) => setText(e.target.value)} placeholder={t('reuse.placeholder')} />
        <div style={{ marginTop: 12, display: 'flex', gap: 12, alignItems: 'center' }}>
          <Button type="primary" disabled={items.length === 0 || items.length > 1000} loading={busy} onClick={check}>{t('reuse.check')}</Button>
          <Typography.Text type="secondary">{t('reuse.count', { n: items.length })}</Typography.Text>
        </div>
      </Card>
      {failure !== null && <ProblemAlert error={failure} />}
      {report && (
        <Card size="small" data-testid="reuse-report">
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col xs={12} md={6}><Statistic title={t('reuse.total')} value={report.summary.total} /></Col>
            <Col xs={12} md={6}><Statistic title={t('reuse.verdict.reuse')} value={report.summary.reuse} /></Col>
            <Col xs={12} md={6}><Statistic title={t('reuse.verdict.new')} value={report.summary.new} /></Col>
            <Col xs={12} md={6}><Statistic title={t('reuse.verdict.unbound')} value={report.summary.unbound} /></Col>
          </Row>
          <Table<ReuseLine>
            size="small"
            rowKey={(l) => l.item}
            dataSource={report.lines}
            pagination={{ defaultPageSize: 50, hideOnSinglePage: true }}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: t('duplicates.col.item'), dataIndex: 'item' },
              { title: t('duplicates.col.element'), key: 'e', render: (_: unknown, l) => (l.element ? `${l.element.name}（${l.element.code}）` : '—') },
              {
                title: t('reuse.verdict'),
                dataIndex: 'verdict',
                filters: (['reuse', 'new', 'unbound'] as const).map((v) => ({ text: t(`reuse.verdict.${v}` as MessageKey), value: v })),
                onFilter: (v, l) => l.verdict === v,
                render: (v: ReuseLine['verdict']) => <Tag color={VERDICT_COLORS[v]}>{t(`reuse.verdict.${v}` as MessageKey)}</Tag>,
              },
              { title: t('duplicates.col.holders'), key: 'h', render: (_: unknown, l) => <HoldersCell line={l} /> },
            ]}
          />
        </Card>
      )}
    </>
  );
}
