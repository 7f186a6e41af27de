import { Link, useParams } from 'react-router-dom';
import { Breadcrumb, Col, Row, Typography } from 'antd';
import type { ListedEntry } from '../../api/exchange-types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../session/session.tsx';
import { Loadable } from '../../components/states.tsx';
import { useApi } from '../../components/use-api.ts';
import { EntryView } from './entry-view.tsx';
import { ProofPanel } from './proof-panel.tsx';

/** One audit entry (auditors, and the parties to it) with its inclusion proof checked in the browser. */
export function AuditEntryPage() {
  const { index = '' } = useParams();
  const n = Number(index);
  const { t } = useI18n();
  const { can } = useSession();
  const state = useApi<ListedEntry>(Number.isSafeInteger(n) && n >= 0 ? `/api/audit/entries/${n}` : null);
  return (
    <>
      {can('audit:read') && <Breadcrumb style={{ marginBottom: 12 }} items={[{ title: <Link to="/audit">{t('nav.audit')}</Link> }, { title: `#${index}` }]} />}
      <Typography.Title level={3}>{t('audit.entryTitle', { index })}</Typography.Title>
      <Loadable state={state}>
        {(e) => (
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={14}><EntryView index={e.index} entry={e.entry} /></Col>
            <Col xs={24} xl={10}><ProofPanel index={e.index} /></Col>
          </Row>
        )}
      </Loadable>
    </>
  );
}
