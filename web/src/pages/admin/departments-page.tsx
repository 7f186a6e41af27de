import { useState } from 'react';
import { App, Button, Form, Input, Modal, Select, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Department } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../session/session.tsx';
import { ErrorState, ProblemAlert } from '../../components/states.tsx';
import { useApi } from '../../components/use-api.ts';
import { invalidate } from '../catalog/shared.tsx';
import { useCreate } from './use-create.ts';

const LEVELS = ['县', '乡镇街道', '村社区'];

interface DepartmentValues {
  code: string;
  name: string;
  level: string;
  parentCode?: string;
  creditCode?: string;
}

/** 部门: the county's departments, townships and villages; the platform admin adds new ones. */
export function DepartmentsPage() {
  const { t, tv, bi } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const state = useApi<Department[]>('/api/departments');
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<DepartmentValues>();
  const { create, failure, busy, clear } = useCreate<Department>(form, '/api/departments', bi);
  const byId = new Map((state.data ?? []).map((d) => [d.id, d]));

  const submit = async (v: DepartmentValues) => {
    const made = await create({ code: v.code.trim(), name: v.name.trim(), level: v.level, ...(v.parentCode ? { parentCode: v.parentCode } : {}), ...(v.creditCode?.trim() ? { creditCode: v.creditCode.trim() } : {}) });
    if (!made) return;
    message.success(t('departments.created', { name: made.name }));
    invalidate('/api/departments');
    form.resetFields();
    setOpen(false);
    state.reload();
  };

  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8, marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('departments.title')}</Typography.Title>
        {can('identity:manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => { clear(); setOpen(true); }}>{t('departments.new')}</Button>}
      </div>
      {state.error ? <ErrorState error={state.error} onRetry={state.reload} /> : (
        <Table<Department>
          rowKey="id"
          loading={state.loading}
          dataSource={state.data ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{ defaultPageSize: 20, showTotal: (n) => t('common.total', { n }) }}
          columns={[
            { title: t('departments.code'), dataIndex: 'code', sorter: (a, b) => a.code.localeCompare(b.code) },
            { title: t('departments.name'), dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN') },
            { title: t('departments.level'), dataIndex: 'level', filters: LEVELS.map((l) => ({ text: tv(l), value: l })), onFilter: (v, d) => d.level === v, render: (l: string) => tv(l) },
            { title: t('departments.parent'), key: 'parent', render: (_: unknown, d) => (d.parentId ? byId.get(d.parentId)?.name ?? '—' : '—') },
            { title: t('departments.creditCode'), dataIndex: 'creditCode', responsive: ['md'], render: (c: string | null) => c ?? '—' },
          ]}
        />
      )}
      <Modal open={open} title={t('departments.new')} onCancel={() => setOpen(false)} onOk={() => form.submit()} okText={t('action.save')} confirmLoading={busy} forceRender>
        {failure && <ProblemAlert error={failure.error} unplaced={failure.unplaced} />}
        <Form<DepartmentValues> form={form} layout="vertical" onFinish={submit} initialValues={{ level: '县' }}>
          <Form.Item name="code" label={t('departments.code')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}><Input /></Form.Item>
          <Form.Item name="name" label={t('departments.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}><Input /></Form.Item>
          <Form.Item name="level" label={t('departments.level')} rules={[{ required: true }]}><Select options={LEVELS.map((l) => ({ value: l, label: tv(l) }))} /></Form.Item>
          <Form.Item name="parentCode" label={t('departments.parent')}>
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={(state.data ?? []).map((d) => ({ value: d.code, label: d.name }))} />
          </Form.Item>
          <Form.Item name="creditCode" label={t('departments.creditCode')} extra={t('departments.creditCodeHint')}><Input maxLength={18} /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}
