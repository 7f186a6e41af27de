import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { App, Button, Card, Form, Input, InputNumber, Modal, Radio, Segmented, Table, Tabs, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api, ApiError, type FieldProblem } from '../../api/client.ts';
import type { ObjectionView } from '../../api/ingest-types.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { useSession } from '../../session/session.tsx';
import { Deadline } from '../../components/deadline.tsx';
import { ErrorState, ProblemAlert } from '../../components/states.tsx';
import { useApi } from '../../components/use-api.ts';
import { showProblems } from '../catalog/form-errors.ts';
import { formatTime, resourcePath } from '../catalog/shared.tsx';

const STATUS_COLORS: Record<string, string> = { open: 'processing', corrected: 'green', confirmed: 'default' };

/** A modal form that POSTs and shows the server's field problems beside the fields. */
function useModalForm<T extends object>() {
  const [form] = Form.useForm<T>();
  const [failure, setFailure] = useState<{ error: unknown; unplaced: FieldProblem[] } | null>(null);
  const { bi } = useI18n();
  const fail = (e: unknown) => setFailure({ error: e, unplaced: e instanceof ApiError ? showProblems(form, e.problem.errors ?? [], bi) : [] });
  return { form, failure, fail, clear: () => setFailure(null) };
}

function RaiseModal({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { form, failure, fail } = useModalForm<{ resourceCode: string; key: string; item: string; reason: string; workingDays?: number }>();
  const raise = async (v: { resourceCode: string; key: string; item: string; reason: string; workingDays?: number }) => {
    try {
      await api.post('/api/ingest/objections', { resourceCode: v.resourceCode.trim(), key: v.key.trim(), item: v.item.trim(), reason: v.reason.trim(), ...(v.workingDays ? { workingDays: v.workingDays } : {}) });
      message.success(t('objections.raised'));
      onDone();
    } catch (e) {
      fail(e);
    }
  };
  return (
    <Modal open title={t('objections.raise')} onCancel={onClose} onOk={() => form.submit()} okText={t('objections.raise')}>
      {failure && <ProblemAlert error={failure.error} unplaced={failure.unplaced} />}
      <Form form={form} layout="vertical" onFinish={raise}>
        <Form.Item name="resourceCode" label={t('catalog.col.code')} rules={[{ required: true, message: t('form.required') }]}><Input placeholder="101001/000001" /></Form.Item>
        <Form.Item name="key" label={t('objections.key')} rules={[{ required: true, message: t('form.required') }]}><Input /></Form.Item>
        <Form.Item name="item" label={t('objections.item')} rules={[{ required: true, message: t('form.required') }]}><Input /></Form.Item>
        <Form.Item name="reason" label={t('objections.reason')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
        <Form.Item name="workingDays" label={t('objections.workingDays')} extra={t('objections.workingDaysHint')}><InputNumber min={1} max={60} precision={0} /></Form.Item>
      </Form>
    </Modal>
  );
}

function ResolveModal({ objection, onClose, onDone }: { objection: ObjectionView; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { form, failure, fail } = useModalForm<{ action: 'correct' | 'confirm'; value?: string; explanation?: string }>();
  const action = Form.useWatch('action', form) ?? 'correct';
  const resolve = async (v: { action: 'correct' | 'confirm'; value?: string; explanation?: string }) => {
    try {
      await api.post(`/api/ingest/objections/${objection.id}/resolve`, v.action === 'correct' ? { action: 'correct', value: v.value ?? '', ...(v.explanation?.trim() ? { explanation: v.explanation.trim() } : {}) } : { action: 'confirm', explanation: v.explanation?.trim() ?? '' });
      message.success(t('objections.resolved'));
      onDone();
    } catch (e) {
      fail(e);
    }
  };
  return (
    <Modal open title={t('objections.resolveTitle', { item: objection.item })} onCancel={onClose} onOk={() => form.submit()} okText={t('action.confirm')}>
      <p>{t('objections.current')}{t('common.colon')}<b>{objection.value ?? '—'}</b> · {t('objections.reason')}{t('common.colon')}{objection.reason}</p>
      {failure && <ProblemAlert error={failure.error} unplaced={failure.unplaced} />}
      <Form form={form} layout="vertical" onFinish={resolve} initialValues={{ action: 'correct' }}>
        <Form.Item name="action"><Radio.Group options={[{ value: 'correct', label: t('objections.correct') }, { value: 'confirm', label: t('objections.confirm') }]} /></Form.Item>
        {action === 'correct' && <Form.Item name="value" label={t('objections.newValue')} rules={[{ required: true, message: t('form.required') }]}><Input /></Form.Item>}
        <Form.Item name="explanation" label={t('objections.explanation')} rules={action === 'confirm' ? [{ required: true, whitespace: true, message: t('form.required') }] : []}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
      </Form>
    </Modal>
  );
}

function Objections({ box, status }: { box: 'inbox' | 'outbox'; status: string }) {
  const { t, lang } = useI18n();
  const [resolving, setResolving] = useState<ObjectionView | null>(null);
  const list = useApi<ObjectionView[]>(`/api/ingest/objections/${box}${status === 'all' ? '' : `?status=${status}`}`);
  if (list.error) return <ErrorState error={list.error} onRetry={list.reload} />;
  return (
    <>
      <Table<ObjectionView>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t(box === 'inbox' ? 'objections.emptyInbox' : 'objections.emptyOutbox') }}
        pagination={{ defaultPageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('catalog.col.code'), dataIndex: 'resourceCode', render: (c: string) => <Link to={resourcePath(c)}>{c}</Link> },
          { title: t('objections.key'), dataIndex: 'recordKey' },
          { title: t('objections.item'), dataIndex: 'item' },
          { title: t('objections.value'), dataIndex: 'value', render: (v: string | null, o) => (o.newValue ? <>{v ?? '—'} → <b>{o.newValue}</b></> : v ?? '—') },
          { title: t('objections.reason'), dataIndex: 'reason' },
          { title: box === 'inbox' ? t('objections.raisedBy') : t('objections.raisedAt'), key: 'by', render: (_: unknown, o) => (box === 'inbox' ? o.raisedBy.name : formatTime(o.raisedAt, lang)) },
          { title: t('objections.deadline'), dataIndex: 'deadline', sorter: (a, b) => a.deadline.localeCompare(b.deadline), render: (_: unknown, o) => <Deadline iso={o.deadline} done={o.status !== 'open'} /> },
          { title: t('catalog.col.status'), dataIndex: 'status', render: (s: string, o) => <><Tag color={STATUS_COLORS[s] ?? 'default'}>{t(`objections.status.${s}` as MessageKey)}</Tag>{o.overdue && <Tag color="red">{t('application.overdue')}</Tag>}</> },
          { title: t('common.actions'), key: 'a', fixed: 'right', render: (_: unknown, o) => (box === 'inbox' && o.status === 'open' ? <Button size="small" type="primary" onClick={() => setResolving(o)}>{t('objections.verify')}</Button> : o.explanation ?? null) },
        ]}
      />
      {resolving && <ResolveModal objection={resolving} onClose={() => setResolving(null)} onDone={() => { setResolving(null); list.reload(); }} />}
    </>
  );
}

/** 数据异议: objections to the department's data (to verify within the deadline) and those it raised. */
export function ObjectionsPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const [raising, setRaising] = useState(false);
  const [version, setVersion] = useState(0);
  const box = params.get('box') === 'outbox' || !can('objection:resolve') ? 'outbox' : 'inbox';
  const status = params.get('status') ?? 'open';
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    next.set(k, v);
    setParams(next);
  };
  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('objections.title')}</Typography.Title>
        {can('objection:raise') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setRaising(true)}>{t('objections.raise')}</Button>}
      </div>
      <Typography.Paragraph type="secondary">{t('objections.hint')}</Typography.Paragraph>
      <Card size="small">
        <Tabs
          activeKey={box}
          onChange={(k) => set('box', k)}
          destroyOnHidden
          tabBarExtraContent={<Segmented size="small" value={status} onChange={(v) => set('status', String(v))} options={['open', 'corrected', 'confirmed', 'all'].map((s) => ({ value: s, label: t(`objections.status.${s}` as MessageKey) }))} />}
          items={[
            ...(can('objection:resolve') ? [{ key: 'inbox', label: t('objections.inbox'), children: <Objections key={`i${version}`} box="inbox" status={status} /> }] : []),
            { key: 'outbox', label: t('objections.outbox'), children: <Objections key={`o${version}`} box="outbox" status={status} /> },
          ]}
        />
      </Card>
      {raising && <RaiseModal onClose={() => setRaising(false)} onDone={() => { setRaising(false); setVersion((n) => n + 1); }} />}
    </>
  );
}
