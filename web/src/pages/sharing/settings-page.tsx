import { useEffect } from 'react';
import { App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Table, Typography } from 'antd';
import { api, ApiError } from '../../api/client.ts';
import type { ExchangeSettings, SourcesView } from '../../api/exchange-types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ErrorState } from '../../components/states.tsx';
import { useApi } from '../../components/use-api.ts';
import { showProblems } from '../catalog/form-errors.ts';

/** 交换设置 (platform admin): answer deadlines and validity limits, and which data source serves a resource. */
export function ExchangeSettingsPage() {
  const { t, bi } = useI18n();
  const { message } = App.useApp();
  const settings = useApi<ExchangeSettings>('/api/exchange/settings');
  const sources = useApi<SourcesView>('/api/exchange/sources');
  const [form] = Form.useForm<ExchangeSettings>();
  const [bind] = Form.useForm<{ code: string; source: string }>();
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  const fail = (f: typeof form | typeof bind, e: unknown) => {
    if (e instanceof ApiError) showProblems(f, e.problem.errors ?? [], bi);
    message.error(e instanceof ApiError ? bi(e.problem.detail) : t('state.error'));
  };
  const save = async (v: ExchangeSettings) => {
    try {
      await api.put('/api/exchange/settings', v);
      message.success(t('form.saved'));
      settings.reload();
    } catch (e) {
      fail(form, e);
    }
  };
  const bindSource = async (v: { code: string; source: string }) => {
    try {
      await api.put(`/api/exchange/sources/${v.code.trim()}`, { source: v.source });
      message.success(t('settings.bound'));
      bind.resetFields();
      sources.reload();
    } catch (e) {
      fail(bind, e);
    }
  };

  return (
    <>
      <Typography.Title level={3}>{t('settings.title')}</Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('settings.rules')}>
            {settings.error ? <ErrorState error={settings.error} onRetry={settings.reload} /> : (
              <Form<ExchangeSettings> form={form} layout="vertical" onFinish={save}>
                <Form.Item name="decisionWorkingDays" label={t('settings.decisionWorkingDays')} extra={t('settings.decisionHint')} rules={[{ required: true, type: 'integer', min: 1, max: 60 }]}><InputNumber min={1} max={60} precision={0} /></Form.Item>
                <Form.Item name="subscriptionDays" label={t('settings.subscriptionDays')} rules={[{ required: true, type: 'integer', min: 1, max: 3650 }]}><InputNumber min={1} max={3650} precision={0} /></Form.Item>
                <Form.Item name="maxGrantDays" label={t('settings.maxGrantDays')} rules={[{ required: true, type: 'integer', min: 1, max: 3650 }]}><InputNumber min={1} max={3650} precision={0} /></Form.Item>
                <Button type="primary" htmlType="submit">{t('action.save')}</Button>
              </Form>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('settings.sources')}>
            <Typography.Paragraph type="secondary">{t('settings.sourcesHint', { source: sources.data?.defaultSource ?? '' })}</Typography.Paragraph>
            {sources.error ? <ErrorState error={sources.error} onRetry={sources.reload} /> : (
              <>
                <Table
                  size="small"
                  rowKey="resourceId"
                  pagination={false}
                  loading={sources.loading}
                  dataSource={sources.data?.bindings ?? []}
                  locale={{ emptyText: t('settings.noBindings') }}
                  columns={[
                    { title: t('catalog.col.code'), dataIndex: 'resourceCode' },
                    { title: t('settings.source'), dataIndex: 'source', render: (s: string) => sources.data?.sources.find((x) => x.name === s)?.label ?? s },
                  ]}
                />
                <Form form={bind} layout="inline" onFinish={bindSource} style={{ marginTop: 16, rowGap: 8 }}>
                  <Form.Item name="code" label={t('catalog.col.code')} rules={[{ required: true, pattern: /^\d{6,9}\/\d{6}$/, message: t('form.related.format', { code: '' }) }]}><Input placeholder="101001/000001" style={{ width: 160 }} /></Form.Item>
                  <Form.Item name="source" label={t('settings.source')} rules={[{ required: true, message: t('form.required') }]}>
                    <Select style={{ width: 220 }} options={(sources.data?.sources ?? []).map((s) => ({ value: s.name, label: s.label }))} />
                  </Form.Item>
                  <Button htmlType="submit">{t('settings.bind')}</Button>
                </Form>
              </>
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
