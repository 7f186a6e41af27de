import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('turns the audit writer thread on by default only with four or more cores, and lets the setting force it', () => {
    assert.equal(loadConfig({}).auditWriterThread, availableParallelism() >= 4);
    assert.equal(loadConfig({ AUDIT_WRITER_THREAD: 'true' }).auditWriterThread, true);
    assert.equal(loadConfig({ AUDIT_WRITER_THREAD: 'off' }).auditWriterThread, false);
  });

  it('refuses a value it cannot read, naming the setting', () => {
    assert.throws(() => loadConfig({ AUDIT_WRITER_THREAD: 'maybe', PORT: '70000' }), (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.match(e.message, /AUDIT_WRITER_THREAD/);
      assert.match(e.message, /PORT/);
      return true;
    });
  });
});
