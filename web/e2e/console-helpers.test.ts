// Unit tests of the console's pure helpers. They live in web/e2e because scripts/run-tests.js collects
// tests from src/, bench/ and web/e2e/ only; they need no server and no browser.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { splitBilingual, interpolate } from '../src/i18n/text.ts';
import { changedPaths, pathToName, placeProblems } from '../src/pages/catalog/form-errors.ts';
import { parseItemLines, rowOf } from '../src/pages/catalog/parse.ts';
import { MESSAGES } from '../src/i18n/messages.ts';
import { adminMessages } from '../src/i18n/messages-admin.ts';
import { auditMessages } from '../src/i18n/messages-audit.ts';
import { catalogMessages } from '../src/i18n/messages-catalog.ts';
import { commonMessages } from '../src/i18n/messages-common.ts';
import { ingestMessages } from '../src/i18n/messages-ingest.ts';
import { registryMessages } from '../src/i18n/messages-registry.ts';
import { sharingMessages } from '../src/i18n/messages-sharing.ts';
import { vocabMessages } from '../src/i18n/messages-vocab.ts';

const cjk = fc.string({ unit: fc.constantFrom(...'数据共享不予依据必填信息项名称重复（）：，'), minLength: 1, maxLength: 20 }).filter((s) => /[\u3400-\u9fff]/.test(s));
const english = fc.string({ unit: fc.constantFrom(...'abcdefghij klmnop-(),:'), minLength: 1, maxLength: 30 }).map((s) => s.trim()).filter((s) => s.length > 0);

describe('splitBilingual', () => {
  it('splits the server\'s "中文 / English" texts into their halves', () => {
    assert.deepEqual(splitBilingual('用户名或密码错误 / wrong username or password'), { zh: '用户名或密码错误', en: 'wrong username or password' });
    assert.deepEqual(splitBilingual('无权执行此操作（需要 catalog:review）/ not allowed (needs catalog:review)'), { zh: '无权执行此操作（需要 catalog:review）', en: 'not allowed (needs catalog:review)' });
    assert.deepEqual(splitBilingual('格式须为 电子文件/电子表格 / unknown format'), { zh: '格式须为 电子文件/电子表格', en: 'unknown format' });
  });

  it('returns any Chinese and English halves it was given', () => {
    fc.assert(fc.property(cjk, english, (zh, en) => {
      assert.deepEqual(splitBilingual(`${zh} / ${en}`), { zh: zh.trim(), en });
    }));
  });

  it('leaves a text without a bilingual split whole in both languages', () => {
    fc.assert(fc.property(fc.string(), (text) => {
      const parts = splitBilingual(text);
      if (parts.zh === parts.en) assert.equal(parts.zh, text);
      else assert.ok(text.includes(parts.zh) && text.endsWith(parts.en));
    }));
  });
});

describe('message catalogue', () => {
  it('has a Chinese and an English text for every key, with the same placeholders', () => {
    for (const [key, [zh, en]] of Object.entries(MESSAGES)) {
      assert.ok(zh.trim() && en.trim(), key);
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      assert.deepEqual(names(zh), names(en), key);
    }
    assert.equal(interpolate('共 {n} 条', { n: 3 }), '共 3 条');
  });

  it('defines each key in one area file only, so that no text silently replaces another', () => {
    const areas = [commonMessages, vocabMessages, catalogMessages, adminMessages, ingestMessages, registryMessages, sharingMessages, auditMessages];
    const seen = new Map<string, number>();
    areas.forEach((area, i) => {
      for (const key of Object.keys(area)) {
        assert.ok(!seen.has(key), `${key} is in area ${seen.get(key)} and area ${i}`);
        seen.set(key, i);
      }
    });
    assert.equal(seen.size, Object.keys(MESSAGES).length);
  });
});

describe('problem paths on form fields', () => {
  it('turns JSON-pointer paths into form names', () => {
    assert.deepEqual(pathToName('/sharing/basis'), ['sharing', 'basis']);
    assert.deepEqual(pathToName('/items/2/element'), ['items', 2, 'element']);
    assert.deepEqual(pathToName('/body/items/0/name'), ['items', 0, 'name']);
  });

  it('places problems on registered fields and keeps the rest for the alert', () => {
    const registered = [['name'], ['sharing', 'basis'], ['items', 0, 'name'], ['items', 1, 'authoritative'], ['category', 'class'], ['relatedCodes']];
    const { fields, unplaced } = placeProblems([
      { path: '/sharing/basis', message: '不予共享须提供依据 / needs a basis' },
      { path: '/items/1/authoritative', message: '已由 县公安局 提供 / held by GAJ' },
      { path: '/category', message: '与资源代码不符 / does not match' },
      { path: '/relatedCodes/3', message: '101001/000009 不存在 / not found' },
      { path: '/items/7/name', message: 'gone' },
      { path: '/status', message: 'draft' },
    ], registered, (m) => splitBilingual(m).zh);
    assert.deepEqual(fields.map((f) => f.name), [['sharing', 'basis'], ['items', 1, 'authoritative'], ['category', 'class'], ['relatedCodes']]);
    assert.deepEqual(fields[1]!.errors, ['已由 县公安局 提供']);
    assert.deepEqual(unplaced.map((p) => p.path), ['/items/7/name', '/status']);
  });

  it('names the fields a change touched, down to list items', () => {
    // eslint-disable-next-line no-sparse-arrays
    assert.deepEqual(changedPaths({ items: [, { authoritative: false }] }), [['items', 1, 'authoritative']]);
    assert.deepEqual(changedPaths({ sharing: { basis: '《条例》' } }), [['sharing', 'basis']]);
    assert.deepEqual(changedPaths({ relatedCodes: ['101001/000001'] }), [['relatedCodes', 0]]);
  });

  it('never loses a problem: each is placed or left for the alert', () => {
    const segment = fc.oneof(fc.constantFrom('items', 'sharing', 'basis', 'name', 'category', 'body'), fc.nat(5).map(String));
    const path = fc.array(segment, { maxLength: 4 }).map((parts) => `/${parts.join('/')}`);
    fc.assert(fc.property(fc.array(fc.record({ path, message: fc.string({ minLength: 1 }) }), { maxLength: 12 }), (problems) => {
      const { fields, unplaced } = placeProblems(problems, [['items', 0, 'name'], ['sharing', 'basis'], ['name']]);
      for (const p of problems) {
        if (unplaced.includes(p)) continue;
        const key = pathToName(p.path).join('.');
        assert.ok(fields.some((f) => f.name.join('.') === key && f.errors.includes(p.message)), `${p.path} was neither placed nor kept`);
      }
      for (const f of fields) assert.ok(f.errors.length > 0);
    }));
  });
});

describe('catalog parsing helpers', () => {
  it('reads pasted item lines with an optional data element', () => {
    assert.deepEqual(parseItemLines('姓名\n身份证号\t公民身份号码\n\n联系电话，手机号码\r\n'), [
      { name: '姓名' },
      { name: '身份证号', element: '公民身份号码' },
      { name: '联系电话', element: '手机号码' },
    ]);
  });

  it('finds the spreadsheet row of an import problem', () => {
    assert.equal(rowOf('/rows/7/信息资源名称'), 7);
    assert.equal(rowOf('/rows'), null);
    fc.assert(fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.string(), (row, rest) => {
      assert.equal(rowOf(`/rows/${row}/${rest}`), row);
    }));
  });
});
