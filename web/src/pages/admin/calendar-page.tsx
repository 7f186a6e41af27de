import { useState } from 'react';
import dayjs, { type Dayjs } from 'dayjs';
import { App, Badge, Calendar, Card, Col, Form, Input, Modal, Radio, Row, Table, Tag, Typography } from 'antd';
import { api, ApiError } from '../../api/client.ts';
import type { CalendarDay } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../session/session.tsx';
import { ErrorState } from '../../components/states.tsx';
import { useApi } from '../../components/use-api.ts';

type Kind = 'holiday' | 'workday' | 'default';

/** Whether a date is worked: an override wins, otherwise Monday to Friday. */
export function isWorkingDay(date: string, overrides: ReadonlyMap<string, CalendarDay>): boolean {
  const o = overrides.get(date);
  if (o) return o.kind === 'workday';
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** 工作日历: holidays and make-up workdays (调休) that the deadlines of objections and applications count on. */
export function CalendarPage() {
  const { t, bi } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const [year, setYear] = useState(dayjs().year());
  const state = useApi<CalendarDay[]>(`/api/calendar?year=${year}`);
  const [editing, setEditing] = useState<string | null>(null);
  const [form] = Form.useForm<{ kind: Kind; note?: string }>();
  const manage = can('calendar:manage');
  const overrides = new Map((state.data ?? []).map((d) => [d.date, d]));

  const open = (date: Dayjs) => {
    if (!manage) return;
    const iso = date.format('YYYY-MM-DD');
    const o = overrides.get(iso);
    form.setFieldsValue({ kind: o?.kind ?? 'default', note: o?.note ?? '' });
    setEditing(iso);
  };

  const save = async (v: { kind: Kind; note?: string }) => {
    if (!editing) return;
    try {
      await api.put('/api/calendar', { days: [{ date: editing, kind: v.kind, ...(v.note?.trim() ? { note: v.note.trim() } : {}) }] });
      message.success(t('calendar.saved'));
      setEditing(null);
      state.reload();
    } catch (e) {
      message.error(e instanceof ApiError ? bi(e.problem.detail) : t('state.error'));
    }
  };

  const cell = (date: Dayjs) => {
    const o = overrides.get(date.format('YYYY-MM-DD'));
    if (!o) return null;
    return <Badge status={o.kind === 'holiday' ? 'error' : 'processing'} text={o.note ?? (o.kind === 'holiday' ? t('calendar.holiday') : t('calendar.workday'))} />;
  };

  return (
    <>
      <Typography.Title level={3}>{t('calendar.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{manage ? t('calendar.hintManage') : t('calendar.hint')}</Typography.Paragraph>
      {state.error ? <ErrorState error={state.error} onRetry={state.reload} /> : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={16}>
            <Card size="small">
              <Calendar
                cellRender={(date, info) => (info.type === 'date' ? cell(date) : null)}
                onSelect={(date, info) => info.source === 'date' && open(date)}
                onPanelChange={(date) => setYear(date.year())}
              />
            </Card>
          </Col>
          <Col xs={24} xl={8}>
            <Card size="small" title={t('calendar.overrides', { year })}>
              <Table<CalendarDay>
                size="small"
                rowKey="date"
                loading={state.loading}
                dataSource={state.data ?? []}
                locale={{ emptyText: t('calendar.none') }}
                pagination={{ defaultPageSize: 15, hideOnSinglePage: true }}
                columns={[
                  { title: t('calendar.date'), dataIndex: 'date' },
                  { title: t('calendar.kind'), dataIndex: 'kind', render: (k: string) => (k === 'holiday' ? <Tag color="red">{t('calendar.holiday')}</Tag> : <Tag color="blue">{t('calendar.workday')}</Tag>) },
                  { title: t('calendar.note'), dataIndex: 'note', render: (n: string | null) => n ?? '' },
                ]}
              />
            </Card>
          </Col>
        </Row>
      )}
      <Modal open={editing !== null} title={t('calendar.edit', { date: editing ?? '' })} onCancel={() => setEditing(null)} onOk={() => form.submit()} okText={t('action.save')} forceRender>
        <Typography.Paragraph type="secondary">
          {editing && (isWorkingDay(editing, new Map([...overrides].filter(([d]) => d !== editing))) ? t('calendar.normallyWork') : t('calendar.normallyRest'))}
        </Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item name="kind" label={t('calendar.kind')}>
            <Radio.Group options={[{ value: 'holiday', label: t('calendar.holiday') }, { value: 'workday', label: t('calendar.workday') }, { value: 'default', label: t('calendar.default') }]} />
          </Form.Item>
          <Form.Item name="note" label={t('calendar.note')}><Input maxLength={200} placeholder={t('calendar.notePlaceholder')} /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}
