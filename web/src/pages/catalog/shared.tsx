import { Tag } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import type { DataElement, Department, ResourceStatus, Vocabulary } from '../../api/types.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';

const STATUS_COLORS: Record<ResourceStatus, string> = { draft: 'default', submitted: 'processing', reviewed: 'cyan', published: 'success', retired: 'warning' };
const SHARING_COLORS: Record<string, string> = { 无条件共享: 'green', 有条件共享: 'gold', 不予共享: 'red' };

export function StatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLORS[status as ResourceStatus] ?? 'default'}>{t(`status.${status}` as MessageKey)}</Tag>;
}

export function SharingTag({ type }: { type: string }) {
  const { tv } = useI18n();
  return <Tag color={SHARING_COLORS[type] ?? 'default'}>{tv(type)}</Tag>;
}

/** A resource's console address; codes are 分类码/顺序码 and so already two path segments. */
export const resourcePath = (code: string) => `/catalog/${code}`;
export const resourceApi = (code: string) => `/api/catalog/resources/${code}`;

// Vocabularies, departments and elements change rarely: one request per page load is enough.
const cache = new Map<string, Promise<unknown>>();
function cached<T>(path: string): Promise<T> {
  let p = cache.get(path);
  if (!p) {
    p = api.get<T>(path);
    p.catch(() => cache.delete(path));
    cache.set(path, p);
  }
  return p as Promise<T>;
}

/** Forgets cached lists after a change (a new department, a new data element). */
export function invalidate(path: string): void {
  cache.delete(path);
}

function useCached<T>(path: string | null): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    if (!path) return;
    let live = true;
    cached<T>(path).then((v) => live && setValue(v), () => undefined);
    return () => {
      live = false;
    };
  }, [path]);
  return value;
}

export const useVocabulary = () => useCached<Vocabulary>('/api/catalog/vocabulary');
export const useElements = () => useCached<DataElement[]>('/api/catalog/elements');
/** Departments need identity:read; callers without it pass enabled=false and get undefined. */
export const useDepartments = (enabled = true) => useCached<Department[]>(enabled ? '/api/departments' : null);

export function formatTime(iso: string | null | undefined, lang: string): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}
