import { Link, useSearchParams } from 'react-router-dom';
import { Card, Segmented, Table, Tabs, Tag, Typography } from 'antd';
import type { ApplicationView } from '../../api/exchange-types.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { useSession } from '../../session/session.tsx';
import { ErrorState } from '../../components/states.tsx';
import { useApi } from '../../components/use-api.ts';
import { formatTime, resourcePath } from '../catalog/shared.tsx';
import { ApplicationActions } from './application-actions.tsx';
import { ApplicationStatusTag, Deadline } from './shared.tsx';

const STATES = ['pending', 'overdue', 'answered', 'escalated', 'all'] as const;
type Side = 'consumer' | 'provider';

function Applications({ side, state }: { side: Side; state: string }) {
  const { t, lang } = useI18n();
  const list = useApi<ApplicationView[]>(`/api/exchange/applications?side=${side}&state=${state}`);
  if (list.error) return <ErrorState error={list.error} onRetry={list.reload} />;
  return (
    <Table<ApplicationView>
      rowKey="id"
      size="middle"
      loading={list.loading}
      dataSource={list.data ?? []}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t(side === 'provider' ? 'applications.emptyInbox' : 'applications.emptyOutbox') }}
      pagination={{ defaultPageSize: 20, hideOnSinglePage: true }}
      expandable={{
        expandedRowRender: (a) => (
          <div style={{ maxWidth: 900 }}>
            <p><b>{t('apply.items')}</b>{t('common.colon')}{a.items.join('、')} · <b>{t('applications.created')}</b>{t('common.colon')}{formatTime(a.createdAt, lang)}</p>
            <p><b>{t('apply.basis')}</b>{t('common.colon')}{a.basis}</p>
            <p><b>{t('apply.mode')}</b>{t('common.colon')}{t(`mode.${a.mode}` as MessageKey)} · <b>{t('apply.duration')}</b>{t('common.colon')}{a.durationDays} · <b>{t('apply.volume')}</b>{t('common.colon')}{a.expectedVolume}</p>
            {a.decisionReason && <p><b>{t('decide.reason')}</b>{t('common.colon')}{a.decisionReason}</p>}
            {a.approvedItems && <p><b>{t('decide.items')}</b>{t('common.colon')}{a.approvedItems.join('、')}</p>}
            {a.escalation && <p><b>{t('applications.escalation')}</b>{t('common.colon')}{a.escalation.reason}{a.escalation.resolution ? ` → ${a.escalation.resolution}` : ''}</p>}
            {a.grantId && <p><Link to="/sharing/grants">{t('applications.toGrant')}</Link></p>}
          </div>
        ),
      }}
      columns={[
        { title: t('catalog.col.name'), key: 'r', render: (_: unknown, a) => <><Link to={resourcePath(a.resourceCode)}>{a.resourceName ?? a.resourceCode}</Link><br /><Typography.Text type="secondary">{a.resourceCode}</Typography.Text></> },
        { title: side === 'provider' ? t('applications.consumer') : t('applications.provider'), key: 'd', render: (_: unknown, a) => (side === 'provider' ? <>{a.consumer.name}<br /><Typography.Text type="secondary">{a.applicant.name}</Typography.Text></> : a.provider.name) },
        { title: t('apply.purpose'), dataIndex: 'purpose' },
        { title: t('apply.items'), dataIndex: 'items', responsive: ['xxl'], render: (items: string[]) => items.map((i) => <Tag key={i}>{i}</Tag>) },
        { title: t('applications.created'), dataIndex: 'createdAt', responsive: ['xxl'], sorter: (a, b) => a.createdAt.localeCompare(b.createdAt), render: (v: string) => formatTime(v, lang) },
        { title: t('applications.deadline'), dataIndex: 'dueAt', sorter: (a, b) => a.dueAt.localeCompare(b.dueAt), render: (_: unknown, a) => <Deadline iso={a.dueAt} done={a.status !== 'pending'} /> },
        { title: t('catalog.col.status'), key: 's', render: (_: unknown, a) => <><ApplicationStatusTag status={a.status} overdue={a.overdue} />{a.escalation?.status === 'open' && <Tag color="purple">{t('applications.escalated')}</Tag>}</> },
        { title: t('common.actions'), key: 'x', fixed: 'right', render: (_: unknown, a) => <ApplicationActions app={a} side={side} onChanged={list.reload} /> },
      ]}
    />
  );
}

/** 共享申请: the department's outbox (what it asked for) and inbox (what it must answer, with deadlines). */
export function ApplicationsPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const side: Side = params.get('side') === 'consumer' ? 'consumer' : params.get('side') === 'provider' ? 'provider' : can('exchange:decide') ? 'provider' : 'consumer';
  const state = STATES.includes(params.get('state') as (typeof STATES)[number]) ? params.get('state')! : 'all';
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    next.set(k, v);
    setParams(next);
  };
  return (
    <>
      <Typography.Title level={3}>{t('applications.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('applications.hint')}</Typography.Paragraph>
      <Card size="small">
        <Tabs
          activeKey={side}
          onChange={(k) => set('side', k)}
          tabBarExtraContent={<Segmented size="small" value={state} onChange={(v) => set('state', String(v))} options={STATES.map((s) => ({ value: s, label: t(`applications.state.${s}` as MessageKey) }))} />}
          items={[
            { key: 'provider', label: t('applications.inbox'), children: <Applications side="provider" state={state} /> },
            { key: 'consumer', label: t('applications.outbox'), children: <Applications side="consumer" state={state} /> },
          ]}
          destroyOnHidden
        />
      </Card>
    </>
  );
}
