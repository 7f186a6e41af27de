import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Button, Card, Col, DatePicker, Form, Input, Row, Select, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { api, ApiError, query } from '../../api/client.ts';
import type { ListedEntry } from '../../api/exchange-types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { ErrorState } from '../../components/states.tsx';
import { formatTime, useDepartments } from '../catalog/shared.tsx';
import { DecisionTag, useActionLabel } from './entry-view.tsx';

const PAGE = 50;
const ACTIONS = ['exchange.lookup', 'exchange.verify', 'exchange.change', 'grant.subscribe', 'grant.apply', 'grant.approve', 'grant.refuse', 'grant.revoke', 'grant.withdraw', 'grant.escalate', 'grant.resolve', 'exchange.settings', 'exchange.bind_source', 'tracker.hold'];
const FILTERS = ['department', 'subject', 'action', 'decision', 'from', 'to'] as const;

interface FilterValues {
  department?: string;
  subject?: string;
  action?: string;
  decision?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

/** 审计日志: every exchange call and decision, newest first, with filters kept in the address. */
export function AuditLogPage() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const label = useActionLabel();
  const departments = useDepartments();
  const [params, setParams] = useSearchParams();
  const [rows, setRows] = useState<ListedEntry[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const [more, setMore] = useState(false);
  const [form] = Form.useForm<FilterValues>();
  const filters = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? undefined]));
  const key = params.toString();

  const load = async (before?: number) => {
    setLoading(true);
    setError(null);
    try {
      const page = await api.get<ListedEntry[]>(`/api/audit/entries${query({ ...filters, before, limit: PAGE })}`);
      setRows((old) => (before === undefined ? page : [...old, ...page]));
      setMore(page.length === PAGE);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError({ status: 0, code: 'error', detail: String(e) }));
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    form.setFieldsValue({ ...filters, range: filters.from || filters.to ? [filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null] : null });
    void load();
  }, [key]);

  const apply = (v: FilterValues) => {
    const next = new URLSearchParams();
    for (const k of ['department', 'subject', 'action', 'decision'] as const) if (v[k]?.trim()) next.set(k, v[k]!.trim());
    if (v.range?.[0]) next.set('from', v.range[0].startOf('day').toISOString());
    if (v.range?.[1]) next.set('to', v.range[1].endOf('day').toISOString());
    setParams(next);
  };

  return (
    <>
      <Typography.Title level={3}>{t('audit.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('audit.hint')}</Typography.Paragraph>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form<FilterValues> form={form} layout="vertical" onFinish={apply}>
          <Row gutter={12}>
            <Col xs={12} md={5}>
              <Form.Item name="department" label={t('audit.filter.department')}>
                <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={(departments ?? []).map((d) => ({ value: d.code, label: d.name }))} />
              </Form.Item>
            </Col>
            <Col xs={12} md={5}><Form.Item name="subject" label={t('audit.filter.subject')}><Input allowClear placeholder={t('audit.filter.subjectHint')} /></Form.Item></Col>
            <Col xs={12} md={4}>
              <Form.Item name="action" label={t('audit.filter.action')}>
                <Select allowClear options={ACTIONS.map((a) => ({ value: a, label: label(a) }))} />
              </Form.Item>
            </Col>
            <Col xs={12} md={3}>
              <Form.Item name="decision" label={t('audit.filter.decision')}>
                <Select allowClear options={[{ value: 'allowed', label: t('audit.allowed') }, { value: 'refused', label: t('audit.refused') }]} />
              </Form.Item>
            </Col>
            <Col xs={24} md={7}><Form.Item name="range" label={t('audit.filter.range')}><DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} /></Form.Item></Col>
          </Row>
          <Space>
            <Button type="primary" htmlType="submit">{t('action.search')}</Button>
            <Button onClick={() => { form.resetFields(); setParams(new URLSearchParams()); }}>{t('action.reset')}</Button>
          </Space>
        </Form>
      </Card>
      {error ? <ErrorState error={error} onRetry={() => void load()} /> : (
        <>
          <Table<ListedEntry>
            rowKey="index"
            size="small"
            loading={loading}
            dataSource={rows}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('audit.empty') }}
            onRow={(r) => ({ onClick: () => navigate(`/audit/entries/${r.index}`), style: { cursor: 'pointer' } })}
            columns={[
              { title: t('audit.col.index'), dataIndex: 'index', width: 80 },
              { title: t('audit.col.time'), key: 'time', render: (_: unknown, r) => formatTime(r.entry.time, lang) },
              { title: t('audit.col.action'), key: 'action', render: (_: unknown, r) => label(r.entry.action) },
              { title: t('audit.col.actor'), key: 'actor', render: (_: unknown, r) => r.entry.actor.department ?? r.entry.actor.kind },
              { title: t('audit.col.resource'), key: 'resource', render: (_: unknown, r) => r.entry.resource?.replace(/^resource:/, '') ?? '—' },
              { title: t('audit.col.subject'), key: 'subject', render: (_: unknown, r) => r.entry.subject ?? '—' },
              { title: t('audit.col.purpose'), key: 'purpose', render: (_: unknown, r) => r.entry.purpose ?? '—' },
              { title: t('audit.col.decision'), key: 'decision', render: (_: unknown, r) => <DecisionTag decision={r.entry.outcome.decision} /> },
            ]}
          />
          {more && <Button style={{ marginTop: 12 }} loading={loading} onClick={() => void load(rows[rows.length - 1]?.index)}>{t('audit.older')}</Button>}
        </>
      )}
    </>
  );
}
