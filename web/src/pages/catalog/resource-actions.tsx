import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { App, Button, Form, Input, Modal, Space } from 'antd';
import { CheckOutlined, CloseOutlined, EditOutlined, SendOutlined, StopOutlined, CloudUploadOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../api/client.ts';
import type { Resource } from '../../api/types.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { useSession } from '../../session/session.tsx';
import { resourceApi, resourcePath } from './shared.tsx';

type Step = 'submit' | 'approve' | 'reject' | 'publish' | 'retire';

/**
 * The workflow buttons a person may press on a resource: submit (own department), approve, reject and
 * publish (platform admin), retire (own department). The server re-checks every one.
 */
export function ResourceActions({ resource, onChanged, only }: { resource: Resource; onChanged: (r: Resource) => void; only?: readonly string[] }) {
  const { t, bi } = useI18n();
  const { me, can } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [busy, setBusy] = useState<Step | null>(null);
  const [asking, setAsking] = useState<'reject' | 'retire' | null>(null);
  const [form] = Form.useForm<{ text: string }>();
  const admin = can('catalog:review');
  const owner = admin || me?.departmentId === resource.provider.departmentId;
  const writer = can('catalog:write') && owner;
  const s = resource.status;

  const run = async (step: Step, text?: string) => {
    setBusy(step);
    try {
      const base = resourceApi(resource.code);
      const updated = step === 'submit' ? await api.post<Resource>(`${base}/submit`)
        : step === 'approve' ? await api.post<Resource>(`${base}/review`, { approve: true })
        : step === 'reject' ? await api.post<Resource>(`${base}/review`, { approve: false, comment: text })
        : step === 'publish' ? await api.post<Resource>(`${base}/publish`)
        : await api.post<Resource>(`${base}/retire`, { reason: text });
      message.success(t(`workflow.done.${step}` as MessageKey));
      setAsking(null);
      form.resetFields();
      onChanged(updated);
    } catch (e) {
      message.error(e instanceof ApiError ? bi(e.problem.detail) : t('state.error'));
    } finally {
      setBusy(null);
    }
  };

  const buttons = [
    writer && s !== 'retired' && <Button key="edit" icon={<EditOutlined />} onClick={() => navigate(`${resourcePath(resource.code)}/edit`)}>{t('action.edit')}</Button>,
    writer && s === 'draft' && <Button key="submit" type="primary" icon={<SendOutlined />} loading={busy === 'submit'} onClick={() => run('submit')}>{t('workflow.submit')}</Button>,
    admin && s === 'submitted' && <Button key="approve" type="primary" icon={<CheckOutlined />} loading={busy === 'approve'} onClick={() => run('approve')}>{t('workflow.approve')}</Button>,
    admin && s === 'submitted' && <Button key="reject" danger icon={<CloseOutlined />} onClick={() => setAsking('reject')}>{t('workflow.reject')}</Button>,
    admin && s === 'reviewed' && <Button key="publish" type="primary" icon={<CloudUploadOutlined />} loading={busy === 'publish'} onClick={() => run('publish')}>{t('workflow.publish')}</Button>,
    writer && s !== 'retired' && <Button key="retire" danger icon={<StopOutlined />} onClick={() => setAsking('retire')}>{t('workflow.retire')}</Button>,
  ].filter((b) => b && (!only || only.includes(String(b.key))));

  return (
    <>
      <Space wrap size={only ? 4 : 8}>{buttons}</Space>
      <Modal
        open={asking !== null}
        title={asking === 'reject' ? t('workflow.rejectTitle') : t('workflow.retireTitle')}
        okText={t('action.confirm')}
        okButtonProps={{ danger: true, loading: busy === asking }}
        onOk={() => form.submit()}
        onCancel={() => setAsking(null)}
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={(v) => asking && run(asking, v.text.trim())}>
          <Form.Item name="text" label={asking === 'reject' ? t('workflow.comment') : t('workflow.reason')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
