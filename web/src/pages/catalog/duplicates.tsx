import { Link } from 'react-router-dom';
import { Alert, Space, Table, Tag } from 'antd';
import type { ReuseLine } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { resourcePath } from './shared.tsx';

/** Who already holds an item: the 一数一源 authority first, then the other departments' resources. */
export function HoldersCell({ line }: { line: ReuseLine }) {
  const { t } = useI18n();
  return (
    <Space orientation="vertical" size={2}>
      {line.authoritative && (
        <span>
          <Tag color="blue">{t('reuse.authority')}</Tag>
          {line.authoritative.departmentName}
          {line.authoritative.resourceCode && <> · <Link to={resourcePath(line.authoritative.resourceCode)}>{line.authoritative.resourceName ?? line.authoritative.resourceCode}</Link></>}
        </span>
      )}
      {line.existing.filter((h) => h.resourceCode !== line.authoritative?.resourceCode).map((h) => (
        <span key={h.resourceCode}>
          {h.departmentName} · <Link to={resourcePath(h.resourceCode)}>{h.resourceName}</Link> <Tag>{h.resourceCode}</Tag>
        </span>
      ))}
      {!line.authoritative && line.existing.length === 0 && '—'}
    </Space>
  );
}

/** 重复采集 warnings after saving: items another department already collects, and where to reuse them. */
export function DuplicatesPanel({ lines }: { lines: readonly ReuseLine[] }) {
  const { t } = useI18n();
  if (lines.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="duplicates"
      style={{ marginBottom: 16 }}
      title={t('duplicates.title', { n: lines.length })}
      description={
        <>
          <p style={{ marginTop: 0 }}>{t('duplicates.hint')}</p>
          <Table<ReuseLine>
            size="small"
            rowKey="item"
            pagination={false}
            dataSource={[...lines]}
            columns={[
              { title: t('duplicates.col.item'), dataIndex: 'item' },
              { title: t('duplicates.col.element'), key: 'element', render: (_: unknown, l) => l.element ? `${l.element.name}（${l.element.code}）` : '—' },
              { title: t('duplicates.col.holders'), key: 'holders', render: (_: unknown, l) => <HoldersCell line={l} /> },
            ]}
          />
        </>
      }
    />
  );
}
