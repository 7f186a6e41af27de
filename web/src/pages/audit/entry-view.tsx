import { Descriptions, Tag, Typography } from 'antd';
import type { AuditEntry } from '../../api/exchange-types.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { MESSAGES } from '../../i18n/messages.ts';
import { formatTime } from '../catalog/shared.tsx';

/** An action code as a person reads it: 查询 for exchange.lookup; unknown codes (admin.*) as they are. */
export function useActionLabel() {
  const { t } = useI18n();
  return (action: string) => {
    const key = `action.${action}` as MessageKey;
    if (key in MESSAGES) return t(key);
    if (action.startsWith('admin.')) return `${t('audit.admin')} ${action.slice(6)}`;
    return action;
  };
}

export function DecisionTag({ decision }: { decision: string }) {
  const { t } = useI18n();
  return decision === 'allowed' ? <Tag color="green">{t('audit.allowed')}</Tag> : <Tag color="red">{t('audit.refused')}</Tag>;
}

/** Every field of an audit entry, and its canonical text (the exact bytes the Merkle leaf hashes). */
export function EntryView({ index, entry }: { index: number; entry: AuditEntry }) {
  const { t, bi, lang } = useI18n();
  const label = useActionLabel();
  return (
    <Descriptions
      size="small"
      bordered
      styles={{ label: { whiteSpace: 'nowrap' } }}
      column={{ xs: 1, md: 2 }}
      items={[
        { key: 'index', label: t('audit.col.index'), children: index },
        { key: 'time', label: t('audit.col.time'), children: formatTime(entry.time, lang) },
        { key: 'action', label: t('audit.col.action'), children: <>{label(entry.action)} <Typography.Text type="secondary" code>{entry.action}</Typography.Text></> },
        { key: 'decision', label: t('audit.col.decision'), children: <><DecisionTag decision={entry.outcome.decision} />{entry.outcome.reason ? bi(entry.outcome.reason) : ''}</> },
        { key: 'actor', label: t('audit.col.actor'), children: `${entry.actor.department ?? '—'} · ${t(`audit.actor.${entry.actor.kind}` as MessageKey)} ${entry.actor.id}` },
        { key: 'resource', label: t('audit.col.resource'), children: entry.resource ?? '—' },
        { key: 'subject', label: t('audit.col.subject'), children: entry.subject ?? '—' },
        { key: 'purpose', label: t('audit.col.purpose'), children: entry.purpose ?? '—' },
        { key: 'items', label: t('audit.col.items'), span: 'filled', children: entry.items.length ? entry.items.map((i) => <Tag key={i}>{i}</Tag>) : '—' },
        { key: 'details', label: t('audit.col.details'), span: 'filled', children: <Typography.Text code style={{ wordBreak: 'break-all' }}>{JSON.stringify(entry.details)}</Typography.Text> },
      ]}
    />
  );
}
