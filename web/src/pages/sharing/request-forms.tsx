import { useState } from 'react';
import { App, Checkbox, Form, Input, InputNumber, Modal, Radio } from 'antd';
import { api, ApiError, type FieldProblem } from '../../api/client.ts';
import type { ApplicationView, GrantView } from '../../api/exchange-types.ts';
import type { Resource } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ProblemAlert } from '../../components/states.tsx';
import { showProblems } from '../catalog/form-errors.ts';

interface ApplyValues {
  purpose: string;
  basis: string;
  items: string[];
  mode: 'lookup' | 'verify';
  durationDays: number;
  expectedVolume: number;
}

/** 申请有条件共享: purpose, legal basis, the items needed, mode, duration and expected volume. */
export function ApplyModal({ resource, onClose, onDone }: { resource: Resource; onClose: () => void; onDone: (a: ApplicationView) => void }) {
  const { t, bi } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ApplyValues>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ error: unknown; unplaced: FieldProblem[] } | null>(null);
  const submit = async (v: ApplyValues) => {
    setBusy(true);
    setFailure(null);
    try {
      const made = await api.post<ApplicationView>('/api/exchange/applications', { resource: resource.code, purpose: v.purpose.trim(), basis: v.basis.trim(), items: v.items, mode: v.mode, durationDays: v.durationDays, expectedVolume: v.expectedVolume });
      message.success(t('apply.done'));
      onDone(made);
    } catch (e) {
      setFailure({ error: e, unplaced: e instanceof ApiError ? showProblems(form, e.problem.errors ?? [], bi) : [] });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('apply.title', { name: resource.name })} onCancel={onClose} onOk={() => form.submit()} okText={t('apply.submit')} confirmLoading={busy} width={640}>
      {resource.sharing.condition && <p>{t('apply.condition')}{t('common.colon')}{resource.sharing.condition}</p>}
      {failure && <ProblemAlert error={failure.error} unplaced={failure.unplaced} />}
      <Form<ApplyValues> form={form} layout="vertical" onFinish={submit} initialValues={{ items: [], mode: 'lookup', durationDays: 365, expectedVolume: 100 }}>
        <Form.Item name="purpose" label={t('apply.purpose')} extra={t('apply.purposeHint')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 200 }]}><Input maxLength={200} /></Form.Item>
        <Form.Item name="basis" label={t('apply.basis')} rules={[{ required: true, whitespace: true, message: t('apply.basisRequired') }, { max: 1000 }]}><Input.TextArea rows={2} maxLength={1000} /></Form.Item>
        <Form.Item name="items" label={t('apply.items')} extra={t('apply.itemsHint')} rules={[{ required: true, type: 'array', min: 1, message: t('apply.itemsRequired') }]}>
          <Checkbox.Group options={resource.items.map((i) => ({ value: i.name, label: i.name }))} />
        </Form.Item>
        <Form.Item name="mode" label={t('apply.mode')}>
          <Radio.Group options={[{ value: 'lookup', label: t('mode.lookup') }, { value: 'verify', label: t('mode.verify') }]} />
        </Form.Item>
        <Form.Item name="durationDays" label={t('apply.duration')} rules={[{ required: true, type: 'integer', min: 1, max: 3650, message: t('apply.durationRule') }]}><InputNumber min={1} max={3650} precision={0} /></Form.Item>
        <Form.Item name="expectedVolume" label={t('apply.volume')} rules={[{ required: true, type: 'integer', min: 1, message: t('apply.volumeRule') }]}><InputNumber min={1} precision={0} /></Form.Item>
      </Form>
    </Modal>
  );
}

/** 订阅无条件共享: granted at once, still for a stated purpose and the chosen items. */
export function SubscribeModal({ resource, onClose, onDone }: { resource: Resource; onClose: () => void; onDone: (g: GrantView) => void }) {
  const { t, bi } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ purpose: string; items: string[] }>();
  const [failure, setFailure] = useState<{ error: unknown; unplaced: FieldProblem[] } | null>(null);
  const submit = async (v: { purpose: string; items: string[] }) => {
    setFailure(null);
    try {
      const g = await api.post<GrantView>('/api/exchange/subscriptions', { resource: resource.code, purpose: v.purpose.trim(), ...(v.items.length ? { items: v.items } : {}) });
      message.success(t('subscribe.done'));
      onDone(g);
    } catch (e) {
      setFailure({ error: e, unplaced: e instanceof ApiError ? showProblems(form, e.problem.errors ?? [], bi) : [] });
    }
  };
  return (
    <Modal open title={t('subscribe.title', { name: resource.name })} onCancel={onClose} onOk={() => form.submit()} okText={t('subscribe.submit')}>
      {failure && <ProblemAlert error={failure.error} unplaced={failure.unplaced} />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ items: [] }}>
        <Form.Item name="purpose" label={t('apply.purpose')} extra={t('apply.purposeHint')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}><Input maxLength={200} /></Form.Item>
        <Form.Item name="items" label={t('apply.items')} extra={t('subscribe.itemsHint')}>
          <Checkbox.Group options={resource.items.map((i) => ({ value: i.name, label: i.name }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
