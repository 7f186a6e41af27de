import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findElement, validateUscc } from '../standards/index.ts';
import { demoDepartments, demoResources } from './county-catalog.ts';
import { DEPARTMENT_FILES } from './departments/index.ts';
import { DEFAULT_COUNTY, loadCounty, villageShortName } from './division.ts';

describe('demo county catalog', () => {
  it('has the data bureau, at least eight county departments, townships and villages under them', () => {
    const county = demoDepartments.filter((d) => d.level === '县');
    assert.ok(county.some((d) => /数据/.test(d.name)), 'a data bureau to administer the platform');
    assert.ok(county.length >= 9);
    const townships = demoDepartments.filter((d) => d.level === '乡镇街道');
    assert.ok(townships.length >= 2 && townships.length <= 3);
    for (const v of demoDepartments.filter((d) => d.level === '村社区')) {
      assert.ok(townships.some((t) => t.code === v.parentCode), `${v.name} sits under a township`);
    }
    assert.equal(new Set(demoDepartments.map((d) => d.code)).size, demoDepartments.length, 'codes are unique');
    assert.equal(new Set(demoDepartments.map((d) => d.creditCode)).size, demoDepartments.length, 'credit codes are unique');
    for (const d of demoDepartments) {
      assert.match(d.code, /^[A-Z]+$/);
      assert.ok(d.creditCode.startsWith('11') && validateUscc(d.creditCode).ok, `${d.name}: ${d.creditCode}`);
    }
  });

  it('names real townships and villages of the county', () => {
    const county = loadCounty(DEFAULT_COUNTY);
    const townships = new Set(county.townships.map((t) => t.name));
    const villages = new Set(county.villages.map((v) => v.name));
    for (const d of demoDepartments) {
      if (d.level === '乡镇街道') assert.ok(townships.has(d.name.replace(/(办事处|人民政府)$/, '')), d.name);
      if (d.level === '村社区') assert.ok(villages.has(villageShortName(d.name).name), d.name);
    }
  });

  it('describes every department file with the department’s own headers', () => {
    assert.ok(demoResources.length >= 25 && demoResources.length <= 40, `${demoResources.length} resources`);
    for (const spec of DEPARTMENT_FILES) {
      const fed = demoResources.filter((r) => r.sourceFile === spec.key);
      assert.equal(fed.length, 1, spec.key);
      const r = fed[0]!;
      assert.equal(r.providerCode, spec.department);
      assert.deepEqual(r.items.map((i) => i.name), spec.columns.map((c) => c.header));
      assert.ok(r.items.some((i) => i.isKey), `${spec.key} has a key item`);
    }
  });

  it('follows the cataloguing rules the platform enforces', () => {
    const providers = new Set(demoDepartments.map((d) => d.code));
    for (const r of demoResources) {
      assert.ok(providers.has(r.providerCode), `${r.name}: provider ${r.providerCode}`);
      assert.match(r.category.item, /^\d{2}$/);
      assert.match(r.category.catalog, /^\d{3}$/);
      if (r.category.class === '1') assert.equal(r.sharing.type, '无条件共享', `${r.name}: base resources are shared unconditionally`);
      if (r.sharing.type === '有条件共享') assert.ok(r.sharing.condition, `${r.name}: condition`);
      if (r.sharing.type === '不予共享') assert.match(r.sharing.basis ?? '', /《.+》/, `${r.name}: legal basis`);
      assert.equal(new Set(r.items.map((i) => i.name)).size, r.items.length, `${r.name}: item names are unique`);
      for (const i of r.items) if (i.element) assert.ok(findElement(i.element), `${r.name}.${i.name}: element ${i.element}`);
    }
    const types = new Set(demoResources.map((r) => r.sharing.type));
    assert.deepEqual(types, new Set(['无条件共享', '有条件共享', '不予共享']));
    assert.ok(demoResources.filter((r) => r.sharing.type === '不予共享').length >= 2);
    assert.equal(new Set(demoResources.map((r) => r.name)).size, demoResources.length, 'names are unique');
  });
});
