import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { EncodedEntries, EncodedRows } from './encoded.ts';
import { encodePrefixed, normaliseEntry, type AuditEntry } from './entry.ts';
import { leafHashHex } from './merkle.ts';

const now = new Date('2025-03-01T08:00:00.000Z');
const entryOf = (text: string | null, details: Record<string, string>): AuditEntry =>
  normaliseEntry({ actor: { kind: 'user', id: text ?? 'x', department: text }, action: 'exchange.query', subject: text, purpose: text, items: text ? [text] : [], outcome: { decision: 'allowed', reason: text }, details }, 0, now);

describe('encoded pending entries', () => {
  it('numbers each entry into exactly the bytes of its canonical text, whatever the text and seq', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.option(fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }), { nil: null }), fc.dictionary(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), { maxKeys: 2 })), { minLength: 1, maxLength: 20 }),
        fc.oneof(fc.nat(20), fc.constant(9), fc.constant(10), fc.nat()),
        (specs, first) => {
          const entries = specs.map(([text, details]) => entryOf(text, details));
          const pending = new EncodedEntries();
          for (const e of entries) pending.add(e);
          const rows = new EncodedRows(pending.byteLengthOf(0, pending.count), pending.count);
          entries.forEach((e, k) => {
            const row = rows.row(pending, k, first + k);
            const text = encodePrefixed(e, first + k).slice(1);
            assert.equal(row.seq, first + k);
            assert.deepEqual(row.leaf, Buffer.from(text, 'utf8'));
            assert.equal(row.leaf_hash, leafHashHex(text));
          });
        },
      ),
    );
  });

  it('drops the entries of a call whose later input was invalid, and reuses its buffers', () => {
    const pending = new EncodedEntries();
    const a = entryOf('县民政局', {});
    pending.add(a);
    pending.add(entryOf('b', { k: 'v' }));
    pending.truncate(1);
    assert.equal(pending.count, 1);
    const b = entryOf('c', {});
    pending.add(b);
    const first = new EncodedRows(pending.byteLengthOf(0, 2), 2);
    assert.equal(first.row(pending, 1, 5).leaf.toString('utf8'), encodePrefixed(b, 5).slice(1));
    pending.clear();
    pending.add(a);
    const again = new EncodedRows(pending.byteLengthOf(0, 1), 1, first.buffer);
    assert.equal(again.buffer, first.buffer);
    assert.equal(again.row(pending, 0, 123456).leaf.toString('utf8'), encodePrefixed(a, 123456).slice(1));
  });
});
