import { useState } from 'react';
import { Progress, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import type { BatchReport } from '../../api/ingest-types.ts';
import { useI18n } from '../../i18n/i18n.tsx';

/**
 * Drops one department file onto a resource with an upload progress bar. After the bytes are sent the
 * server still reads and checks the rows, so the bar then says so until the batch report arrives.
 */
export function UploadBox({ url, onReport, onError, hint }: { url: string; onReport: (r: BatchReport) => void; onError: (e: unknown) => void; hint?: string }) {
  const { t } = useI18n();
  const [percent, setPercent] = useState<number | null>(null);
  const send = async (file: File) => {
    setPercent(0);
    try {
      onReport(await api.upload<BatchReport>(url, file, file.name, setPercent));
    } catch (e) {
      onError(e);
    } finally {
      setPercent(null);
    }
  };
  return (
    <>
      <Upload.Dragger
        accept=".csv,.xlsx,.json"
        multiple={false}
        showUploadList={false}
        disabled={percent !== null}
        beforeUpload={(file) => {
          void send(file);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon"><InboxOutlined /></p>
        <p className="ant-upload-text">{t('ingest.drop')}</p>
        <p className="ant-upload-hint">{hint ?? t('ingest.dropHint')}</p>
      </Upload.Dragger>
      {percent !== null && (
        <div data-testid="upload-progress" style={{ marginTop: 8 }}>
          <Progress percent={percent} status="active" aria-label={t('transfer.uploading')} />
          {percent >= 100 && <span>{t('ingest.checking')}</span>}
        </div>
      )}
    </>
  );
}
