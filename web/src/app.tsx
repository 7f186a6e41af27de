import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { Result } from 'antd';
import { useI18n } from './i18n/i18n.tsx';
import { useSession } from './session/session.tsx';
import { Shell } from './layout/shell.tsx';
import { homePath } from './layout/nav.tsx';
import { ErrorState, LoadingState } from './components/states.tsx';

// Every page is its own chunk: the first page (login) loads only the shell, React and Ant Design.
const LoginPage = lazy(() => import('./pages/login-page.tsx').then((m) => ({ default: m.LoginPage })));
const OverviewPage = lazy(() => import('./pages/overview/overview-page.tsx').then((m) => ({ default: m.OverviewPage })));
const CatalogListPage = lazy(() => import('./pages/catalog/catalog-list-page.tsx').then((m) => ({ default: m.CatalogListPage })));
const ResourceDetailPage = lazy(() => import('./pages/catalog/resource-detail-page.tsx').then((m) => ({ default: m.ResourceDetailPage })));
const ResourceFormPage = lazy(() => import('./pages/catalog/resource-form-page.tsx').then((m) => ({ default: m.ResourceFormPage })));
const ReviewPage = lazy(() => import('./pages/catalog/review-page.tsx').then((m) => ({ default: m.ReviewPage })));
const TransferPage = lazy(() => import('./pages/catalog/transfer-page.tsx').then((m) => ({ default: m.TransferPage })));
const AuthoritiesPage = lazy(() => import('./pages/catalog/authorities-page.tsx').then((m) => ({ default: m.AuthoritiesPage })));
const ReusePage = lazy(() => import('./pages/catalog/reuse-page.tsx').then((m) => ({ default: m.ReusePage })));
const ElementsPage = lazy(() => import('./pages/catalog/elements-page.tsx').then((m) => ({ default: m.ElementsPage })));
const DepartmentsPage = lazy(() => import('./pages/admin/departments-page.tsx').then((m) => ({ default: m.DepartmentsPage })));
const UsersPage = lazy(() => import('./pages/admin/users-page.tsx').then((m) => ({ default: m.UsersPage })));
const ApiKeysPage = lazy(() => import('./pages/admin/api-keys-page.tsx').then((m) => ({ default: m.ApiKeysPage })));
const IngestHomePage = lazy(() => import('./pages/ingest/ingest-home-page.tsx').then((m) => ({ default: m.IngestHomePage })));
const ResourceIngestPage = lazy(() => import('./pages/ingest/resource-ingest-page.tsx').then((m) => ({ default: m.ResourceIngestPage })));
const BatchPage = lazy(() => import('./pages/ingest/batch-page.tsx').then((m) => ({ default: m.BatchPage })));
const ObjectionsPage = lazy(() => import('./pages/ingest/objections-page.tsx').then((m) => ({ default: m.ObjectionsPage })));
const RegistrySearchPage = lazy(() => import('./pages/registry/search-page.tsx').then((m) => ({ default: m.RegistrySearchPage })));
const EntityPage = lazy(() => import('./pages/registry/entity-page.tsx').then((m) => ({ default: m.EntityPage })));
const RegistryReviewPage = lazy(() => import('./pages/registry/review-page.tsx').then((m) => ({ default: m.RegistryReviewPage })));
const DiscrepanciesPage = lazy(() => import('./pages/registry/discrepancies-page.tsx').then((m) => ({ default: m.DiscrepanciesPage })));
const DiscoverPage = lazy(() => import('./pages/sharing/discover-page.tsx').then((m) => ({ default: m.DiscoverPage })));
const ApplicationsPage = lazy(() => import('./pages/sharing/applications-page.tsx').then((m) => ({ default: m.ApplicationsPage })));
const GrantsPage = lazy(() => import('./pages/sharing/grants-page.tsx').then((m) => ({ default: m.GrantsPage })));
const UsePage = lazy(() => import('./pages/sharing/use-page.tsx').then((m) => ({ default: m.UsePage })));
const ExchangeSettingsPage = lazy(() => import('./pages/sharing/settings-page.tsx').then((m) => ({ default: m.ExchangeSettingsPage })));
const AuditLogPage = lazy(() => import('./pages/audit/audit-log-page.tsx').then((m) => ({ default: m.AuditLogPage })));
const AuditEntryPage = lazy(() => import('./pages/audit/entry-page.tsx').then((m) => ({ default: m.AuditEntryPage })));
const CitizenLoginPage = lazy(() => import('./pages/citizen/citizen-login-page.tsx').then((m) => ({ default: m.CitizenLoginPage })));
const CitizenPage = lazy(() => import('./pages/citizen/citizen-page.tsx').then((m) => ({ default: m.CitizenPage })));
const CitizenProofPage = lazy(() => import('./pages/citizen/citizen-page.tsx').then((m) => ({ default: m.CitizenProofPage })));
const CalendarPage = lazy(() => import('./pages/admin/calendar-page.tsx').then((m) => ({ default: m.CalendarPage })));

function RequireSession({ children, citizen = false }: { children: ReactNode; citizen?: boolean }) {
  const { me, error, retry } = useSession();
  const location = useLocation();
  if (error) return <ErrorState error={error} onRetry={retry} />;
  if (me === undefined) return <div style={{ padding: 48 }}><LoadingState /></div>;
  if (me === null) return <Navigate to={citizen ? '/citizen/login' : '/login'} replace state={{ from: `${location.pathname}${location.search}` }} />;
  // Citizens have their own pages; staff pages are not for them (and the other way round).
  if (citizen !== (me.kind === 'citizen')) return <Navigate to={me.kind === 'citizen' ? '/citizen' : '/'} replace />;
  return <>{children}</>;
}

/** A page the person may not use: said plainly rather than failing with a 403 from the API. */
function Allow({ permission, children }: { permission: string; children: ReactNode }) {
  const { can } = useSession();
  const { t } = useI18n();
  return can(permission) ? <>{children}</> : <Result status="403" title={t('state.forbidden')} subTitle={t('state.forbiddenHint')} />;
}

function Home() {
  const { can } = useSession();
  return <Navigate to={homePath(can)} replace />;
}

function NotFound() {
  const { t } = useI18n();
  return <Result status="404" title={t('state.notFound')} subTitle={t('state.pageNotFound')} />;
}

export function AppRoutes() {
  const page = (permission: string, element: ReactNode) => <Allow permission={permission}>{element}</Allow>;
  return (
    <Routes>
      <Route path="/login" element={<Suspense fallback={<LoadingState />}><LoginPage /></Suspense>} />
      <Route path="/citizen/login" element={<Suspense fallback={<LoadingState />}><CitizenLoginPage /></Suspense>} />
      <Route path="/citizen" element={<RequireSession citizen><Suspense fallback={<LoadingState />}><CitizenPage /></Suspense></RequireSession>} />
      <Route path="/citizen/proof/:index" element={<RequireSession citizen><Suspense fallback={<LoadingState />}><CitizenProofPage /></Suspense></RequireSession>} />
      <Route element={<RequireSession><Shell /></RequireSession>}>
        <Route index element={<Home />} />
        <Route path="overview" element={page('dashboard:read', <OverviewPage />)} />
        <Route path="catalog" element={page('catalog:read', <CatalogListPage />)} />
        <Route path="catalog/new" element={page('catalog:write', <ResourceFormPage />)} />
        <Route path="catalog/review" element={page('catalog:review', <ReviewPage />)} />
        <Route path="catalog/transfer" element={page('catalog:read', <TransferPage />)} />
        <Route path="catalog/authorities" element={page('catalog:read', <AuthoritiesPage />)} />
        <Route path="catalog/reuse" element={page('catalog:read', <ReusePage />)} />
        <Route path="catalog/elements" element={page('catalog:read', <ElementsPage />)} />
        <Route path="catalog/:cls/:seq" element={page('catalog:read', <ResourceDetailPage />)} />
        <Route path="catalog/:cls/:seq/edit" element={page('catalog:write', <ResourceFormPage />)} />
        <Route path="ingest" element={page('ingest:read', <IngestHomePage />)} />
        <Route path="ingest/objections" element={page('objection:raise', <ObjectionsPage />)} />
        <Route path="ingest/batches/:id" element={page('ingest:read', <BatchPage />)} />
        <Route path="ingest/:cls/:seq" element={page('ingest:read', <ResourceIngestPage />)} />
        <Route path="registry" element={page('registry:read', <RegistrySearchPage />)} />
        <Route path="registry/review" element={page('registry:review', <RegistryReviewPage />)} />
        <Route path="registry/discrepancies" element={page('registry:read', <DiscrepanciesPage />)} />
        <Route path="registry/:kind/:id" element={page('registry:read', <EntityPage />)} />
        <Route path="sharing/discover" element={page('exchange:apply', <DiscoverPage />)} />
        <Route path="sharing/applications" element={page('exchange:apply', <ApplicationsPage />)} />
        <Route path="sharing/grants" element={page('exchange:use', <GrantsPage />)} />
        <Route path="sharing/use" element={page('exchange:use', <UsePage />)} />
        <Route path="sharing/settings" element={page('exchange:admin', <ExchangeSettingsPage />)} />
        <Route path="audit" element={page('audit:read', <AuditLogPage />)} />
        <Route path="audit/entries/:index" element={page('authenticated', <AuditEntryPage />)} />
        <Route path="admin/departments" element={page('identity:read', <DepartmentsPage />)} />
        <Route path="admin/users" element={page('identity:manage', <UsersPage />)} />
        <Route path="admin/api-keys" element={page('apikey:manage', <ApiKeysPage />)} />
        <Route path="admin/calendar" element={page('authenticated', <CalendarPage />)} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
