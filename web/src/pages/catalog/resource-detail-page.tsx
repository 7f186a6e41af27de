import { useEffect, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { Breadcrumb, Card, Descriptions, Empty, Space, Table, Tabs, Tag, Timeline, Typography } from 'antd';
import type { HistoryEntry, Resource, ResourceItem, ReuseLine } from '../../api/types.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { Loadable } from '../../components/states.tsx';
import { useApi } from '../../components/use-api.ts';
import { DuplicatesPanel } from './duplicates.tsx';
import { ResourceActions } from './resource-actions.tsx';
import { formatTime, resourceApi, resourcePath, SharingTag, StatusTag } from './shared.tsx';

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function History({ code, version }: { code: string; version: number }) {
  const { t, lang } = useI18n();
  const state = useApi<HistoryEntry[]>(`${resourceApi(code)}/history?v=${version}`);
  return (
    <Loadable state={state}>
      {(entries) => entries.length === 0 ? <Empty /> : (
        <Timeline
          items={entries.map((e) => ({
            key: `${e.version}-${e.action}`,
            content: (
              <>
                <Typography.Text strong>v{e.version} · {t(`history.${e.action}` as MessageKey)}</Typography.Text>{' '}
                <Typography.Text type="secondary">{e.actorName} · {formatTime(e.at, lang)}</Typography.Text>
                {e.comment && <div>{t('history.comment')}{t('common.colon')}{e.comment}</div>}
                {e.action !== 'create' && e.changes.length > 0 && (
                  <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
                    {e.changes.slice(0, 12).map((c) => <li key={c.field}><code>{c.field}</code>{t('common.colon')}{show(c.before)} → {show(c.after)}</li>)}
                    {e.changes.length > 12 && <li>{t('history.more', { n: e.changes.length - 12 })}</li>}
                  </ul>
                )}
              </>
            ),
          }))}
        />
      )}
    </Loadable>
  );
}

function Items({ items }: { items: ResourceItem[] }) {
  const { t } = useI18n();
  return (
    <Table<ResourceItem>
      size="small"
      rowKey="name"
      pagination={false}
      dataSource={items}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: '#', key: 'n', width: 48, render: (_: unknown, __, i) => i + 1 },
        { title: t('item.name'), dataIndex: 'name' },
        { title: t('item.dataType'), dataIndex: 'dataType', render: (v: string) => `${v} ${t(`dataType.${v}` as MessageKey)}` },
        { title: t('item.element'), key: 'element', render: (_: unknown, i) => (i.element ? <>{i.element.name} <Tag>{i.element.code}</Tag></> : '—') },
        { title: t('item.length'), dataIndex: 'length', align: 'right', render: (v: number | null) => v ?? '—' },
        { title: t('item.isKey'), dataIndex: 'isKey', render: (v: boolean) => (v ? <Tag color="purple">{t('item.key')}</Tag> : '') },
        { title: t('item.authoritative'), dataIndex: 'authoritative', render: (v: boolean) => (v ? <Tag color="blue">{t('item.authoritativeTag')}</Tag> : '') },
      ]}
    />
  );
}

/** A resource: what it is, its items and elements, sharing and open attributes, history, and its workflow. */
export function ResourceDetailPage() {
  const { cls = '', seq = '' } = useParams();
  const code = `${cls}/${seq}`;
  const { t, tv, lang } = useI18n();
  const location = useLocation();
  const state = useApi<Resource>(resourceApi(code));
  const [resource, setResource] = useState<Resource | undefined>(undefined);
  useEffect(() => setResource(state.data), [state.data]);
  const duplicates = (location.state as { duplicates?: ReuseLine[] } | null)?.duplicates ?? [];

  return (
    <>
      <Breadcrumb style={{ marginBottom: 12 }} items={[{ title: <Link to="/catalog">{t('nav.catalog')}</Link> }, { title: code }]} />
      <Loadable state={{ ...state, data: resource ?? state.data }} rows={10}>
        {(r) => (
          <>
            <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 12, marginBottom: 16 }}>
              <Space align="center" wrap>
                <Typography.Title level={3} style={{ margin: 0 }}>{r.name}</Typography.Title>
                <StatusTag status={r.status} />
                <SharingTag type={r.sharing.type} />
              </Space>
              <ResourceActions resource={r} onChanged={setResource} />
            </div>
            <DuplicatesPanel lines={duplicates} />
            <Card size="small" style={{ marginBottom: 16 }}>
              <Descriptions
                size="small"
                column={{ xs: 1, sm: 2, lg: 3 }}
                items={[
                  { key: 'code', label: t('resource.code'), children: <Typography.Text copyable>{r.code}</Typography.Text> },
                  { key: 'provider', label: t('resource.provider'), children: `${r.provider.departmentName}（${r.provider.providerCode}）` },
                  { key: 'category', label: t('resource.category'), children: `${t(`class.${r.category.class}` as MessageKey)}${r.category.itemName ? ` · ${tv(r.category.itemName)}` : ''} · ${r.category.item}${r.category.catalog}${r.category.detail ?? ''}` },
                  { key: 'format', label: t('resource.format'), children: tv(r.format) },
                  { key: 'cycle', label: t('resource.updateCycle'), children: tv(r.updateCycle) },
                  { key: 'version', label: t('resource.version'), children: `v${r.version}` },
                  { key: 'created', label: t('resource.createdAt'), children: formatTime(r.createdAt, lang) },
                  { key: 'updated', label: t('resource.updatedAt'), children: formatTime(r.updatedAt, lang) },
                  { key: 'published', label: t('resource.publishedAt'), children: formatTime(r.publishedAt, lang) },
                  { key: 'summary', label: t('resource.summary'), span: 'filled', children: r.summary },
                  { key: 'related', label: t('resource.related'), span: 'filled', children: r.relatedCodes.length ? <Space wrap>{r.relatedCodes.map((c) => <Link key={c} to={resourcePath(c)}>{c}</Link>)}</Space> : '—' },
                ]}
              />
            </Card>
            <Card size="small">
              <Tabs
                items={[
                  { key: 'items', label: t('resource.tab.items', { n: r.items.length }), children: <Items items={r.items} /> },
                  {
                    key: 'sharing',
                    label: t('resource.tab.sharing'),
                    children: (
                      <Descriptions size="small" column={1} bordered items={[
                        { key: 'type', label: t('sharing.type'), children: <SharingTag type={r.sharing.type} /> },
                        { key: 'method', label: t('sharing.method'), children: tv(r.sharing.method) },
                        { key: 'condition', label: t('sharing.condition'), children: r.sharing.condition ?? '—' },
                        { key: 'basis', label: t('sharing.basis'), children: r.sharing.basis ?? '—' },
                        { key: 'open', label: t('open.isOpen'), children: r.open.isOpen ? t('common.yes') : t('common.no') },
                        { key: 'openCondition', label: t('open.condition'), children: r.open.condition ?? '—' },
                      ]} />
                    ),
                  },
                  { key: 'history', label: t('resource.tab.history'), children: <History code={r.code} version={r.version} /> },
                ]}
              />
            </Card>
          </>
        )}
      </Loadable>
    </>
  );
}
