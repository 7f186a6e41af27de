import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { App, Breadcrumb, Button, Card, Form, Space, Typography } from 'antd';
import { api, ApiError, type FieldProblem } from '../../api/client.ts';
import type { Resource, ResourceInput, SaveResult, Vocabulary } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../session/session.tsx';
import { Loadable, ProblemAlert } from '../../components/states.tsx';
import { useApi } from '../../components/use-api.ts';
import { clearServerErrors, showProblems } from './form-errors.ts';
import { BasicFields, SharingFields } from './resource-form-fields.tsx';
import { ResourceItems } from './resource-items.tsx';
import { resourceApi, resourcePath, useDepartments, useElements } from './shared.tsx';

interface ItemValues {
  name?: string;
  dataType?: string;
  element?: string;
  isKey?: boolean;
  length?: number | null;
  authoritative?: boolean;
}

interface FormValues {
  name: string;
  providerCode: string;
  category: { class: string; item: string; catalog: string; detail?: string };
  summary: string;
  format: string;
  updateCycle: string;
  sharing: { type: string; method: string; condition?: string; basis?: string };
  open: { isOpen?: boolean; condition?: string };
  items: ItemValues[];
  relatedCodes?: string[];
}

const opt = (s: string | undefined | null) => (s && s.trim() ? s.trim() : undefined);

/** The form's values as the API's ResourceInput: trimmed, empty optionals left out. */
function toInput(v: FormValues): ResourceInput {
  const detail = opt(v.category.detail);
  return {
    name: v.name.trim(),
    providerCode: v.providerCode,
    category: { class: v.category.class, item: v.category.item, catalog: v.category.catalog, ...(detail ? { detail } : {}) },
    summary: v.summary.trim(),
    format: v.format,
    updateCycle: v.updateCycle,
    sharing: { type: v.sharing.type, method: v.sharing.method, ...(opt(v.sharing.condition) ? { condition: opt(v.sharing.condition)! } : {}), ...(opt(v.sharing.basis) ? { basis: opt(v.sharing.basis)! } : {}) },
    open: { isOpen: Boolean(v.open.isOpen), ...(v.open.isOpen && opt(v.open.condition) ? { condition: opt(v.open.condition)! } : {}) },
    items: (v.items ?? []).map((i) => ({
      name: (i.name ?? '').trim(),
      dataType: i.dataType ?? '',
      ...(opt(i.element) ? { element: opt(i.element)! } : {}),
      ...(i.isKey ? { isKey: true } : {}),
      ...(typeof i.length === 'number' ? { length: i.length } : {}),
      ...(i.authoritative ? { authoritative: true } : {}),
    })),
    relatedCodes: v.relatedCodes ?? [],
  };
}

function fromResource(r: Resource): FormValues {
  return {
    name: r.name,
    providerCode: r.provider.departmentCode,
    category: { class: r.category.class, item: r.category.item, catalog: r.category.catalog, detail: r.category.detail ?? '' },
    summary: r.summary,
    format: r.format,
    updateCycle: r.updateCycle,
    sharing: { type: r.sharing.type, method: r.sharing.method, condition: r.sharing.condition ?? '', basis: r.sharing.basis ?? '' },
    open: { isOpen: r.open.isOpen, condition: r.open.condition ?? '' },
    items: r.items.map((i) => ({ name: i.name, dataType: i.dataType, element: i.element?.name ?? '', isKey: i.isKey, length: i.length, authoritative: i.authoritative })),
    relatedCodes: r.relatedCodes,
  };
}

/** 登记 / 修改信息资源, with inline checks and the server's field problems shown at their fields. */
export function ResourceFormPage() {
  const { cls, seq } = useParams();
  const code = cls && seq ? `${cls}/${seq}` : undefined;
  const existing = useApi<Resource>(code ? resourceApi(code) : null);
  const vocab = useApi<Vocabulary>('/api/catalog/vocabulary');
  if (code) {
    const both = existing.data && vocab.data ? { resource: existing.data, vocab: vocab.data } : undefined;
    return (
      <Loadable state={{ data: both, error: existing.error ?? vocab.error, loading: existing.loading || vocab.loading, reload: existing.reload }} rows={10}>
        {(d) => <ResourceForm key={d.resource.code} resource={d.resource} vocab={d.vocab} />}
      </Loadable>
    );
  }
  return <Loadable state={vocab} rows={10}>{(v) => <ResourceForm vocab={v} />}</Loadable>;
}

function ResourceForm({ resource, vocab }: { resource?: Resource; vocab: Vocabulary }) {
  const { t, bi } = useI18n();
  const { me, can } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const elements = useElements();
  const departments = useDepartments(can('identity:read'));
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<{ error: unknown; unplaced: FieldProblem[] } | null>(null);
  const editing = Boolean(resource);
  const initial = useMemo<FormValues>(() => resource ? fromResource(resource) : {
    name: '',
    providerCode: me?.departmentCode ?? '',
    category: { class: '3', item: '', catalog: '', detail: '' },
    summary: '',
    format: '电子表格',
    updateCycle: '每月',
    sharing: { type: '有条件共享', method: '接口', condition: '', basis: '' },
    open: { isOpen: false, condition: '' },
    items: [{ name: '', dataType: 'C', element: '' }],
    relatedCodes: [],
  }, [resource, me]);

  const save = async (values: FormValues) => {
    setSaving(true);
    setProblem(null);
    try {
      const input = toInput(values);
      const result = resource ? await api.put<SaveResult>(resourceApi(resource.code), input) : await api.post<SaveResult>('/api/catalog/resources', input);
      message.success(resource ? t('form.saved') : t('form.created', { code: result.resource.code }));
      navigate(resourcePath(result.resource.code), { state: { duplicates: result.duplicates } });
    } catch (e) {
      if (e instanceof ApiError && e.problem.errors?.length) {
        setProblem({ error: e, unplaced: showProblems(form, e.problem.errors, bi) });
      } else setProblem({ error: e, unplaced: [] });
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <Breadcrumb style={{ marginBottom: 12 }} items={[{ title: <Link to="/catalog">{t('nav.catalog')}</Link> }, ...(resource ? [{ title: <Link to={resourcePath(resource.code)}>{resource.code}</Link> }] : []), { title: resource ? t('action.edit') : t('nav.register') }]} />
      <Typography.Title level={3}>{resource ? t('form.editTitle', { name: resource.name }) : t('form.newTitle')}</Typography.Title>
      {problem && <ProblemAlert error={problem.error} unplaced={problem.unplaced} />}
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={save}
        onValuesChange={(delta) => clearServerErrors(form, delta)}
        onFinishFailed={({ errorFields }) => {
          const first = errorFields[0];
          if (first) form.scrollToField(first.name, { block: 'center' });
        }}
        scrollToFirstError={false}
      >
        <BasicFields vocab={vocab} departments={departments} editing={editing} providerLocked={!can('catalog:review')} />
        <SharingFields vocab={vocab} />
        <Card size="small" title={t('form.section.items')} style={{ marginBottom: 16 }} extra={<Typography.Text type="secondary">{t('form.items.hint')}</Typography.Text>}>
          <ResourceItems form={form} elements={elements} />
        </Card>
        <Space>
          <Button type="primary" htmlType="submit" loading={saving}>{resource ? t('action.save') : t('form.submitNew')}</Button>
          <Button onClick={() => navigate(resource ? resourcePath(resource.code) : '/catalog')}>{t('action.cancel')}</Button>
        </Space>
      </Form>
    </>
  );
}
