import { useEffect } from 'react';
import { App, Button, Card, Col, Empty, Form, Radio, Row, Select, Statistic, Table, Typography } from 'antd';
import { api, ApiError } from '../../api/client.ts';
import type { BatchReport, IngestProfile, MappingView, QualityView } from '../../api/ingest-types.ts';
import type { Resource } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../session/session.tsx';
import { Loadable } from '../../components/states.tsx';
import { useApi } from '../../components/use-api.ts';
import { formatTime } from '../catalog/shared.tsx';
import { showProblems } from '../catalog/form-errors.ts';
import { ChartCard } from '../overview/chart.tsx';
import { BatchLink, percent } from './batch-report.tsx';
import { QualityBars } from './quality-bars.tsx';

/** 报送批次: every delivery of the resource, newest first. */
export function BatchesPanel({ code }: { code: string }) {
  const { t, lang } = useI18n();
  const state = useApi<BatchReport[]>(`/api/ingest/resources/${code}/batches`);
  return (
    <Loadable state={state}>
      {(batches) => (
        <Table<BatchReport>
          size="small"
          rowKey="id"
          dataSource={batches}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('ingest.noBatches') }}
          pagination={{ defaultPageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t('batch.time'), dataIndex: 'startedAt', render: (v: string) => formatTime(v, lang) },
            { title: t('batch.file'), dataIndex: 'fileName', render: (v: string | null, b) => v ?? b.source },
            { title: t('batch.rowsRead'), dataIndex: 'rowsRead', align: 'right' },
            { title: t('batch.accepted'), dataIndex: 'accepted', align: 'right' },
            { title: t('batch.quarantined'), dataIndex: 'quarantined', align: 'right' },
            { title: t('quality.score'), key: 'q', align: 'right', render: (_: unknown, b) => (b.quality ? b.quality.score.toFixed(1) : '—') },
            { title: t('common.actions'), key: 'a', render: (_: unknown, b) => <BatchLink id={b.id} /> },
          ]}
        />
      )}
    </Loadable>
  );
}

/** 列映射: which column of the department's file feeds which information item (null: ignored). */
export function MappingPanel({ code }: { code: string }) {
  const { t, bi } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const state = useApi<MappingView>(`/api/ingest/resources/${code}/mapping`);
  const [form] = Form.useForm<Record<string, string>>();
  useEffect(() => {
    if (state.data) form.setFieldsValue(Object.fromEntries(state.data.lastHeader.map((h) => [h, (state.data!.saved?.[h] ?? state.data!.effective[h]) ?? ''])));
  }, [state.data, form]);
  const save = async (v: Record<string, string>) => {
    try {
      await api.put(`/api/ingest/resources/${code}/mapping`, { mapping: Object.fromEntries(Object.entries(v).map(([h, item]) => [h, item || null])) });
      message.success(t('mapping.saved'));
      state.reload();
    } catch (e) {
      if (e instanceof ApiError) showProblems(form, e.problem.errors ?? [], bi);
      message.error(e instanceof ApiError ? bi(e.problem.detail) : t('state.error'));
    }
  };
  return (
    <Loadable state={state}>
      {(m) => m.lastHeader.length === 0 ? <Empty description={t('mapping.none')} /> : (
        <Form form={form} layout="horizontal" labelCol={{ span: 8 }} wrapperCol={{ span: 12 }} onFinish={save} style={{ maxWidth: 760 }}>
          <Typography.Paragraph type="secondary">{t('mapping.hint')}</Typography.Paragraph>
          {m.lastHeader.map((h) => (
            <Form.Item key={h} name={h} label={h}>
              <Select allowClear placeholder={t('mapping.ignore')} options={m.items.map((i) => ({ value: i.name, label: `${i.name}${i.required ? ' *' : ''}${i.isKey ? `（${t('item.key')}）` : ''}` }))} />
            </Form.Item>
          ))}
          {can('ingest:submit') && <Form.Item wrapperCol={{ offset: 8 }}><Button type="primary" htmlType="submit">{t('mapping.confirm')}</Button></Form.Item>}
        </Form>
      )}
    </Loadable>
  );
}

/** 数据质量: the score now (timeliness counted to today) and its history by batch. */
export function QualityPanel({ code }: { code: string }) {
  const { t, lang } = useI18n();
  const state = useApi<QualityView>(`/api/ingest/resources/${code}/quality`);
  return (
    <Loadable state={state}>
      {(q) => !q.current ? <Empty description={t('quality.none')} /> : (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={10}>
            <Card size="small">
              <Row gutter={12}>
                <Col span={12}><Statistic title={t('quality.score')} value={q.current.score} precision={1} /></Col>
                <Col span={12}><Statistic title={t('quality.acceptance')} value={percent(q.current.acceptance)} /></Col>
              </Row>
              <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('quality.lastDelivery', { at: formatTime(q.lastDeliveryAt, lang), cycle: q.updateCycle })}{q.current.overdue ? ` · ${t('quality.overdue')}` : ''}</Typography.Paragraph>
              <QualityBars metrics={q.current} />
            </Card>
          </Col>
          <Col xs={24} lg={14}>
            <ChartCard testId="quality-history" title={t('quality.history')} kind="line" additive={false} rows={[...q.history].reverse().map((h, i) => ({ key: `${h.at}-${i}`, label: formatTime(h.at, lang).slice(5), count: Math.round(h.score * 10) / 10 }))} />
          </Col>
        </Row>
      )}
    </Loadable>
  );
}

/** 归集设置: required items (a row missing one is quarantined) and what a failed cross-field check does. */
export function ProfilePanel({ resource }: { resource: Resource }) {
  const { t, bi } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const state = useApi<IngestProfile>(`/api/ingest/resources/${resource.code}/profile`);
  const [form] = Form.useForm<IngestProfile>();
  useEffect(() => {
    if (state.data) form.setFieldsValue({ required: state.data.required ?? [], crossField: state.data.crossField ?? 'quarantine' });
  }, [state.data, form]);
  const save = async (v: IngestProfile) => {
    try {
      await api.put(`/api/ingest/resources/${resource.code}/profile`, v);
      message.success(t('form.saved'));
    } catch (e) {
      if (e instanceof ApiError) showProblems(form, e.problem.errors ?? [], bi);
      message.error(e instanceof ApiError ? bi(e.problem.detail) : t('state.error'));
    }
  };
  return (
    <Loadable state={state}>
      {() => (
        <Form form={form} layout="vertical" onFinish={save} style={{ maxWidth: 640 }} disabled={!can('catalog:write')}>
          <Form.Item name="required" label={t('profile.required')} extra={t('profile.requiredHint')}>
            <Select mode="multiple" options={resource.items.map((i) => ({ value: i.name, label: i.name }))} />
          </Form.Item>
          <Form.Item name="crossField" label={t('profile.crossField')}>
            <Radio.Group options={[{ value: 'quarantine', label: t('profile.quarantine') }, { value: 'warn', label: t('profile.warn') }]} />
          </Form.Item>
          <Button type="primary" htmlType="submit">{t('action.save')}</Button>
        </Form>
      )}
    </Loadable>
  );
}
