import { Type } from 'typebox';

export const CategorySchema = Type.Object({
  class: Type.String({ description: '类：1 基础 2 主题 3 部门' }),
  item: Type.String({ description: '项（2位）' }),
  catalog: Type.String({ description: '目（3位）' }),
  detail: Type.Optional(Type.String({ description: '细目（3位，可选）' })),
});

export const ItemSchema = Type.Object({
  name: Type.String({ maxLength: 100 }),
  dataType: Type.String({ description: 'C N Y D T L M G B I F' }),
  element: Type.Optional(Type.String({ description: '数据元代码或名称' })),
  isKey: Type.Optional(Type.Boolean()),
  length: Type.Optional(Type.Integer()),
  authoritative: Type.Optional(Type.Boolean({ description: '本部门为该数据元的权威来源（一数一源）' })),
});

export const ResourceInputSchema = Type.Object({
  name: Type.String({ maxLength: 200 }),
  providerCode: Type.String(),
  category: CategorySchema,
  summary: Type.String({ maxLength: 2000 }),
  format: Type.String(),
  items: Type.Array(ItemSchema, { maxItems: 500 }),
  sharing: Type.Object({ type: Type.String(), condition: Type.Optional(Type.String({ maxLength: 2000 })), basis: Type.Optional(Type.String({ maxLength: 2000 })), method: Type.String() }),
  open: Type.Object({ isOpen: Type.Boolean(), condition: Type.Optional(Type.String()) }),
  updateCycle: Type.String(),
  relatedCodes: Type.Optional(Type.Array(Type.String(), { maxItems: 100 })),
});

export const CodeParams = Type.Object({ class: Type.String(), seq: Type.String() });

export const SearchQuerySchema = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  department: Type.Optional(Type.String()),
  sharingType: Type.Optional(Type.String()),
  open: Type.Optional(Type.Boolean()),
  element: Type.Optional(Type.String()),
  status: Type.Optional(Type.String()),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
});
