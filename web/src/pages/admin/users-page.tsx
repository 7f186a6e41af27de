import { useState } from 'react';
import { App, Button, Form, Input, Modal, Select, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { UserSummary } from '../../api/types.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { ErrorState, ProblemAlert } from '../../components/states.tsx';
import { useApi } from '../../components/use-api.ts';
import { useDepartments } from '../catalog/shared.tsx';
import { useCreate } from './use-create.ts';

// Citizens sign in with a one-time code and department systems use API keys: neither is a console user.
const STAFF_ROLES = ['platform_admin', 'data_officer', 'staff', 'auditor', 'grid_worker'];

interface UserValues {
  username: string;
  displayName: string;
  password: string;
  departmentCode: string;
  roles: string[];
}

/** 用户: console accounts and their roles (platform admin only). */
export function UsersPage() {
  const { t, bi } = useI18n();
  const { message } = App.useApp();
  const state = useApi<UserSummary[]>('/api/users');
  const departments = useDepartments();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<UserValues>();
  const { create, failure, busy, clear } = useCreate<unknown>(form, '/api/users', bi);
  const deptName = new Map((departments ?? []).map((d) => [d.id, d.name]));
  const role = (r: string) => t(`role.${r}` as MessageKey);

  const submit = async (v: UserValues) => {
    if (!(await create({ ...v, username: v.username.trim(), displayName: v.displayName.trim() }))) return;
    message.success(t('users.created', { name: v.username }));
    form.resetFields();
    setOpen(false);
    state.reload();
  };

  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8, marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('users.title')}</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => { clear(); setOpen(true); }}>{t('users.new')}</Button>
      </div>
      {state.error ? <ErrorState error={state.error} onRetry={state.reload} /> : (
        <Table<UserSummary>
          rowKey="id"
          loading={state.loading}
          dataSource={state.data ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{ defaultPageSize: 20, showTotal: (n) => t('common.total', { n }) }}
          columns={[
            { title: t('users.username'), dataIndex: 'username', sorter: (a, b) => a.username.localeCompare(b.username) },
            { title: t('users.displayName'), dataIndex: 'displayName' },
            { title: t('users.department'), key: 'd', sorter: (a, b) => (deptName.get(a.departmentId) ?? '').localeCompare(deptName.get(b.departmentId) ?? '', 'zh-CN'), render: (_: unknown, u) => deptName.get(u.departmentId) ?? '—' },
            { title: t('users.roles'), dataIndex: 'roles', filters: STAFF_ROLES.map((r) => ({ text: role(r), value: r })), onFilter: (v, u) => u.roles.includes(String(v)), render: (rs: string[]) => rs.map((r) => <Tag key={r}>{role(r)}</Tag>) },
            { title: t('users.state'), dataIndex: 'disabled', render: (d: boolean) => (d ? <Tag color="red">{t('users.disabled')}</Tag> : <Tag color="green">{t('users.active')}</Tag>) },
          ]}
        />
      )}
      <Modal open={open} title={t('users.new')} onCancel={() => setOpen(false)} onOk={() => form.submit()} okText={t('action.save')} confirmLoading={busy} forceRender>
        {failure && <ProblemAlert error={failure.error} unplaced={failure.unplaced} />}
        <Form<UserValues> form={form} layout="vertical" onFinish={submit} initialValues={{ roles: ['staff'] }}>
          <Form.Item name="username" label={t('users.username')} rules={[{ required: true, message: t('form.required') }, { pattern: /^[A-Za-z0-9_.@-]{3,64}$/, message: t('users.usernameRule') }]}><Input autoComplete="off" /></Form.Item>
          <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}><Input /></Form.Item>
          <Form.Item name="password" label={t('users.password')} rules={[{ required: true, message: t('form.required') }, { min: 8, message: t('users.passwordRule') }]}><Input.Password autoComplete="new-password" /></Form.Item>
          <Form.Item name="departmentCode" label={t('users.department')} rules={[{ required: true, message: t('form.required') }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={(departments ?? []).map((d) => ({ value: d.code, label: d.name }))} />
          </Form.Item>
          <Form.Item name="roles" label={t('users.roles')} rules={[{ required: true, type: 'array', min: 1, message: t('users.rolesRule') }]}>
            <Select mode="multiple" options={STAFF_ROLES.map((r) => ({ value: r, label: role(r) }))} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
