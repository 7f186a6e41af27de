import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { AutoComplete, Button, Card, Checkbox, Col, Empty, Form, Input, Row, Select, Table, Tag, Typography } from 'antd';
import { api, ApiError, type FieldProblem } from '../../api/client.ts';
import type { GrantView, LookupAnswer } from '../../api/exchange-types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Loadable, ProblemAlert } from '../../components/states.tsx';
import { useApi } from '../../components/use-api.ts';
import { showProblems } from '../catalog/form-errors.ts';

interface UseValues {
  grant: string;
  purpose: string;
  keys: string;
  items: string[];
  values?: Record<string, string>;
}

type Row = LookupAnswer['results'][number];

function show(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (Array.isArray(v)) return v.map(show).join('；');
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** 数据查询: use a grant — look a record up (or verify values) for a stated purpose; every call is audited. */
export function UsePage() {
  const { t, bi } = useI18n();
  const [params] = useSearchParams();
  const grants = useApi<GrantView[]>('/api/exchange/grants?side=consumer');
  const [form] = Form.useForm<UseValues>();
  const chosen = Form.useWatch('grant', form);
  const [answer, setAnswer] = useState<LookupAnswer | null>(null);
  const [failure, setFailure] = useState<{ error: unknown; unplaced: FieldProblem[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const active = (grants.data ?? []).filter((g) => g.status === 'active');
  const grant = active.find((g) => g.id === chosen);

  const pick = (id: string) => {
    const g = active.find((x) => x.id === id);
    form.setFieldsValue({ purpose: g?.purposes[0] ?? '', items: g?.items ?? [] });
    setAnswer(null);
  };

  // Opened from a grant's "use" link: fill in that grant's purpose and items.
  const wanted = params.get('grant');
  useEffect(() => {
    if (wanted && active.some((g) => g.id === wanted) && !form.getFieldValue('purpose')) pick(wanted);
  }, [wanted, grants.data]);

  const run = async (v: UseValues) => {
    if (!grant) return;
    setBusy(true);
    setFailure(null);
    setAnswer(null);
    const keys = v.keys.split(/[\s,，]+/).map((k) => k.trim()).filter(Boolean);
    const path = `/api/exchange/resources/${grant.resourceCode}`;
    try {
      setAnswer(grant.mode === 'verify'
        ? await api.post<LookupAnswer>(`${path}/verify`, { grant: grant.id, purpose: v.purpose, checks: keys.map((key) => ({ key, values: Object.fromEntries(Object.entries(v.values ?? {}).filter(([, x]) => x?.trim())) })) })
        : await api.post<LookupAnswer>(`${path}/lookup`, { grant: grant.id, purpose: v.purpose, keys, items: v.items }));
    } catch (e) {
      setFailure({ error: e, unplaced: e instanceof ApiError ? showProblems(form, e.problem.errors ?? [], bi) : [] });
    } finally {
      setBusy(false);
    }
  };

  const refusalIndex = failure?.error instanceof ApiError && typeof failure.error.problem.auditIndex === 'number' ? failure.error.problem.auditIndex : null;
  return (
    <>
      <Typography.Title level={3}>{t('use.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('use.hint')}</Typography.Paragraph>
      <Loadable state={grants}>
        {() => active.length === 0 ? <Empty description={t('use.noGrant')}><Link to="/sharing/discover">{t('nav.discover')}</Link></Empty> : (
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={10}>
              <Card size="small">
                <Form<UseValues> form={form} layout="vertical" onFinish={run} initialValues={{ grant: params.get('grant') ?? undefined, keys: '', items: [] }}>
                  <Form.Item name="grant" label={t('use.grant')} rules={[{ required: true, message: t('form.required') }]}>
                    <Select onChange={pick} options={active.map((g) => ({ value: g.id, label: `${g.resourceName ?? g.resourceCode}（${g.provider.name}）` }))} />
                  </Form.Item>
                  {grant && (
                    <>
                      <Form.Item name="purpose" label={t('apply.purpose')} extra={t('use.purposeHint')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
                        <AutoComplete options={grant.purposes.map((p) => ({ value: p }))} />
                      </Form.Item>
                      <Form.Item name="keys" label={t('use.keys')} extra={t('use.keysHint')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
                        <Input.TextArea rows={3} />
                      </Form.Item>
                      {grant.mode === 'lookup' ? (
                        <Form.Item name="items" label={t('apply.items')}><Checkbox.Group options={grant.items.map((i) => ({ value: i, label: i }))} /></Form.Item>
                      ) : grant.items.map((i) => (
                        <Form.Item key={i} name={['values', i]} label={t('use.valueOf', { item: i })}><Input /></Form.Item>
                      ))}
                      <Button type="primary" htmlType="submit" loading={busy}>{grant.mode === 'verify' ? t('use.verify') : t('use.lookup')}</Button>
                    </>
                  )}
                </Form>
              </Card>
            </Col>
            <Col xs={24} lg={14}>
              {failure && (
                <>
                  <ProblemAlert error={failure.error} unplaced={failure.unplaced} />
                  {refusalIndex !== null && <Link to={`/audit/entries/${refusalIndex}`}>{t('use.refusalRecorded', { index: refusalIndex })}</Link>}
                </>
              )}
              {answer && (
                <Card size="small" title={t('use.results')} data-testid="use-results">
                  <Table<Row>
                    size="small"
                    rowKey={(r) => `${r.auditIndex}`}
                    pagination={false}
                    dataSource={answer.results}
                    columns={[
                      { title: t('use.key'), dataIndex: 'key' },
                      { title: t('use.found'), dataIndex: 'found', render: (f: boolean) => (f ? <Tag color="green">{t('use.yes')}</Tag> : <Tag>{t('use.no')}</Tag>) },
                      { title: t('use.values'), key: 'v', render: (_: unknown, r) => (r.items ? Object.entries(r.items).map(([k, v]) => <div key={k}><b>{k}</b>{t('common.colon')}{show(v)}</div>) : '—') },
                      { title: t('use.audit'), dataIndex: 'auditIndex', render: (i: number) => <Link to={`/audit/entries/${i}`}>{t('use.proof', { index: i })}</Link> },
                    ]}
                  />
                </Card>
              )}
            </Col>
          </Row>
        )}
      </Loadable>
    </>
  );
}
