import { useEffect, useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Col, Form, Input, Row, Select, Space, Table, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { query } from '../../api/client.ts';
import type { Resource, SearchResult } from '../../api/types.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { useSession } from '../../session/session.tsx';
import { ErrorState } from '../../components/states.tsx';
import { useApi } from '../../components/use-api.ts';
import { formatTime, resourcePath, SharingTag, StatusTag, useDepartments, useVocabulary } from './shared.tsx';

const LIMIT = 500;
const FILTERS = ['q', 'department', 'sharingType', 'status', 'open', 'element'] as const;

/** 资源目录: search and filter (kept in the address, so a filtered list can be shared), sort, open a resource. */
export function CatalogListPage() {
  const { t, tv, lang } = useI18n();
  const { can } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const vocab = useVocabulary();
  const departments = useDepartments(can('identity:read'));
  const filters = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? undefined])) as Record<(typeof FILTERS)[number], string | undefined>;
  const path = `/api/catalog/resources${query({ ...filters, limit: LIMIT })}`;
  const state = useApi<SearchResult>(path);
  const [form] = Form.useForm();
  // Back and forward change the address, and with it the filters the form shows.
  useEffect(() => {
    form.setFieldsValue(Object.fromEntries(FILTERS.map((k) => [k, params.get(k) ?? undefined])));
  }, [params, form]);

  const apply = (values: Record<string, string | undefined>) => {
    const next = new URLSearchParams();
    for (const k of FILTERS) if (values[k]) next.set(k, String(values[k]).trim());
    setParams(next);
  };

  const columns = useMemo(() => [
    { title: t('catalog.col.code'), dataIndex: 'code', width: 150, sorter: (a: Resource, b: Resource) => a.code.localeCompare(b.code), render: (code: string) => <Link to={resourcePath(code)}>{code}</Link> },
    { title: t('catalog.col.name'), dataIndex: 'name', sorter: (a: Resource, b: Resource) => a.name.localeCompare(b.name, 'zh-CN') },
    { title: t('catalog.col.provider'), key: 'provider', responsive: ['md' as const], sorter: (a: Resource, b: Resource) => a.provider.departmentName.localeCompare(b.provider.departmentName, 'zh-CN'), render: (_: unknown, r: Resource) => r.provider.departmentName },
    { title: t('catalog.col.class'), key: 'class', responsive: ['lg' as const], render: (_: unknown, r: Resource) => t(`class.${r.category.class}` as MessageKey) },
    { title: t('catalog.col.sharing'), key: 'sharing', sorter: (a: Resource, b: Resource) => a.sharing.type.localeCompare(b.sharing.type, 'zh-CN'), render: (_: unknown, r: Resource) => <SharingTag type={r.sharing.type} /> },
    { title: t('catalog.col.open'), key: 'open', responsive: ['lg' as const], render: (_: unknown, r: Resource) => (r.open.isOpen ? t('common.yes') : t('common.no')) },
    { title: t('catalog.col.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
    { title: t('catalog.col.items'), key: 'items', align: 'right' as const, responsive: ['xl' as const], sorter: (a: Resource, b: Resource) => a.items.length - b.items.length, render: (_: unknown, r: Resource) => r.items.length },
    { title: t('catalog.col.updated'), dataIndex: 'updatedAt', responsive: ['md' as const], sorter: (a: Resource, b: Resource) => a.updatedAt.localeCompare(b.updatedAt), render: (v: string) => formatTime(v, lang) },
  ], [t, lang]);

  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8, marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('catalog.title')}</Typography.Title>
        <Space wrap>
          {can('catalog:write') && <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/catalog/new')}>{t('nav.register')}</Button>}
          <Button icon={<DownloadOutlined />} href="/api/catalog/export.xlsx">{t('transfer.exportXlsx')}</Button>
          <Button icon={<DownloadOutlined />} href="/api/catalog/export.jsonld" target="_blank">{t('transfer.exportDcat')}</Button>
        </Space>
      </div>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form form={form} layout="vertical" initialValues={filters} onFinish={apply} aria-label={t('catalog.filters')}>
          <Row gutter={12}>
            <Col xs={24} md={8}><Form.Item name="q" label={t('catalog.filter.q')}><Input allowClear placeholder={t('catalog.filter.qHint')} /></Form.Item></Col>
            <Col xs={12} md={4}>
              <Form.Item name="department" label={t('catalog.filter.department')}>
                <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={(departments ?? []).map((d) => ({ value: d.code, label: d.name }))} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="sharingType" label={t('catalog.filter.sharing')}>
                <Select allowClear options={(vocab?.sharingTypes ?? []).map((s) => ({ value: s, label: tv(s) }))} />
              </Form.Item>
            </Col>
            <Col xs={12} md={3}>
              <Form.Item name="status" label={t('catalog.filter.status')}>
                <Select allowClear options={Object.keys(vocab?.statuses ?? {}).map((s) => ({ value: s, label: t(`status.${s}` as MessageKey) }))} />
              </Form.Item>
            </Col>
            <Col xs={12} md={2}>
              <Form.Item name="open" label={t('catalog.filter.open')}>
                <Select allowClear options={[{ value: 'true', label: t('common.yes') }, { value: 'false', label: t('common.no') }]} />
              </Form.Item>
            </Col>
            <Col xs={24} md={3}><Form.Item name="element" label={t('catalog.filter.element')}><Input allowClear /></Form.Item></Col>
          </Row>
          <Space>
            <Button type="primary" htmlType="submit">{t('action.search')}</Button>
            <Button onClick={() => { form.resetFields(); setParams(new URLSearchParams()); }}>{t('action.reset')}</Button>
          </Space>
        </Form>
      </Card>
      {state.error ? <ErrorState error={state.error} onRetry={state.reload} /> : (
        <>
          {state.data && state.data.total > LIMIT && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('catalog.truncated', { shown: LIMIT, total: state.data.total })} />}
          <Table<Resource>
            rowKey="id"
            size="middle"
            loading={state.loading}
            dataSource={state.data?.items ?? []}
            columns={columns}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: filters.q || filters.department || filters.sharingType || filters.status || filters.open || filters.element ? t('catalog.emptyFiltered') : t('catalog.empty') }}
            pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (n) => t('common.total', { n }) }}
          />
        </>
      )}
    </>
  );
}
