import { useState } from 'react';
import { Link } from 'react-router-dom';
import { App, AutoComplete, Button, Card, Form, Input, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { api, ApiError, type FieldProblem } from '../../api/client.ts';
import type { Authority } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../session/session.tsx';
import { ErrorState, ProblemAlert } from '../../components/states.tsx';
import { useApi } from '../../components/use-api.ts';
import { showProblems } from './form-errors.ts';
import { formatTime, resourcePath, useDepartments, useElements } from './shared.tsx';

interface ClaimValues {
  element: string;
  departmentCode: string;
  resourceCode?: string;
}

function ClaimForm({ onClaimed }: { onClaimed: () => void }) {
  const { t, bi } = useI18n();
  const { me, can } = useSession();
  const { message } = App.useApp();
  const elements = useElements();
  const departments = useDepartments(can('identity:read'));
  const [form] = Form.useForm<ClaimValues>();
  const [failure, setFailure] = useState<{ error: unknown; unplaced: FieldProblem[] } | null>(null);
  const admin = can('catalog:review');
  const claim = async (v: ClaimValues) => {
    setFailure(null);
    try {
      await api.post('/api/catalog/authorities', { element: v.element.trim(), departmentCode: v.departmentCode, ...(v.resourceCode?.trim() ? { resourceCode: v.resourceCode.trim() } : {}) });
      message.success(t('authorities.claimed'));
      form.resetFields(['element', 'resourceCode']);
      onClaimed();
    } catch (e) {
      setFailure({ error: e, unplaced: e instanceof ApiError ? showProblems(form, e.problem.errors ?? [], bi) : [] });
    }
  };
  return (
    <Card size="small" title={t('authorities.claim')} style={{ marginBottom: 16 }}>
      {failure && <ProblemAlert error={failure.error} unplaced={failure.unplaced} />}
      <Form<ClaimValues> form={form} layout="inline" onFinish={claim} initialValues={{ departmentCode: me?.departmentCode ?? '' }} style={{ rowGap: 8 }}>
        <Form.Item name="element" label={t('item.element')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <AutoComplete style={{ width: 220 }} options={(elements ?? []).map((e) => ({ value: e.name, label: `${e.name}（${e.code}）` }))} showSearch={{ filterOption: (input, o) => String(o?.label ?? '').includes(input) }} />
        </Form.Item>
        <Form.Item name="departmentCode" label={t('resource.provider')} rules={[{ required: true, message: t('form.required') }]}>
          {departments && admin ? <Select style={{ width: 200 }} showSearch={{ optionFilterProp: 'label' }} options={departments.map((d) => ({ value: d.code, label: d.name }))} /> : <Input style={{ width: 140 }} disabled={!admin} />}
        </Form.Item>
        <Form.Item name="resourceCode" label={t('authorities.resource')}>
          <Input style={{ width: 180 }} placeholder="101001/000001" />
        </Form.Item>
        <Button type="primary" htmlType="submit">{t('authorities.claimAction')}</Button>
      </Form>
    </Card>
  );
}

/** 一数一源: which department is the authoritative source of each data element in the county. */
export function AuthoritiesPage() {
  const { t, bi, lang } = useI18n();
  const { me, can } = useSession();
  const { message } = App.useApp();
  const state = useApi<Authority[]>('/api/catalog/authorities');
  const admin = can('catalog:review');
  const release = async (a: Authority) => {
    try {
      await api.del(`/api/catalog/authorities/${encodeURIComponent(a.element.code)}`);
      message.success(t('authorities.released'));
      state.reload();
    } catch (e) {
      message.error(e instanceof ApiError ? bi(e.problem.detail) : t('state.error'));
    }
  };
  return (
    <>
      <Typography.Title level={3}>{t('authorities.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('authorities.hint')}</Typography.Paragraph>
      {can('catalog:write') && <ClaimForm onClaimed={state.reload} />}
      {state.error ? <ErrorState error={state.error} onRetry={state.reload} /> : (
        <Table<Authority>
          rowKey={(a) => a.element.code}
          loading={state.loading}
          dataSource={state.data ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('authorities.empty') }}
          pagination={{ defaultPageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t('item.element'), key: 'e', sorter: (a, b) => a.element.name.localeCompare(b.element.name, 'zh-CN'), render: (_: unknown, a) => <>{a.element.name} <Typography.Text type="secondary">{a.element.code}</Typography.Text></> },
            { title: t('authorities.department'), dataIndex: 'departmentName', sorter: (a, b) => a.departmentName.localeCompare(b.departmentName, 'zh-CN'), filters: [...new Set((state.data ?? []).map((a) => a.departmentName))].map((d) => ({ text: d, value: d })), onFilter: (v, a) => a.departmentName === v },
            { title: t('authorities.resource'), key: 'r', render: (_: unknown, a) => (a.resourceCode ? <Link to={resourcePath(a.resourceCode)}>{a.resourceName ?? a.resourceCode}</Link> : '—') },
            { title: t('authorities.claimedAt'), dataIndex: 'claimedAt', render: (v: string) => formatTime(v, lang) },
            {
              title: t('common.actions'),
              key: 'a',
              render: (_: unknown, a) => (admin || a.departmentCode === me?.departmentCode) && can('catalog:write') ? (
                <Space>
                  <Popconfirm title={t('authorities.releaseConfirm')} onConfirm={() => release(a)} okText={t('action.confirm')} cancelText={t('action.cancel')}>
                    <Button size="small" danger>{t('authorities.release')}</Button>
                  </Popconfirm>
                </Space>
              ) : null,
            },
          ]}
        />
      )}
    </>
  );
}
