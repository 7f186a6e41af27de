import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { EncodedRows } from './encoded.ts';
import { encodePrefixed, normaliseEntry, type AuditEntry } from './entry.ts';
import { leafHashHex } from './merkle.ts';

const now = new Date('2025-03-01T08:00:00.000Z');
type Detail = string | number | boolean | null | { nested: string } | string[];
const entryOf = (text: string | null, details: Record<string, Detail>): AuditEntry =>
  normaliseEntry({ actor: { kind: 'user', id: text ?? 'x', department: text }, action: 'exchange.query', subject: text, purpose: text, items: text ? [text] : [], outcome: { decision: 'allowed', reason: text }, details }, 0, now);

describe('encoded batch rows', () => {
  it('numbers each entry into exactly the bytes of its canonical text, with its leaf hash', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.option(fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }), { nil: null }), fc.dictionary(fc.string({ unit: 'binary' }), fc.oneof(
          fc.string({ unit: 'binary' }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.boolean(), fc.constant(null),
          fc.record({ nested: fc.string({ unit: 'binary' }) }), fc.array(fc.string(), { maxLength: 2 }),
        ), { maxKeys: 4 })), { minLength: 1, maxLength: 20 }),
        fc.nat(),
        (specs, first) => {
          const entries = specs.map(([text, details]) => entryOf(text, details));
          // A small buffer to start with, so that rows also spill into a new one.
          const rows = new EncodedRows(Buffer.alloc(64));
          const made = entries.map((e, k) => rows.row(e, first + k));
          entries.forEach((e, k) => {
            const text = encodePrefixed(e, first + k).slice(1);
            assert.equal(made[k]!.seq, first + k);
            assert.deepEqual(made[k]!.leaf, Buffer.from(text, 'utf8'));
            assert.equal(made[k]!.leaf_hash, leafHashHex(text));
          });
        },
      ),
    );
  });

  it('writes flat details in place exactly as the canonical text has them', () => {
    const details = { provider: 'GAJ', grant: '01a252ff', found: true, answer: null, key: ' 3301"02\\x\n ', n: -0, big: 1e21, small: 5e-7, skipped: undefined as unknown as null };
    const e = entryOf('县民政局', details);
    assert.equal(new EncodedRows(Buffer.alloc(16)).row(e, 7).leaf.toString('utf8'), encodePrefixed(e, 7).slice(1));
  });

  it('reuses the buffer of the previous batch', () => {
    const first = new EncodedRows();
    first.row(entryOf('县民政局', {}), 0);
    const again = new EncodedRows(first.buffer);
    const e = entryOf('b', { k: 'v' });
    assert.equal(again.row(e, 123456).leaf.toString('utf8'), encodePrefixed(e, 123456).slice(1));
    assert.equal(again.buffer, first.buffer);
  });
});
