import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AppError } from '../shared/errors.ts';
import { canonicalJson, decodeEntry, encodeEntry, normaliseEntry, seqOfEncoded, seqOfEncodedBytes, type AuditEntryInput, type JsonValue } from './entry.ts';

const base: AuditEntryInput = {
  actor: { kind: 'user', id: 'u-1', department: '县民政局' },
  action: 'exchange.query',
  resource: 'resource:r1',
  subject: '110101199003074514',
  purpose: '低保复核',
  items: ['姓名', '身份证号'],
  outcome: { decision: 'allowed', reason: null },
  requestId: 'req-1',
  details: { rows: 1 },
};
const now = new Date('2025-03-01T08:00:00.000Z');

const jsonValue: fc.Arbitrary<JsonValue> = fc.letrec<{ v: JsonValue }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.string({ unit: 'binary' }),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(fc.string({ unit: 'binary' }), tie('v'), { maxKeys: 4 }),
  ),
})).v;

describe('audit entry canonical form', () => {
  it('sorts keys, drops whitespace and parses back to the same value', () => {
    assert.equal(canonicalJson({ b: 1, a: [true, null, 'x'], c: { z: 1, y: 2 } }), '{"a":[true,null,"x"],"b":1,"c":{"y":2,"z":1}}');
    fc.assert(
      fc.property(jsonValue, (v) => {
        const text = canonicalJson(v);
        assert.equal(canonicalJson(JSON.parse(text)), text);
        assert.ok(!/^\s|\s$/.test(text));
      }),
    );
  });

  it('gives the same bytes whatever order the caller wrote the keys in', () => {
    const a = normaliseEntry(base, 7, now);
    const reordered = normaliseEntry({ details: { rows: 1 }, outcome: base.outcome, items: base.items, action: base.action, actor: { department: '县民政局', id: 'u-1', kind: 'user' }, resource: base.resource, subject: base.subject, purpose: base.purpose, requestId: base.requestId }, 7, now);
    assert.equal(encodeEntry(a), encodeEntry(reordered));
    assert.deepEqual(decodeEntry(encodeEntry(a)), a);
  });

  it('always writes every field, nulls included, with the log-assigned seq and time', () => {
    const e = normaliseEntry({ actor: { kind: 'system', id: 'scheduler', department: null }, action: 'admin.backup', outcome: { decision: 'allowed', reason: null } }, 0, now);
    assert.equal(
      encodeEntry(e),
      '{"action":"admin.backup","actor":{"department":null,"id":"scheduler","kind":"system"},"details":{},"items":[],"outcome":{"decision":"allowed","reason":null},"purpose":null,"requestId":null,"resource":null,"seq":0,"subject":null,"time":"2025-03-01T08:00:00.000Z"}',
    );
  });

  it('refuses invalid entries with the paths of the fields at fault', () => {
    try {
      normaliseEntry({ ...base, action: 'Bad Action', actor: { kind: 'robot' as 'user', id: '', department: null }, outcome: { decision: 'maybe' as 'allowed', reason: null }, time: 'yesterday' }, 0, now);
      assert.fail('should throw');
    } catch (e) {
      assert.ok(e instanceof AppError);
      assert.deepEqual(e.fields.map((f) => f.path).sort(), ['/action', '/actor/id', '/actor/kind', '/outcome/decision', '/time']);
    }
    assert.throws(() => normaliseEntry({ ...base, details: { when: new Date() as unknown as JsonValue } }, 0, now), AppError);
    assert.throws(() => normaliseEntry({ ...base, details: { n: Number.NaN } }, 0, now), AppError);
  });

  it('reads seq from the encoded text exactly as a full parse does, whatever the details hold', () => {
    fc.assert(
      fc.property(fc.nat(), fc.dictionary(fc.string({ unit: 'binary' }), jsonValue, { maxKeys: 3 }), fc.option(fc.string({ minLength: 1, maxLength: 30 }), { nil: null }), (seq, details, subject) => {
        const text = encodeEntry(normaliseEntry({ ...base, details: { ...details, seq: 99 }, subject }, seq, now));
        assert.equal(seqOfEncoded(text), seq);
        assert.equal(seqOfEncoded(text), (JSON.parse(text) as { seq: number }).seq);
        assert.equal(seqOfEncodedBytes(Buffer.concat([Buffer.from([0]), Buffer.from(text)])), seq);
      }),
    );
  });

  it('writes each entry exactly as the generic canonical JSON would', () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.dictionary(fc.string({ unit: 'binary' }), jsonValue, { maxKeys: 3 }),
        fc.option(fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }), { nil: null }),
        fc.array(fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }), { maxLength: 4 }),
        fc.constantFrom('user', 'api_key', 'citizen', 'system'),
        (seq, details, text, items, kind) => {
          const e = normaliseEntry({ ...base, actor: { kind: kind as 'user', id: text ?? 'x', department: text }, details, subject: text, purpose: text, resource: text, requestId: text, items, outcome: { decision: 'refused', reason: text } }, seq, now);
          assert.equal(encodeEntry(e), canonicalJson(e));
        },
      ),
    );
  });

  it('does not accept a non-canonical text as an entry', () => {
    const text = encodeEntry(normaliseEntry(base, 3, now));
    assert.equal(decodeEntry(` ${text}`), undefined);
    assert.equal(decodeEntry(text.replace('"action":"exchange.query","actor"', '"actor"')), undefined);
    assert.equal(decodeEntry('not json'), undefined);
  });
});
