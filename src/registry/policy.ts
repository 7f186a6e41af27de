/**
 * 一数一源 for the registries: which department (and resource) is authoritative for each field,
 * from the catalog's authoritative sources per data element. A person's status, household number
 * and relation follow the authority of 公民身份号码 (the household register); a business's own
 * attributes follow the authority of 统一社会信用代码 (the business register).
 *
 * @example
 * const policy = policyFrom(await catalog.authorities(), profiles);
 * policy.authorityOf('person', 'name') // { departmentCode: 'GAJ', resourceCode: '101001/000001' }
 */
import type { Field, RegistryKind } from './fields.ts';
import type { AuthoritySource } from './golden.ts';
import type { RegistryPolicy } from './pipeline.ts';
import type { ResourceProfile } from './profiles.ts';

export interface AuthorityClaim {
  readonly element: { readonly name: string };
  readonly departmentCode: string;
  readonly resourceCode: string | null;
}

const PERSON_ELEMENTS: Readonly<Partial<Record<Field, string>>> = {
  id_number: '公民身份号码', name: '姓名', sex: '性别', birth_date: '出生日期', ethnicity: '民族', phone: '联系电话', address: '地址',
  status: '公民身份号码', household_no: '公民身份号码', relation: '公民身份号码',
};

export function policyFrom(claims: readonly AuthorityClaim[], profiles: Iterable<ResourceProfile>): RegistryPolicy {
  const byElement = new Map(claims.map((c) => [c.element.name, { departmentCode: c.departmentCode, resourceCode: c.resourceCode }]));
  let register = byElement.get('公民身份号码')?.departmentCode;
  if (register === undefined) {
    // No claim yet: the department whose person resource carries a status item keeps the register.
    for (const p of profiles) if (p.mentions.some((m) => m.role === '' && m.kind === 'person' && m.fields.status !== undefined)) register = p.departmentCode;
  }
  return {
    register,
    authorityOf(kind: RegistryKind, field: Field): AuthoritySource | undefined {
      if (kind === 'person') {
        const element = PERSON_ELEMENTS[field];
        return element === undefined ? undefined : byElement.get(element);
      }
      if (kind === 'business') return byElement.get('统一社会信用代码');
      return undefined;
    },
  };
}
