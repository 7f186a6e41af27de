import { Tag, Tooltip } from 'antd';
import { useI18n } from '../i18n/i18n.tsx';

/** Whole days from now until `iso` (negative when past), counted on the calendar, not working days. */
export function daysUntil(iso: string, now = Date.now()): number {
  return Math.ceil((Date.parse(iso) - now) / 86_400_000);
}

/** A deadline with how long is left: 剩余 3 天 / 已逾期 2 天. */
export function Deadline({ iso, done }: { iso: string; done?: boolean }) {
  const { t, lang } = useI18n();
  const days = daysUntil(iso);
  const date = new Date(iso).toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en-GB');
  if (done) return <span>{date}</span>;
  return (
    <Tooltip title={new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB')}>
      <span>{date} </span>
      {days < 0 ? <Tag color="red">{t('deadline.overdue', { n: -days })}</Tag> : <Tag color={days <= 2 ? 'orange' : 'blue'}>{t('deadline.left', { n: days })}</Tag>}
    </Tooltip>
  );
}
