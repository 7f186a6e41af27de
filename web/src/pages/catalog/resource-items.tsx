import { AutoComplete, Button, Checkbox, Col, Form, Input, InputNumber, Row, Select, Tooltip, type FormInstance } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { DataElement } from '../../api/types.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';

const DATA_TYPES = ['C', 'N', 'Y', 'D', 'T', 'L', 'M', 'G', 'B', 'I', 'F'];

/** Whether the server will recognise an element by code, name or synonym. */
export function elementKnown(elements: readonly DataElement[] | undefined, value: string): boolean {
  const v = value.trim();
  return !elements || elements.some((e) => e.code === v || e.name === v || e.synonyms.includes(v));
}

/** A data element picked by name, code or synonym; the options follow what is typed. */
function ElementInput({ id, value, onChange, elements, onPick }: { id?: string; value?: string; onChange?: (v: string) => void; elements: DataElement[] | undefined; onPick: (e: DataElement) => void }) {
  const { t } = useI18n();
  const q = (value ?? '').trim();
  const options = (elements ?? [])
    .filter((e) => !q || e.name.includes(q) || e.code.includes(q) || e.synonyms.some((s) => s.includes(q)))
    .slice(0, 30)
    .map((e) => ({ value: e.name, label: `${e.name}（${e.code}）` }));
  return (
    <AutoComplete
      {...(id ? { id } : {})}
      aria-label={t('item.element')}
      placeholder={t('item.elementHint')}
      allowClear
      value={value ?? ''}
      onChange={(v) => onChange?.(v ?? '')}
      options={options}
      onSelect={(name: string) => {
        const e = elements?.find((x) => x.name === name);
        if (e) onPick(e);
      }}
    />
  );
}

/** The 信息项 rows of a resource: name, data type, data element (一数一源), length, key and authority flags. */
export function ResourceItems({ form, elements }: { form: FormInstance; elements: DataElement[] | undefined }) {
  const { t } = useI18n();
  return (
    <Form.List
      name="items"
      rules={[{ validator: async (_, items?: unknown[]) => { if (!items || items.length === 0) throw new Error(t('form.items.atLeastOne')); } }]}
    >
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.map((field, index) => (
            <Row key={field.key} gutter={8} align="top" data-testid={`item-row-${index}`} style={{ borderBottom: '1px dashed #f0f0f0', marginBottom: 8 }}>
              <Col xs={24} sm={12} lg={5}>
                <Form.Item
                  name={[field.name, 'name']}
                  label={index === 0 ? t('item.name') : undefined}
                  aria-label={t('item.name')}
                  rules={[
                    { required: true, whitespace: true, message: t('form.items.nameRequired') },
                    { max: 100 },
                    {
                      validator: async (_, value?: string) => {
                        const names = ((form.getFieldValue('items') ?? []) as Array<{ name?: string }>).map((i) => i?.name?.trim());
                        if (value?.trim() && names.filter((n) => n === value.trim()).length > 1) throw new Error(t('form.items.duplicate'));
                      },
                    },
                  ]}
                >
                  <Input placeholder={t('item.name')} />
                </Form.Item>
              </Col>
              <Col xs={12} sm={6} lg={4}>
                <Form.Item name={[field.name, 'dataType']} label={index === 0 ? t('item.dataType') : undefined} rules={[{ required: true, message: t('form.required') }]}>
                  <Select aria-label={t('item.dataType')} options={DATA_TYPES.map((d) => ({ value: d, label: `${d} ${t(`dataType.${d}` as MessageKey)}` }))} />
                </Form.Item>
              </Col>
              <Col xs={12} sm={6} lg={6}>
                <Form.Item
                  name={[field.name, 'element']}
                  label={index === 0 ? t('item.element') : undefined}
                  dependencies={[['items', field.name, 'authoritative']]}
                  rules={[
                    ({ getFieldValue }) => ({
                      validator: async (_, value?: string) => {
                        if (!value?.trim()) {
                          if (getFieldValue(['items', field.name, 'authoritative'])) throw new Error(t('form.items.authoritativeNeedsElement'));
                          return;
                        }
                        if (!elementKnown(elements, value)) throw new Error(t('form.items.unknownElement', { value }));
                      },
                    }),
                  ]}
                >
                  <ElementInput
                    elements={elements}
                    onPick={(e) => {
                      if (DATA_TYPES.includes(e.dataType)) form.setFieldValue(['items', field.name, 'dataType'], e.dataType);
                    }}
                  />
                </Form.Item>
              </Col>
              <Col xs={8} sm={6} lg={3}>
                <Form.Item name={[field.name, 'length']} label={index === 0 ? t('item.length') : undefined} rules={[{ type: 'integer', min: 1, max: 100000, message: t('form.items.length') }]}>
                  <InputNumber aria-label={t('item.length')} style={{ width: '100%' }} min={1} precision={0} />
                </Form.Item>
              </Col>
              <Col xs={6} sm={5} lg={2}>
                <Form.Item name={[field.name, 'isKey']} valuePropName="checked" label={index === 0 ? t('item.isKey') : undefined}>
                  <Checkbox>{t('item.key')}</Checkbox>
                </Form.Item>
              </Col>
              <Col xs={8} sm={5} lg={3}>
                <Form.Item name={[field.name, 'authoritative']} valuePropName="checked" label={index === 0 ? t('item.authoritative') : undefined}>
                  <Checkbox onChange={() => void form.validateFields([['items', field.name, 'element']]).catch(() => undefined)}>{t('item.authoritativeTag')}</Checkbox>
                </Form.Item>
              </Col>
              <Col xs={2} sm={2} lg={1} style={{ paddingTop: index === 0 ? 30 : 0 }}>
                <Tooltip title={t('action.remove')}>
                  <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('action.remove')} onClick={() => remove(field.name)} />
                </Tooltip>
              </Col>
            </Row>
          ))}
          <Form.ErrorList errors={errors} />
          <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ name: '', dataType: 'C' })}>{t('form.items.add')}</Button>
        </>
      )}
    </Form.List>
  );
}
