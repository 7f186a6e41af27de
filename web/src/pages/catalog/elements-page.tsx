import { useState } from 'react';
import { App, Button, Card, Col, Form, Input, InputNumber, Modal, Row, Select, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api, ApiError, type FieldProblem } from '../../api/client.ts';
import type { DataElement } from '../../api/types.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { useSession } from '../../session/session.tsx';
import { ErrorState, ProblemAlert } from '../../components/states.tsx';
import { useApi } from '../../components/use-api.ts';
import { showProblems } from './form-errors.ts';
import { invalidate } from './shared.tsx';

const DATA_TYPES = ['C', 'N', 'Y', 'D', 'T', 'L', 'M', 'G', 'B', 'I', 'F'];

interface ElementValues {
  code: string;
  name: string;
  dataType: string;
  maxLength?: number;
  pattern?: string;
  description?: string;
}

function NewElement({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: () => void }) {
  const { t, bi } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ElementValues>();
  const [failure, setFailure] = useState<{ error: unknown; unplaced: FieldProblem[] } | null>(null);
  const create = async (v: ElementValues) => {
    setFailure(null);
    try {
      await api.post('/api/catalog/elements', { code: v.code.trim(), name: v.name.trim(), dataType: v.dataType, ...(v.maxLength ? { maxLength: v.maxLength } : {}), ...(v.pattern?.trim() ? { pattern: v.pattern.trim() } : {}), ...(v.description?.trim() ? { description: v.description.trim() } : {}) });
      message.success(t('elements.created'));
      invalidate('/api/catalog/elements');
      form.resetFields();
      onCreated();
    } catch (e) {
      setFailure({ error: e, unplaced: e instanceof ApiError ? showProblems(form, e.problem.errors ?? [], bi) : [] });
    }
  };
  return (
    <Modal open={open} title={t('elements.new')} onCancel={onClose} onOk={() => form.submit()} okText={t('action.save')} forceRender>
      {failure && <ProblemAlert error={failure.error} unplaced={failure.unplaced} />}
      <Form<ElementValues> form={form} layout="vertical" onFinish={create} initialValues={{ dataType: 'C' }}>
        <Row gutter={12}>
          <Col span={12}><Form.Item name="code" label={t('elements.code')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}><Input /></Form.Item></Col>
          <Col span={12}><Form.Item name="name" label={t('elements.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}><Input /></Form.Item></Col>
          <Col span={12}><Form.Item name="dataType" label={t('item.dataType')} rules={[{ required: true }]}><Select options={DATA_TYPES.map((d) => ({ value: d, label: `${d} ${t(`dataType.${d}` as MessageKey)}` }))} /></Form.Item></Col>
          <Col span={12}><Form.Item name="maxLength" label={t('elements.maxLength')}><InputNumber min={1} precision={0} style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={24}><Form.Item name="pattern" label={t('elements.pattern')} extra={t('elements.patternHint')}><Input /></Form.Item></Col>
          <Col span={24}><Form.Item name="description" label={t('elements.description')}><Input.TextArea rows={2} /></Form.Item></Col>
        </Row>
      </Form>
    </Modal>
  );
}

/** 数据元: the national standard elements the catalog binds items to, and the county's own. */
export function ElementsPage() {
  const { t, lang } = useI18n();
  const { can } = useSession();
  const state = useApi<DataElement[]>('/api/catalog/elements');
  const [filter, setFilter] = useState('');
  const [adding, setAdding] = useState(false);
  const q = filter.trim();
  const rows = (state.data ?? []).filter((e) => !q || e.name.includes(q) || e.code.includes(q) || e.nameEn.toLowerCase().includes(q.toLowerCase()) || e.synonyms.some((s) => s.includes(q)));
  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8, marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('elements.title')}</Typography.Title>
        {can('standards:write') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('elements.new')}</Button>}
      </div>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder={t('elements.search')} value={filter} onChange={(e) => setFilter(e.target.value)} style={{ maxWidth: 360 }} />
      </Card>
      {state.error ? <ErrorState error={state.error} onRetry={state.reload} /> : (
        <Table<DataElement>
          rowKey="code"
          size="middle"
          loading={state.loading}
          dataSource={rows}
          scroll={{ x: 'max-content' }}
          pagination={{ defaultPageSize: 20, showTotal: (n) => t('common.total', { n }) }}
          columns={[
            { title: t('elements.code'), dataIndex: 'code', sorter: (a, b) => a.code.localeCompare(b.code) },
            { title: t('elements.name'), key: 'name', sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'), render: (_: unknown, e) => (lang === 'en' ? e.nameEn : e.name) },
            { title: t('item.dataType'), dataIndex: 'dataType', filters: DATA_TYPES.map((d) => ({ text: d, value: d })), onFilter: (v, e) => e.dataType === v },
            { title: t('elements.standard'), dataIndex: 'standard', responsive: ['md'] },
            { title: t('elements.synonyms'), key: 's', responsive: ['lg'], render: (_: unknown, e) => e.synonyms.slice(0, 4).map((s) => <Tag key={s}>{s}</Tag>) },
            { title: t('elements.source'), dataIndex: 'builtin', filters: [{ text: t('elements.builtin'), value: true }, { text: t('elements.custom'), value: false }], onFilter: (v, e) => e.builtin === v, render: (b: boolean) => (b ? t('elements.builtin') : <Tag color="purple">{t('elements.custom')}</Tag>) },
          ]}
        />
      )}
      {can('standards:write') && <NewElement open={adding} onClose={() => setAdding(false)} onCreated={() => { setAdding(false); state.reload(); }} />}
    </>
  );
}
