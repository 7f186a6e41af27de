import { Link, useParams } from 'react-router-dom';
import { Alert, Breadcrumb, Card, Col, Descriptions, Row, Space, Table, Tag, Timeline, Tooltip, Typography } from 'antd';
import type { DiscrepancyView, EntitySummary, EntityView, GoldenFieldView, SourceView } from '../../api/registry-types.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { Loadable } from '../../components/states.tsx';
import { useApi } from '../../components/use-api.ts';
import { formatTime } from '../catalog/shared.tsx';
import { discrepancyKey, fieldKey } from './labels.ts';

const PATHS: Record<string, string> = { person: 'persons', business: 'businesses', house: 'houses' };

function EntityLink({ e }: { e: EntitySummary }) {
  return <Link to={`/registry/${e.kind}/${e.id}`}>{e.label}</Link>;
}

/** One discrepancy: the field, the values each department holds, and the objections raised. */
export function DiscrepancyBlock({ d }: { d: DiscrepancyView }) {
  const { t, bi } = useI18n();
  const fk = fieldKey(d.field);
  const dk = discrepancyKey(d.type);
  return (
    <div>
      <Typography.Text strong>{fk ? t(fk) : d.field}</Typography.Text> <Tag color="red">{dk ? t(dk) : d.type}</Tag>
      {d.reason && <Typography.Text type="secondary">{bi(d.reason)}</Typography.Text>}
      <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
        {d.values.map((v) => <li key={v.value}><b>{v.value}</b> — {v.departments.map((x) => x.name).join('、')}</li>)}
        {d.targets.filter((x) => x.objectionId).map((x) => <li key={x.objectionId!}>{t('registry.objectionRaised', { dept: x.departmentName })}</li>)}
      </ul>
    </div>
  );
}

/** 360 视图: the golden record with the source of every field, each department's records, links, discrepancies. */
export function EntityPage() {
  const { kind = 'person', id = '' } = useParams();
  const { t, tOr, lang } = useI18n();
  const state = useApi<EntityView>(`/api/registry/${PATHS[kind] ?? 'persons'}/${encodeURIComponent(id)}`);
  return (
    <>
      <Breadcrumb style={{ marginBottom: 12 }} items={[{ title: <Link to={`/registry?kind=${kind}`}>{t('nav.registry')}</Link> }, { title: id }]} />
      <Loadable state={state}>
        {(e) => {
          const disputed = new Set(e.discrepancies.map((d) => d.field));
          const rows = Object.entries(e.golden).map(([field, g]) => ({ field, ...g }));
          const dwellings = e.houses ?? e.residents ?? [];
          return (
            <>
              <Space align="center" wrap style={{ marginBottom: 8 }}>
                <Typography.Title level={3} style={{ margin: 0 }}>{e.label}</Typography.Title>
                <Tag>{e.identifier}</Tag>
                <Tag color="blue">{t(`registry.kind.${e.kind}` as MessageKey)}</Tag>
                <Tag>{tOr(`registry.status.${e.status}`, e.status)}</Tag>
              </Space>
              {e.mergedInto && <Alert type="info" showIcon title={<>{t('registry.merged')} <Link to={`/registry/${e.kind}/${e.mergedInto}`}>{e.mergedInto}</Link></>} style={{ marginBottom: 12 }} />}
              {e.discrepancies.length > 0 && (
                <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="discrepancies" title={t('registry.discrepanciesTitle', { n: e.discrepancies.length })}
                  description={<Space orientation="vertical">{e.discrepancies.map((d) => <DiscrepancyBlock key={d.id} d={d} />)}</Space>} />
              )}
              <Row gutter={[16, 16]}>
                <Col xs={24} xl={14}>
                  <Card size="small" title={t('registry.golden')}>
                    <Table<GoldenFieldView & { field: string }>
                      size="small"
                      rowKey="field"
                      pagination={false}
                      dataSource={rows}
                      data-testid="golden"
                      onRow={(r) => (disputed.has(r.field) || r.alternatives.length > 0 ? { style: { background: '#fff1f0' } } : {})}
                      columns={[
                        { title: t('registry.col.field'), dataIndex: 'field', render: (f: string) => { const k = fieldKey(f); return k ? t(k) : f; } },
                        { title: t('registry.col.value'), dataIndex: 'value', render: (v: string, r) => <>{v} {r.alternatives.length > 0 && <Tooltip title={r.alternatives.map((a) => `${a.value}（${a.departments.join('、')}）`).join('；')}><Tag color="red">{t('registry.alternatives', { n: r.alternatives.length })}</Tag></Tooltip>}</> },
                        { title: t('registry.col.source'), key: 'src', render: (_: unknown, r) => <>{r.source.department.name}<br /><Typography.Text type="secondary">{r.source.resource.name} · {formatTime(r.source.at, lang)}</Typography.Text></> },
                        { title: t('registry.col.rule'), dataIndex: 'rule', render: (rule: string) => <Tag>{tOr(`registry.rule.${rule}`, rule)}</Tag> },
                      ]}
                    />
                  </Card>
                </Col>
                <Col xs={24} xl={10}>
                  <Space orientation="vertical" size={16} style={{ width: '100%' }}>
                    {e.household && (
                      <Card size="small" title={t('registry.household', { no: e.household.householdNo })}>
                        {e.household.members.map((m) => <div key={m.id}><EntityLink e={m} /> {m.relation && <Tag>{m.relation}</Tag>}</div>)}
                      </Card>
                    )}
                    {e.relations.length > 0 && (
                      <Card size="small" title={t('registry.relations')}>
                        {e.relations.map((r, i) => <div key={i}><Tag>{r.roleLabel}</Tag><EntityLink e={r.entity} /> <Typography.Text type="secondary">{r.via.resource.name}</Typography.Text></div>)}
                      </Card>
                    )}
                    {dwellings.length > 0 && (
                      <Card size="small" title={e.kind === 'person' ? t('registry.houses') : t('registry.residents')}>
                        {dwellings.map((d) => <div key={d.id}><EntityLink e={d} /> <Typography.Text type="secondary">{d.identifier}</Typography.Text></div>)}
                      </Card>
                    )}
                    {e.history.length > 0 && (
                      <Card size="small" title={t('registry.history')}>
                        <Timeline items={e.history.map((h, i) => ({ key: i, content: `${formatTime(h.at, lang)} · ${tOr(`registry.event.${h.type}`, h.type)} · ${h.actor}` }))} />
                      </Card>
                    )}
                  </Space>
                </Col>
                <Col span={24}>
                  <Card size="small" title={t('registry.sources', { n: e.sources.length })}>
                    <Table<SourceView>
                      size="small"
                      rowKey={(s) => `${s.resource.code}|${s.recordKey}|${s.role}`}
                      pagination={false}
                      dataSource={e.sources}
                      scroll={{ x: 'max-content' }}
                      columns={[
                        { title: t('registry.col.department'), key: 'd', render: (_: unknown, s) => s.department.name },
                        { title: t('registry.col.resource'), key: 'r', render: (_: unknown, s) => <>{s.resource.name}<br /><Typography.Text type="secondary">{s.resource.code} · {s.recordKey}</Typography.Text></> },
                        { title: t('registry.col.role'), dataIndex: 'roleLabel' },
                        { title: t('registry.col.values'), key: 'v', render: (_: unknown, s) => <Descriptions size="small" column={1} items={Object.entries(s.values).map(([k, v]) => ({ key: k, label: fieldKey(k) ? t(fieldKey(k)!) : k, children: v }))} /> },
                        { title: t('registry.col.at'), dataIndex: 'at', render: (v: string) => formatTime(v, lang) },
                      ]}
                    />
                  </Card>
                </Col>
              </Row>
            </>
          );
        }}
      </Loadable>
    </>
  );
}
