import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../api/client.ts';
import type { ApiKeySummary } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../session/session.tsx';
import { ErrorState, ProblemAlert } from '../../components/states.tsx';
import { useApi } from '../../components/use-api.ts';
import { formatTime, useDepartments } from '../catalog/shared.tsx';
import { useCreate } from './use-create.ts';

interface KeyValues {
  name: string;
  departmentCode?: string;
}

/** API 密钥: keys for department systems; a new key is shown once, only its hash is kept. */
export function ApiKeysPage() {
  const { t, bi, lang } = useI18n();
  const { me, can } = useSession();
  const { message } = App.useApp();
  const admin = can('identity:manage');
  const state = useApi<ApiKeySummary[]>('/api/api-keys');
  const departments = useDepartments(can('identity:read'));
  const [open, setOpen] = useState(false);
  const [issued, setIssued] = useState<{ key: string; name: string } | null>(null);
  const [form] = Form.useForm<KeyValues>();
  const { create, failure, busy, clear } = useCreate<{ id: string; key: string; name: string }>(form, '/api/api-keys', bi);
  const deptName = new Map((departments ?? []).map((d) => [d.id, d.name]));

  const submit = async (v: KeyValues) => {
    const made = await create({ name: v.name.trim(), ...(admin && v.departmentCode ? { departmentCode: v.departmentCode } : {}) });
    if (!made) return;
    form.resetFields();
    setOpen(false);
    setIssued({ key: made.key, name: made.name });
    state.reload();
  };

  const revoke = async (k: ApiKeySummary) => {
    try {
      await api.del(`/api/api-keys/${encodeURIComponent(k.id)}`);
      message.success(t('apiKeys.revoked'));
      state.reload();
    } catch (e) {
      message.error(e instanceof ApiError ? bi(e.problem.detail) : t('state.error'));
    }
  };

  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8, marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('apiKeys.title')}</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => { clear(); setOpen(true); }}>{t('apiKeys.new')}</Button>
      </div>
      <Typography.Paragraph type="secondary">{t('apiKeys.hint')}</Typography.Paragraph>
      {issued && (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setIssued(null) }}
          style={{ marginBottom: 16 }}
          title={t('apiKeys.issued', { name: issued.name })}
          description={<><Typography.Text code copyable>{issued.key}</Typography.Text><div>{t('apiKeys.onlyOnce')}</div></>}
        />
      )}
      {state.error ? <ErrorState error={state.error} onRetry={state.reload} /> : (
        <Table<ApiKeySummary>
          rowKey="id"
          loading={state.loading}
          dataSource={state.data ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('apiKeys.empty') }}
          pagination={{ defaultPageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t('apiKeys.name'), dataIndex: 'name' },
            { title: t('users.department'), key: 'd', render: (_: unknown, k) => deptName.get(k.department_id) ?? (k.department_id === me?.departmentId ? me?.departmentCode : '—') },
            { title: t('apiKeys.createdAt'), dataIndex: 'created_at', sorter: (a, b) => a.created_at.localeCompare(b.created_at), render: (v: string) => formatTime(v, lang) },
            { title: t('apiKeys.lastUsed'), dataIndex: 'last_used_at', render: (v: string | null) => formatTime(v, lang) },
            { title: t('users.state'), key: 's', render: (_: unknown, k) => (k.revoked_at ? <Tag color="red">{t('apiKeys.revokedAt', { at: formatTime(k.revoked_at, lang) })}</Tag> : <Tag color="green">{t('users.active')}</Tag>) },
            {
              title: t('common.actions'),
              key: 'a',
              render: (_: unknown, k) => !k.revoked_at && (
                <Popconfirm title={t('apiKeys.revokeConfirm')} onConfirm={() => revoke(k)} okText={t('action.confirm')} cancelText={t('action.cancel')}>
                  <Button size="small" danger>{t('apiKeys.revoke')}</Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      )}
      <Modal open={open} title={t('apiKeys.new')} onCancel={() => setOpen(false)} onOk={() => form.submit()} okText={t('action.create')} confirmLoading={busy} forceRender>
        {failure && <ProblemAlert error={failure.error} unplaced={failure.unplaced} />}
        <Form<KeyValues> form={form} layout="vertical" onFinish={submit} initialValues={{ departmentCode: me?.departmentCode ?? undefined }}>
          <Form.Item name="name" label={t('apiKeys.name')} extra={t('apiKeys.nameHint')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 100 }]}><Input /></Form.Item>
          {admin && (
            <Form.Item name="departmentCode" label={t('users.department')}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={(departments ?? []).map((d) => ({ value: d.code, label: d.name }))} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
