import { useState } from 'react';
import { App, Button, Checkbox, Form, Input, InputNumber, Modal, Popconfirm, Radio, Space } from 'antd';
import { api, ApiError, type FieldProblem } from '../../api/client.ts';
import type { ApplicationView } from '../../api/exchange-types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../session/session.tsx';
import { ProblemAlert } from '../../components/states.tsx';
import { showProblems } from '../catalog/form-errors.ts';

type Ask = 'approve' | 'refuse' | 'escalate' | 'resolve';

interface DecisionValues {
  items?: string[];
  durationDays?: number;
  quotaPerDay?: number | null;
  reason?: string;
  decision?: 'uphold' | 'approve';
}

/** What each side may do with an application: decide (provider), withdraw or escalate (consumer), resolve (admin). */
export function ApplicationActions({ app, side, onChanged }: { app: ApplicationView; side: 'consumer' | 'provider'; onChanged: () => void }) {
  const { t, bi } = useI18n();
  const { can, me } = useSession();
  const { message } = App.useApp();
  const [asking, setAsking] = useState<Ask | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ error: unknown; unplaced: FieldProblem[] } | null>(null);
  const [form] = Form.useForm<DecisionValues>();
  const pending = app.status === 'pending';
  const provider = side === 'provider' && me?.departmentId === app.provider.id;
  const consumer = side === 'consumer' && me?.departmentId === app.consumer.id;
  const fewer = app.approvedItems !== null && app.approvedItems.length < app.items.length;
  const disputable = !app.escalation && (app.status === 'refused' || fewer || app.overdue);

  const post = async (path: string, body: unknown, done: string) => {
    setBusy(true);
    setFailure(null);
    try {
      await api.post(`/api/exchange/applications/${app.id}/${path}`, body);
      message.success(done);
      setAsking(null);
      onChanged();
    } catch (e) {
      setFailure({ error: e, unplaced: e instanceof ApiError ? showProblems(form, e.problem.errors ?? [], bi) : [] });
    } finally {
      setBusy(false);
    }
  };

  const submit = (v: DecisionValues) => {
    const reason = v.reason?.trim() || undefined;
    if (asking === 'approve') return post('decision', { approve: true, items: v.items, durationDays: v.durationDays, quotaPerDay: v.quotaPerDay ?? null, ...(reason ? { reason } : {}) }, t('decide.approved'));
    if (asking === 'refuse') return post('decision', { approve: false, reason }, t('decide.refused'));
    if (asking === 'escalate') return post('escalate', { reason }, t('decide.escalated'));
    if (asking === 'resolve') return post('resolve', { decision: v.decision, reason }, t('decide.resolved'));
  };

  const open = (ask: Ask) => {
    setFailure(null);
    form.resetFields();
    form.setFieldsValue({ items: app.items, durationDays: app.durationDays, quotaPerDay: app.expectedVolume, decision: 'approve' });
    setAsking(ask);
  };

  const reasonRequired = asking !== 'approve';
  return (
    <>
      <Space wrap size={4}>
        {provider && pending && can('exchange:decide') && <Button size="small" type="primary" onClick={() => open('approve')}>{t('decide.approve')}</Button>}
        {provider && pending && can('exchange:decide') && <Button size="small" danger onClick={() => open('refuse')}>{t('decide.refuse')}</Button>}
        {consumer && pending && (
          <Popconfirm title={t('decide.withdrawConfirm')} onConfirm={() => post('withdraw', {}, t('decide.withdrawn'))} okText={t('action.confirm')} cancelText={t('action.cancel')}>
            <Button size="small">{t('decide.withdraw')}</Button>
          </Popconfirm>
        )}
        {(consumer || provider) && disputable && <Button size="small" onClick={() => open('escalate')}>{t('decide.escalate')}</Button>}
        {can('exchange:admin') && app.escalation?.status === 'open' && <Button size="small" type="primary" onClick={() => open('resolve')}>{t('decide.resolve')}</Button>}
      </Space>
      <Modal open={asking !== null} title={asking ? t(`decide.title.${asking}`) : ''} onCancel={() => setAsking(null)} onOk={() => form.submit()} okText={t('action.confirm')} confirmLoading={busy} forceRender width={600}>
        {failure && <ProblemAlert error={failure.error} unplaced={failure.unplaced} />}
        <Form<DecisionValues> form={form} layout="vertical" onFinish={submit}>
          {asking === 'approve' && (
            <>
              <Form.Item name="items" label={t('decide.items')} extra={t('decide.itemsHint')} rules={[{ required: true, type: 'array', min: 1, message: t('apply.itemsRequired') }]}>
                <Checkbox.Group options={app.items.map((i) => ({ value: i, label: i }))} />
              </Form.Item>
              <Space wrap>
                <Form.Item name="durationDays" label={t('apply.duration')} rules={[{ required: true, type: 'integer', min: 1, max: app.durationDays, message: t('decide.durationRule', { max: app.durationDays }) }]}><InputNumber min={1} max={app.durationDays} precision={0} /></Form.Item>
                <Form.Item name="quotaPerDay" label={t('decide.quota')}><InputNumber min={1} precision={0} /></Form.Item>
              </Space>
            </>
          )}
          {asking === 'resolve' && (
            <Form.Item name="decision" label={t('decide.resolution')}>
              <Radio.Group options={[{ value: 'approve', label: t('decide.resolveApprove') }, { value: 'uphold', label: t('decide.resolveUphold') }]} />
            </Form.Item>
          )}
          <Form.Item name="reason" label={t('decide.reason')} rules={reasonRequired ? [{ required: true, whitespace: true, message: t('decide.reasonRequired') }] : []} extra={asking === 'approve' ? t('decide.reasonHint') : undefined}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
