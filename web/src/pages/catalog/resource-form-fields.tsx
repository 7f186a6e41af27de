import { Card, Col, Form, Input, Row, Select, Switch } from 'antd';
import type { Department, Vocabulary } from '../../api/types.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';

const digits = (n: number, message: string) => ({ pattern: new RegExp(`^\\d{${n}}$`), message });

/** 基本信息: name, provider, classification (类/项/目/细目), summary, format and update cycle. */
export function BasicFields({ vocab, departments, editing, providerLocked }: { vocab: Vocabulary; departments: Department[] | undefined; editing: boolean; providerLocked: boolean }) {
  const { t, tv } = useI18n();
  const cls = Form.useWatch(['category', 'class']) as string | undefined;
  const itemChoices = cls === '1' ? vocab.baseKinds : cls === '2' ? vocab.themes : undefined;
  return (
    <Card size="small" title={t('form.section.basic')} style={{ marginBottom: 16 }}>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="name" label={t('resource.name')} rules={[{ required: true, whitespace: true, message: t('form.name.required') }, { max: 100, message: t('form.name.max') }]}>
            <Input maxLength={100} showCount />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="providerCode" label={t('resource.provider')} rules={[{ required: true, message: t('form.required') }]} extra={providerLocked ? t('form.provider.locked') : undefined}>
            {departments ? (
              <Select disabled={providerLocked || editing} showSearch={{ optionFilterProp: 'label' }} options={departments.map((d) => ({ value: d.code, label: `${d.name}（${d.code}）` }))} />
            ) : <Input disabled={providerLocked || editing} />}
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name={['category', 'class']} label={t('resource.class')} rules={[{ required: true, message: t('form.required') }]} extra={editing ? t('form.category.locked') : undefined}>
            <Select disabled={editing} options={Object.keys(vocab.classes).map((k) => ({ value: k, label: `${k} ${t(`class.${k}` as MessageKey)}` }))} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item
            name={['category', 'item']}
            label={t('resource.item')}
            dependencies={[['category', 'class']]}
            rules={[
              { required: true, message: t('form.required') },
              digits(2, t('form.category.item')),
              ({ getFieldValue }) => ({
                validator: async (_, v?: string) => {
                  if (getFieldValue(['category', 'class']) === '1' && v && !vocab.baseKinds[v]) throw new Error(t('form.category.baseKind'));
                },
              }),
            ]}
          >
            {itemChoices ? (
              <Select disabled={editing} options={Object.entries(itemChoices).map(([k, v]) => ({ value: k, label: `${k} ${tv(v)}` }))} />
            ) : <Input disabled={editing} maxLength={2} placeholder="01" />}
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name={['category', 'catalog']} label={t('resource.catalog')} rules={[{ required: true, message: t('form.required') }, digits(3, t('form.category.catalog'))]}>
            <Input disabled={editing} maxLength={3} placeholder="001" />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name={['category', 'detail']} label={t('resource.detail')} rules={[digits(3, t('form.category.detail'))]}>
            <Input disabled={editing} maxLength={3} placeholder={t('form.optional')} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="summary" label={t('resource.summary')} rules={[{ required: true, whitespace: true, message: t('form.summary.required') }]}>
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="format" label={t('resource.format')} rules={[{ required: true, message: t('form.required') }]}>
            <Select options={vocab.formats.map((f) => ({ value: f, label: tv(f) }))} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="updateCycle" label={t('resource.updateCycle')} rules={[{ required: true, message: t('form.required') }]}>
            <Select options={vocab.updateCycles.map((c) => ({ value: c, label: tv(c) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="relatedCodes" label={t('resource.related')} extra={t('form.related.hint')} rules={[{ validator: async (_, codes?: string[]) => { const bad = (codes ?? []).find((c) => !/^\d{6}(\d{3})?\/\d{6}$/.test(c)); if (bad) throw new Error(t('form.related.format', { code: bad })); } }]}>
            <Select mode="tags" tokenSeparators={[',', '，', ' ']} open={false} suffixIcon={null} />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}

/** 共享与开放: the sharing type decides what else is needed (conditions, or a legal basis for 不予共享). */
export function SharingFields({ vocab }: { vocab: Vocabulary }) {
  const { t, tv } = useI18n();
  const type = Form.useWatch(['sharing', 'type']) as string | undefined;
  const isOpen = Form.useWatch(['open', 'isOpen']) as boolean | undefined;
  return (
    <Card size="small" title={t('form.section.sharing')} style={{ marginBottom: 16 }}>
      <Row gutter={16}>
        <Col xs={12} md={6}>
          <Form.Item
            name={['sharing', 'type']}
            label={t('sharing.type')}
            dependencies={[['category', 'class']]}
            rules={[
              { required: true, message: t('form.required') },
              ({ getFieldValue }) => ({
                validator: async (_, v?: string) => {
                  if (getFieldValue(['category', 'class']) === '1' && v && v !== '无条件共享') throw new Error(t('form.sharing.baseMustShare'));
                },
              }),
            ]}
          >
            <Select options={vocab.sharingTypes.map((s) => ({ value: s, label: tv(s) }))} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name={['sharing', 'method']} label={t('sharing.method')} rules={[{ required: true, message: t('form.required') }]}>
            <Select options={vocab.sharingMethods.map((s) => ({ value: s, label: tv(s) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name={['sharing', 'condition']}
            label={t('sharing.condition')}
            dependencies={[['sharing', 'type']]}
            extra={type === '有条件共享' ? t('form.sharing.conditionHint') : undefined}
            rules={[({ getFieldValue }) => ({ validator: async (_, v?: string) => { if (getFieldValue(['sharing', 'type']) === '有条件共享' && !v?.trim()) throw new Error(t('form.sharing.conditionRequired')); } })]}
          >
            <Input.TextArea rows={2} maxLength={2000} disabled={type === '无条件共享'} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item
            name={['sharing', 'basis']}
            label={t('sharing.basis')}
            dependencies={[['sharing', 'type']]}
            extra={type === '不予共享' ? t('form.sharing.basisHint') : undefined}
            rules={[({ getFieldValue }) => ({ validator: async (_, v?: string) => { if (getFieldValue(['sharing', 'type']) === '不予共享' && !v?.trim()) throw new Error(t('form.sharing.basisRequired')); } })]}
          >
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item
            name={['open', 'isOpen']}
            label={t('open.isOpen')}
            valuePropName="checked"
            dependencies={[['sharing', 'type']]}
            rules={[({ getFieldValue }) => ({ validator: async (_, v?: boolean) => { if (v && getFieldValue(['sharing', 'type']) === '不予共享') throw new Error(t('form.open.notShared')); } })]}
          >
            <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={18}>
          <Form.Item name={['open', 'condition']} label={t('open.condition')} rules={[{ max: 500 }]}>
            <Input disabled={!isOpen} maxLength={500} />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}
