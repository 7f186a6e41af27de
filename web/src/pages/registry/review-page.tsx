import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Card, Col, Descriptions, Empty, Progress, Row, Segmented, Space, Table, Tag, Typography } from 'antd';
import { api, ApiError } from '../../api/client.ts';
import type { RegistryKind, ReviewPair, SourceView } from '../../api/registry-types.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { ErrorState, LoadingState } from '../../components/states.tsx';
import { useApi } from '../../components/use-api.ts';
import { formatTime } from '../catalog/shared.tsx';
import { fieldKey } from './labels.ts';

function Side({ s, title, kind }: { s: SourceView | null; title: string; kind: RegistryKind }) {
  const { t, lang } = useI18n();
  if (!s) return <Card size="small" title={title}><Empty description={t('review.gone')} /></Card>;
  return (
    <Card size="small" title={<>{title}：{s.department.name}</>} extra={s.entityId && <Link to={`/registry/${kind}/${s.entityId}`}>{s.entityId}</Link>}>
      <Typography.Paragraph type="secondary">{s.resource.name} · {s.recordKey} · {formatTime(s.at, lang)}</Typography.Paragraph>
      <Descriptions size="small" column={1} bordered items={Object.entries(s.values).map(([k, v]) => ({ key: k, label: fieldKey(k) ? t(fieldKey(k)!) : k, children: v }))} />
    </Card>
  );
}

const LEVEL_COLORS: Record<string, string> = { exact: 'green', null: 'default' };

/**
 * 人工核对: uncertain pairs one at a time, the two records side by side with the field-by-field
 * evidence; Y says they are the same, N that they are not, → skips.
 */
export function RegistryReviewPage() {
  const { t, bi } = useI18n();
  const { message } = App.useApp();
  const [kind, setKind] = useState<RegistryKind | 'all'>('all');
  const queue = useApi<{ total: number; items: ReviewPair[] }>(`/api/registry/review?status=open&limit=20${kind === 'all' ? '' : `&kind=${kind}`}`);
  const [done, setDone] = useState<Set<string>>(new Set());
  const [skipped, setSkipped] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const open = (queue.data?.items ?? []).filter((p) => !done.has(p.id));
  const ordered = [...open.filter((p) => !skipped.includes(p.id)), ...open.filter((p) => skipped.includes(p.id))];
  const pair = ordered[0];

  const decide = useCallback(async (decision: 'match' | 'non_match') => {
    if (!pair || busy) return;
    setBusy(true);
    try {
      await api.post(`/api/registry/review/${pair.id}`, { decision });
      message.success(decision === 'match' ? t('review.matched') : t('review.notMatched'));
      setDone((d) => new Set(d).add(pair.id));
      if (open.length <= 1) queue.reload();
    } catch (e) {
      message.error(e instanceof ApiError ? bi(e.problem.detail) : t('state.error'));
      if (e instanceof ApiError && e.status === 409) setDone((d) => new Set(d).add(pair.id));
    } finally {
      setBusy(false);
    }
  }, [pair, busy, message, t, bi, open.length, queue]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return;
      if (e.key === 'y' || e.key === 'Y') void decide('match');
      else if (e.key === 'n' || e.key === 'N') void decide('non_match');
      else if (e.key === 'ArrowRight' && pair) setSkipped((s) => [...s.filter((x) => x !== pair.id), pair.id]);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [decide, pair]);

  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('review.registryTitle')}</Typography.Title>
        <Segmented value={kind} onChange={(k) => { setKind(k as RegistryKind | 'all'); setDone(new Set()); setSkipped([]); }} options={(['all', 'person', 'business', 'house'] as const).map((k) => ({ value: k, label: k === 'all' ? t('applications.state.all') : t(`registry.kind.${k}` as MessageKey) }))} />
      </div>
      <Typography.Paragraph type="secondary">{t('review.registryHint', { n: queue.data?.total ?? 0 })}</Typography.Paragraph>
      {queue.error ? <ErrorState error={queue.error} onRetry={queue.reload} /> : queue.loading && !queue.data ? <LoadingState /> : !pair ? <Empty description={t('review.nothing')} /> : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="review-pair">
          <Card size="small">
            <Space wrap align="center">
              <Typography.Text>{t('review.probability')}</Typography.Text>
              <Progress type="circle" size={48} percent={Math.round(pair.probability * 100)} />
              {pair.evidence?.rule && <Tag>{pair.evidence.rule}</Tag>}
              <Button type="primary" loading={busy} onClick={() => decide('match')}>{t('review.same')}</Button>
              <Button danger loading={busy} onClick={() => decide('non_match')}>{t('review.different')}</Button>
              <Button onClick={() => setSkipped((s) => [...s, pair.id])}>{t('review.skip')}</Button>
              <Typography.Text type="secondary">{t('review.keys')}</Typography.Text>
            </Space>
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} md={12}><Side s={pair.left} kind={pair.kind} title={t('review.left')} /></Col>
            <Col xs={24} md={12}><Side s={pair.right} kind={pair.kind} title={t('review.right')} /></Col>
          </Row>
          {pair.evidence && (
            <Card size="small" title={t('review.evidence', { weight: pair.evidence.matchWeight.toFixed(1) })}>
              <Table
                size="small"
                rowKey="field"
                pagination={false}
                dataSource={pair.evidence.comparisons}
                columns={[
                  { title: t('registry.col.field'), dataIndex: 'field', render: (f: string) => { const k = fieldKey(f); return k ? t(k) : f; } },
                  { title: t('review.left'), dataIndex: 'left', render: (v: string | null) => v ?? '—' },
                  { title: t('review.right'), dataIndex: 'right', render: (v: string | null) => v ?? '—' },
                  { title: t('review.level'), dataIndex: 'level', render: (l: string) => <Tag color={LEVEL_COLORS[l] ?? 'orange'}>{l}</Tag> },
                  { title: t('review.weight'), dataIndex: 'weight', align: 'right', render: (w: number) => <Typography.Text type={w > 0 ? 'success' : w < 0 ? 'danger' : 'secondary'}>{w > 0 ? '+' : ''}{w.toFixed(2)}</Typography.Text> },
                ]}
              />
            </Card>
          )}
        </Space>
      )}
    </>
  );
}
