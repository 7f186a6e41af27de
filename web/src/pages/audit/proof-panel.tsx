import { useState } from 'react';
import { Alert, Button, Card, List, Space, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, SafetyCertificateOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../api/client.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { verifyInclusion, type InclusionProof, type VerifyReport } from './verify.ts';

/**
 * Fetches the current signed checkpoint, the entry's inclusion proof for exactly that tree size and
 * the published verifier key, and checks them here with SubtleCrypto.
 */
async function check(index: number): Promise<{ report: VerifyReport; proof: InclusionProof; checkpoint: string }> {
  const sizeOf = (note: string) => Number(note.split('\n')[1]);
  let checkpoint = await api.text('/api/audit/checkpoint');
  if (sizeOf(checkpoint) <= index) {
    // The entry is newer than the last checkpoint: asking for its proof makes the log sign one.
    await api.get<InclusionProof>(`/api/audit/entries/${index}/proof`);
    checkpoint = await api.text('/api/audit/checkpoint');
  }
  const [proof, verifierKey] = await Promise.all([api.get<InclusionProof>(`/api/audit/entries/${index}/proof?size=${sizeOf(checkpoint)}`), api.text('/api/audit/key')]);
  return { report: await verifyInclusion({ proof, checkpoint, verifierKey }), proof, checkpoint };
}

export function ProofPanel({ index }: { index: number }) {
  const { t, bi } = useI18n();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Awaited<ReturnType<typeof check>> | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setFailure(null);
    try {
      setResult(await check(index));
    } catch (e) {
      setFailure(e instanceof ApiError ? bi(e.problem.detail) : (e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('proof.title')} data-testid="proof-panel">
      <Typography.Paragraph type="secondary">{t('proof.hint')}</Typography.Paragraph>
      <Button type="primary" icon={<SafetyCertificateOutlined />} loading={busy} onClick={run}>{t('proof.verify')}</Button>
      {failure && <Alert type="error" showIcon style={{ marginTop: 16 }} title={failure} />}
      {result && (
        <div style={{ marginTop: 16 }}>
          <Alert
            type={result.report.ok ? 'success' : 'error'}
            showIcon
            title={result.report.ok ? t('proof.ok', { index, size: result.proof.treeSize }) : t('proof.failed')}
            style={{ marginBottom: 12 }}
          />
          <List
            size="small"
            bordered
            dataSource={[...result.report.steps]}
            renderItem={(s) => (
              <List.Item>
                <Space align="start">
                  {s.ok ? <CheckCircleFilled style={{ color: '#52c41a' }} /> : <CloseCircleFilled style={{ color: '#ff4d4f' }} />}
                  <div>
                    <div>{t(`proof.step.${s.step}` as MessageKey)}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>{s.detail}</Typography.Text>
                  </div>
                </Space>
              </List.Item>
            )}
          />
          <Typography.Text strong style={{ display: 'block', marginTop: 12 }}>{t('proof.checkpoint')}</Typography.Text>
          <pre style={{ fontSize: 12, background: '#fafafa', padding: 8, overflowX: 'auto', whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{result.checkpoint}</pre>
        </div>
      )}
    </Card>
  );
}
