import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { idNumberCheckChar } from '../standards/index.ts';
import { createHash } from 'node:crypto';
import { canonicalJson, type JsonValue } from '../audit/index.ts';
import { answerDigest, sameValue } from './calls.ts';
import { createGrantCache } from './grant-cache.ts';
import { checkKey } from './keys.ts';
import { createLimits } from './limits.ts';
import { bucketLimit, bucketOf, createMonitor, percentile, summarize } from './monitor.ts';
import type { GrantRow } from './tables.ts';
import { backoffMs, signWebhook, verifyWebhook } from './webhooks.ts';

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));
const validId = fc.tuple(digits(4), fc.integer({ min: 1950, max: 2020 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), digits(3)).map(([area, y, m, d, seq]) => {
  const body = `33${area}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${seq}`;
  return `${body}${idNumberCheckChar(body)}`;
});

describe('lookup keys', () => {
  it('accepts every canonical ID number and refuses it with any one digit changed', () => {
    fc.assert(fc.property(validId, fc.integer({ min: 0, max: 16 }), (id, at) => {
      assert.deepEqual(checkKey('id_number', id), { ok: true, key: id, subject: id });
      const changed = `${id.slice(0, at)}${(Number(id[at]) + 1) % 10}${id.slice(at + 1)}`;
      assert.equal(checkKey('id_number', changed).ok, false);
    }));
  });

  it('never accepts a record key with quotes, spaces, slashes, angle brackets, semicolons or control characters', () => {
    const hostile = fc.constantFrom("'", '"', ' ', '/', '\\', '<', '>', ';', '\u0000', '\n', '%', '(', '=', '\u3000');
    fc.assert(fc.property(fc.string({ maxLength: 40 }), hostile, fc.string({ maxLength: 40 }), (a, bad, b) => {
      assert.equal(checkKey('record_key', `${a}${bad}${b}`).ok, false);
      assert.equal(checkKey('house_id', `${a}${bad}${b}`).ok, false);
    }));
  });

  it('accepts record keys of letters, digits and separators, and refuses non-strings and empty keys', () => {
    fc.assert(fc.property(fc.stringMatching(/^[A-Za-z0-9\u4e00-\u9fa5][A-Za-z0-9\u4e00-\u9fa5_.:-]{0,60}$/), (key) => {
      assert.deepEqual(checkKey('record_key', key), { ok: true, key, subject: null });
    }));
    for (const raw of [undefined, null, 12, {}, [], '']) assert.equal(checkKey('record_key', raw).ok, false);
    assert.equal(checkKey('record_key', 'x'.repeat(129)).ok, false);
  });
});

function grantRow(over: Partial<GrantRow> = {}): GrantRow {
  return {
    id: 'g1', resource_id: 'r1', resource_code: '301001/000001', provider_department_id: 'p', consumer_department_id: 'c', kind: 'application', application_id: null,
    mode: 'lookup', items: JSON.stringify(['姓名', '身份证号']), purposes: JSON.stringify(['救助核查']), basis: null,
    valid_from: '2026-01-01T00:00:00.000Z', valid_until: '2027-01-01T00:00:00.000Z', rate_per_second: null, quota_per_day: null,
    status: 'active', revoked_at: null, revoked_by: null, revoke_reason: null, created_by: 'u', created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z', ...over,
  };
}

describe('grant resolution', () => {
  const now = Date.parse('2026-06-01T00:00:00Z');
  const q = { departmentId: 'c', resourceId: 'r1', purpose: '救助核查', mode: 'lookup' as const, items: ['姓名'], now };
  const reason = (r: ReturnType<ReturnType<typeof createGrantCache>['resolve']>) => ('refusal' in r ? r.refusal.reason : 'ok');

  it('gives the most specific reason', () => {
    assert.equal(reason(createGrantCache([grantRow()]).resolve(q)), 'ok');
    assert.equal(reason(createGrantCache([]).resolve(q)), 'no_grant');
    assert.equal(reason(createGrantCache([grantRow()]).resolve({ ...q, purpose: '别的' })), 'purpose_not_covered');
    assert.equal(reason(createGrantCache([grantRow()]).resolve({ ...q, items: ['保障金额'] })), 'item_not_granted');
    assert.equal(reason(createGrantCache([grantRow({ mode: 'verify' })]).resolve(q)), 'mode_not_granted');
    assert.equal(reason(createGrantCache([grantRow({ mode: 'verify' })]).resolve({ ...q, mode: 'verify' })), 'ok');
    assert.equal(reason(createGrantCache([grantRow({ status: 'revoked', revoked_at: '2026-05-01T00:00:00.000Z' })]).resolve(q)), 'grant_revoked');
    assert.equal(reason(createGrantCache([grantRow({ valid_until: '2026-05-01T00:00:00.000Z' })]).resolve(q)), 'grant_expired');
    assert.equal(reason(createGrantCache([grantRow()]).resolve({ ...q, departmentId: 'other', grantId: 'g1' })), 'grant_other_department');
    assert.equal(reason(createGrantCache([grantRow()]).resolve({ ...q, grantId: 'nope' })), 'no_grant');
  });

  it('picks the grant that covers the call when a department holds several', () => {
    const cache = createGrantCache([grantRow({ id: 'a', items: JSON.stringify(['姓名']) }), grantRow({ id: 'b', items: JSON.stringify(['姓名', '保障金额']), purposes: JSON.stringify(['救助核查', '复核']) })]);
    const r = cache.resolve({ ...q, items: ['保障金额'] });
    assert.ok(!('refusal' in r) && r.grant.id === 'b');
    const revoked = cache.put(grantRow({ id: 'b', items: JSON.stringify(['姓名', '保障金额']), status: 'revoked', revoked_at: 'x', updated_at: '2026-06-01T00:00:00.000Z' }));
    assert.equal(revoked.status, 'revoked');
    assert.equal(reason(cache.resolve({ ...q, items: ['保障金额'] })), 'item_not_granted', 'the revoked grant no longer counts, at once');
  });
});

describe('limits', () => {
  const grant = (rate: number | null, quota: number | null) => createGrantCache([grantRow({ rate_per_second: rate, quota_per_day: quota })]).get('g1')!;

  it('never lets more than the quota through in a day, however calls are split', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 500 }), fc.array(fc.integer({ min: 1, max: 100 }), { maxLength: 60 }), (quota, calls) => {
      const limits = createLimits();
      const g = grant(null, quota);
      let served = 0;
      for (const n of calls) if (!limits.take(g, n, 0, '2026-06-01')) served += n;
      assert.ok(served <= quota);
      const greedy = calls.reduce((s, n) => (s + n <= quota ? s + n : s), 0);
      assert.equal(served, greedy, 'a call that fits is never refused');
    }));
  });

  it('limits calls per second with a one-second burst', () => {
    const limits = createLimits();
    const g = grant(5, null);
    const allowed = Array.from({ length: 10 }, () => limits.take(g, 1, 1000, 'd') === undefined).filter(Boolean).length;
    assert.equal(allowed, 5);
    assert.equal(limits.take(g, 1, 1200, 'd'), undefined, 'one token back after 200 ms');
    assert.equal(limits.take(g, 1, 1200, 'd')?.reason, 'rate_limited');
  });
});

describe('monitoring histograms', () => {
  it('reads percentiles within 10 % of the exact value', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: 0.1, max: 5000, noNaN: true }), { minLength: 1, maxLength: 300 }), (samples) => {
      const m = createMonitor();
      for (const s of samples) m.record({ grantId: 'g', resourceId: 'r', consumer: 'c', provider: 'p', failed: false, latencyMs: s, at: 0 });
      const [delta] = m.drain();
      const sorted = [...samples].sort((a, b) => a - b);
      for (const p of [0.5, 0.99]) {
        const exact = sorted[Math.ceil(p * sorted.length) - 1]!;
        const read = percentile(delta!.latency, p)!;
        assert.ok(read >= exact * 0.999 && read <= exact * 1.1 + 0.001, `p${p * 100}: ${read} vs ${exact}`);
      }
    }));
    assert.ok(bucketLimit(bucketOf(12.3)) >= 12.3);
    assert.deepEqual(summarize([]), { calls: 0, failures: 0, failureRate: 0, p50: null, p95: null, p99: null });
  });
});

describe('webhook signatures', () => {
  it('verifies exactly the signed body and timestamp', () => {
    fc.assert(fc.property(fc.string(), fc.string({ minLength: 1 }), fc.integer({ min: 1_600_000_000, max: 2_000_000_000 }), (body, secret, ts) => {
      const headers = { 'x-shutong-delivery': 'd1', 'x-shutong-timestamp': String(ts), 'x-shutong-signature': signWebhook(secret, ts, body) };
      assert.equal(verifyWebhook({ secret, headers, body, nowSeconds: ts + 10, seen: new Set() }).ok, true);
      assert.equal(verifyWebhook({ secret, headers, body: `${body}x`, nowSeconds: ts, seen: new Set() }).ok, false);
      assert.equal(verifyWebhook({ secret: `${secret}x`, headers, body, nowSeconds: ts, seen: new Set() }).ok, false);
      assert.equal(verifyWebhook({ secret, headers: { ...headers, 'x-shutong-timestamp': String(ts + 1) }, body, nowSeconds: ts, seen: new Set() }).ok, false);
    }));
    assert.deepEqual([1, 2, 3, 4, 20].map(backoffMs), [1000, 2000, 4000, 8000, 3_600_000]);
  });

  it('compares verification values as numbers or as normalised text', () => {
    assert.ok(sameValue(850, '850.00'));
    assert.ok(sameValue('张三', ' 张三 '));
    assert.ok(sameValue('11010519491231002x', '11010519491231002X'));
    assert.ok(!sameValue('张三', '张四'));
    assert.ok(!sameValue(null, '0'));
    assert.ok(sameValue(null, ''));
  });
});

describe('answer digest', () => {
  it('equals SHA-256 of the canonical JSON of the answer for any item list and values', () => {
    const json: fc.Arbitrary<JsonValue> = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }));
    fc.assert(fc.property(fc.array(fc.string({ maxLength: 6 }), { maxLength: 8 }), fc.boolean(), fc.boolean(), fc.array(json, { minLength: 8, maxLength: 8 }), (items, found, hasValues, pool) => {
      const values: Record<string, JsonValue> | null = hasValues ? {} : null;
      if (values) items.forEach((item, i) => (values[item] = pool[i]!));
      const expected = createHash('sha256').update(canonicalJson({ found, items: values })).digest('hex');
      assert.equal(answerDigest(found, items, values), expected);
      // The sorted names are cached per list: a second call must agree too.
      assert.equal(answerDigest(found, items, values), expected);
    }));
  });
});
