import { Tag } from 'antd';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';

const GRANT_COLORS: Record<string, string> = { active: 'green', revoked: 'red', expired: 'default', scheduled: 'blue' };
const APPLICATION_COLORS: Record<string, string> = { pending: 'processing', approved: 'green', refused: 'red', withdrawn: 'default' };

export function GrantStatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  return <Tag color={GRANT_COLORS[status] ?? 'default'}>{t(`grant.status.${status}` as MessageKey)}</Tag>;
}

export function ApplicationStatusTag({ status, overdue }: { status: string; overdue?: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <Tag color={APPLICATION_COLORS[status] ?? 'default'}>{t(`application.status.${status}` as MessageKey)}</Tag>
      {overdue && <Tag color="red">{t('application.overdue')}</Tag>}
    </>
  );
}

export { Deadline, daysUntil } from '../../components/deadline.tsx';
