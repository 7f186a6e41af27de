import { Link, useParams } from 'react-router-dom';
import { Card, Empty, List, Space, Tag, Typography } from 'antd';
import type { CitizenAccess } from '../../api/exchange-types.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { Loadable } from '../../components/states.tsx';
import { useApi } from '../../components/use-api.ts';
import { formatTime } from '../catalog/shared.tsx';
import { ProofPanel } from '../audit/proof-panel.tsx';
import { CitizenLayout } from './citizen-layout.tsx';

/** 数据使用记录: who used my data, when, which items, and why — newest first. */
export function CitizenPage() {
  const { t, lang } = useI18n();
  const state = useApi<{ idNumber: string; accesses: CitizenAccess[] }>('/api/tracker/me');
  return (
    <CitizenLayout>
      <Loadable state={state}>
        {(d) => (
          <>
            <Typography.Paragraph>{t('citizen.intro', { id: d.idNumber })}</Typography.Paragraph>
            {d.accesses.length === 0 ? <Empty description={t('citizen.none')} /> : (
              <List
                dataSource={d.accesses}
                rowKey={(a) => String(a.index)}
                renderItem={(a) => (
                  <Card size="small" style={{ marginBottom: 12 }} data-testid="access">
                    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                      <Space wrap>
                        <Typography.Text strong>{a.department.name ?? a.department.code ?? t('citizen.unknownDept')}</Typography.Text>
                        <Tag color="blue">{t(`citizen.kind.${a.kind}` as MessageKey)}</Tag>
                      </Space>
                      <Typography.Text type="secondary">{formatTime(a.time, lang)} · {a.actor.kind === 'system' ? t('citizen.bySystem', { name: a.actor.name }) : a.actor.name}</Typography.Text>
                      <div>{t('citizen.resource')}{t('common.colon')}{a.resource.name ?? a.resource.code ?? '—'}</div>
                      <div>{t('citizen.items')}{t('common.colon')}{a.items.length ? a.items.map((i) => <Tag key={i}>{i}</Tag>) : '—'}</div>
                      <div>{t('citizen.purpose')}{t('common.colon')}{a.purpose ?? '—'}</div>
                      <Link to={`/citizen/proof/${a.index}`}>{t('citizen.proof')}</Link>
                    </Space>
                  </Card>
                )}
              />
            )}
          </>
        )}
      </Loadable>
    </CitizenLayout>
  );
}

/** The proof of one access, for the person it concerns. */
export function CitizenProofPage() {
  const { index = '0' } = useParams();
  const { t } = useI18n();
  return (
    <CitizenLayout>
      <Link to="/citizen">{t('citizen.back')}</Link>
      <div style={{ marginTop: 12 }}><ProofPanel index={Number(index)} /></div>
    </CitizenLayout>
  );
}
