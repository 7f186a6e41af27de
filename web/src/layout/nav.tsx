import type { ReactNode } from 'react';
import {
  ApartmentOutlined, AuditOutlined, BookOutlined, CalendarOutlined, DashboardOutlined, DatabaseOutlined, FileAddOutlined, FileProtectOutlined,
  FileSearchOutlined, InboxOutlined, KeyOutlined, NodeIndexOutlined, SafetyCertificateOutlined, SearchOutlined, SettingOutlined, ShareAltOutlined,
  SwapOutlined, TeamOutlined, CloudUploadOutlined, ExceptionOutlined, IdcardOutlined, DiffOutlined, WarningOutlined,
} from '@ant-design/icons';
import type { MessageKey } from '../i18n/i18n.tsx';

export interface NavItem {
  readonly path: string;
  readonly label: MessageKey;
  readonly icon: ReactNode;
  /** The permission the page needs; 'authenticated' for anyone signed in. */
  readonly permission: string;
}

export interface NavGroup {
  readonly label: MessageKey;
  readonly items: readonly NavItem[];
}

/**
 * The console's navigation, each entry with the permission the API checks for what the page uses:
 * a person sees only what they may use. Modules that are not built yet have no entry.
 */
export const NAV: readonly NavGroup[] = [
  { label: 'nav.group.overview', items: [{ path: '/overview', label: 'nav.overview', icon: <DashboardOutlined />, permission: 'dashboard:read' }] },
  {
    label: 'nav.group.catalog',
    items: [
      { path: '/catalog', label: 'nav.catalog', icon: <DatabaseOutlined />, permission: 'catalog:read' },
      { path: '/catalog/new', label: 'nav.register', icon: <FileAddOutlined />, permission: 'catalog:write' },
      { path: '/catalog/review', label: 'nav.review', icon: <AuditOutlined />, permission: 'catalog:review' },
      { path: '/catalog/transfer', label: 'nav.transfer', icon: <SwapOutlined />, permission: 'catalog:read' },
      { path: '/catalog/authorities', label: 'nav.authorities', icon: <SafetyCertificateOutlined />, permission: 'catalog:read' },
      { path: '/catalog/reuse', label: 'nav.reuse', icon: <NodeIndexOutlined />, permission: 'catalog:read' },
      { path: '/catalog/elements', label: 'nav.elements', icon: <BookOutlined />, permission: 'catalog:read' },
    ],
  },
  {
    label: 'nav.group.ingest',
    items: [
      { path: '/ingest', label: 'nav.ingest', icon: <CloudUploadOutlined />, permission: 'ingest:read' },
      { path: '/ingest/objections', label: 'nav.objections', icon: <ExceptionOutlined />, permission: 'objection:raise' },
    ],
  },
  {
    label: 'nav.group.registry',
    items: [
      { path: '/registry', label: 'nav.registry', icon: <IdcardOutlined />, permission: 'registry:read' },
      { path: '/registry/review', label: 'nav.registryReview', icon: <DiffOutlined />, permission: 'registry:review' },
      { path: '/registry/discrepancies', label: 'nav.discrepancies', icon: <WarningOutlined />, permission: 'registry:read' },
    ],
  },
  {
    label: 'nav.group.sharing',
    items: [
      { path: '/sharing/discover', label: 'nav.discover', icon: <ShareAltOutlined />, permission: 'exchange:apply' },
      { path: '/sharing/applications', label: 'nav.applications', icon: <InboxOutlined />, permission: 'exchange:apply' },
      { path: '/sharing/grants', label: 'nav.grants', icon: <FileProtectOutlined />, permission: 'exchange:use' },
      { path: '/sharing/use', label: 'nav.use', icon: <SearchOutlined />, permission: 'exchange:use' },
      { path: '/sharing/settings', label: 'nav.exchangeSettings', icon: <SettingOutlined />, permission: 'exchange:admin' },
    ],
  },
  { label: 'nav.group.audit', items: [{ path: '/audit', label: 'nav.audit', icon: <FileSearchOutlined />, permission: 'audit:read' }] },
  {
    label: 'nav.group.admin',
    items: [
      { path: '/admin/departments', label: 'nav.departments', icon: <ApartmentOutlined />, permission: 'identity:read' },
      { path: '/admin/users', label: 'nav.users', icon: <TeamOutlined />, permission: 'identity:manage' },
      { path: '/admin/api-keys', label: 'nav.apiKeys', icon: <KeyOutlined />, permission: 'apikey:manage' },
      { path: '/admin/calendar', label: 'nav.calendar', icon: <CalendarOutlined />, permission: 'authenticated' },
    ],
  },
];

/** The navigation a person may use, empty groups dropped. */
export function visibleNav(can: (permission: string) => boolean): NavGroup[] {
  return NAV.map((g) => ({ ...g, items: g.items.filter((i) => can(i.permission)) })).filter((g) => g.items.length > 0);
}

/** Where to land after signing in: the overview when allowed, else the first page the person may use. */
export function homePath(can: (permission: string) => boolean): string {
  if (can('citizen:self')) return '/citizen';
  return visibleNav(can)[0]?.items[0]?.path ?? '/admin/calendar';
}
