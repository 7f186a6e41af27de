import { Link, useSearchParams } from 'react-router-dom';
import { Badge, Card, Input, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { EntitySummary, RegistryKind } from '../../api/registry-types.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { useSession } from '../../session/session.tsx';
import { ErrorState } from '../../components/states.tsx';
import { useApi } from '../../components/use-api.ts';

const PATHS: Record<RegistryKind, string> = { person: 'persons', business: 'businesses', house: 'houses' };

/** 基础库检索: a person, business or house by identifier or name (masked for those who may not review). */
export function RegistrySearchPage() {
  const { t, tOr } = useI18n();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const kind = (['person', 'business', 'house'].includes(params.get('kind') ?? '') ? params.get('kind') : 'person') as RegistryKind;
  const q = params.get('q') ?? '';
  const state = useApi<{ total: number; items: EntitySummary[] }>(q.trim() ? `/api/registry/${PATHS[kind]}?q=${encodeURIComponent(q.trim())}&limit=50` : null);
  const set = (next: Record<string, string>) => setParams(new URLSearchParams({ kind, q, ...next }));
  return (
    <>
      <Typography.Title level={3}>{t('registry.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{can('registry:review') ? t('registry.hint') : t('registry.hintMasked')}</Typography.Paragraph>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap>
          <Segmented<RegistryKind> value={kind} onChange={(k) => set({ kind: k })} options={(['person', 'business', 'house'] as const).map((k) => ({ value: k, label: t(`registry.kind.${k}` as MessageKey) }))} />
          <Input.Search
            key={kind}
            defaultValue={q}
            allowClear
            enterButton={t('action.search')}
            placeholder={t(`registry.placeholder.${kind}` as MessageKey)}
            aria-label={t('registry.query')}
            onSearch={(v) => set({ q: v })}
            style={{ width: 380 }}
          />
        </Space>
      </Card>
      {state.error ? <ErrorState error={state.error} onRetry={state.reload} /> : q.trim() && (
        <Table<EntitySummary>
          rowKey="id"
          loading={state.loading}
          dataSource={state.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('registry.noHits') }}
          pagination={{ defaultPageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t('registry.col.label'), dataIndex: 'label', render: (l: string, e) => <Link to={`/registry/${e.kind}/${e.id}`}>{l}</Link> },
            { title: t('registry.col.identifier'), dataIndex: 'identifier' },
            { title: t('registry.col.status'), dataIndex: 'status', render: (s: string) => <Tag>{tOr(`registry.status.${s}`, s)}</Tag> },
            { title: t('registry.col.sources'), key: 's', render: (_: unknown, e) => t('registry.sourcesCount', { records: e.mentionCount, departments: e.departments.length }) },
            { title: t('registry.col.discrepancies'), dataIndex: 'openDiscrepancies', render: (n: number) => (n > 0 ? <Badge count={n} /> : '—') },
          ]}
        />
      )}
    </>
  );
}
