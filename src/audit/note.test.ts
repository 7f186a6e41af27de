import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { NoteError, generateSigner, openNote, parseSignerKey, parseVerifierKey, signNote } from './note.ts';
import { openCheckpoint, parseCheckpoint, signCheckpoint, formatCheckpoint } from './checkpoint.ts';
import { leafHash } from './merkle.ts';
import { independentlyVerifyNote } from './testdata/fixtures.ts';

// Known-answer vectors from golang.org/x/mod/sumdb/note (note_test.go).
const PETER_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const ENOCH_VKEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG = '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_SIG = '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';

const independentlyVerify = independentlyVerifyNote;

describe('C2SP signed note', () => {
  it('derives the Go reference verifier key from the Go reference signer key', () => {
    const signer = parseSignerKey(PETER_SKEY);
    assert.equal(signer.verifierKey, PETER_VKEY);
    assert.equal(signer.signerKey, PETER_SKEY);
    assert.equal(parseVerifierKey(PETER_VKEY).keyId, 0xc74f20a3);
  });

  it('signs byte for byte like golang.org/x/mod/sumdb/note', () => {
    assert.equal(signNote(TEXT, parseSignerKey(PETER_SKEY)), `${TEXT}\n${PETER_SIG}`);
  });

  it('opens notes as Go does: known keys verified, unknown keys set aside, bad signatures rejected', () => {
    const peter = parseVerifierKey(PETER_VKEY);
    const enoch = parseVerifierKey(ENOCH_VKEY);
    const one = openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, [peter]);
    assert.equal(one.text, TEXT);
    assert.deepEqual(one.verified.map((s) => s.name), ['PeterNeumann']);
    assert.deepEqual(one.unverified.map((s) => s.name), ['EnochRoot']);
    assert.equal(openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, [peter, enoch]).verified.length, 2);
    assert.throws(() => openNote(`${TEXT}\n${ENOCH_SIG}`, [peter]), /no verifiable signatures/);
    assert.throws(() => openNote(`${TEXT}\n${PETER_SIG.slice(0, 60)}ABCD${PETER_SIG.slice(60)}`, [peter]), /invalid signature/);
    const malformed = [
      TEXT,
      `${TEXT}\n`,
      `${TEXT}\n${PETER_SIG.slice(0, -1)}`,
      `\x01${TEXT}\n${PETER_SIG}`,
      `${TEXT}\n— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=`,
      `${TEXT}\n${PETER_SIG}Unexpected line.\n`,
      `${TEXT}\n${PETER_SIG.repeat(101)}`,
    ];
    for (const m of malformed) assert.throws(() => openNote(m, [peter]), NoteError, JSON.stringify(m));
  });

  it('rejects every single-character mangling of a verifier key', () => {
    const bytes = [...PETER_VKEY];
    for (let i = 0; i < bytes.length; i++) {
      const mangled = [...bytes];
      mangled[i] = String.fromCharCode(mangled[i]!.charCodeAt(0) + 1);
      assert.throws(() => parseVerifierKey(mangled.join('')), NoteError, mangled.join(''));
    }
    for (let i = 1; i < PETER_VKEY.length; i++) assert.throws(() => parseVerifierKey(PETER_VKEY.slice(0, i)), NoteError);
  });

  it('signs any newline-terminated text so that an independent verifier accepts it, and a changed text fails', () => {
    const signer = generateSigner('shutong.example.gov.cn/audit');
    assert.match(signer.verifierKey, /^shutong\.example\.gov\.cn\/audit\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
    const textArb = fc.array(fc.string({ unit: 'grapheme', minLength: 1 }).filter((l) => !/[\u0000-\u001f]/.test(l)), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(textArb, (lines) => {
        const text = `${lines.join('\n')}\n`;
        if (text.includes('\n\n')) return;
        const note = signNote(text, signer);
        assert.equal(openNote(note, [parseVerifierKey(signer.verifierKey)]).text, text);
        assert.ok(independentlyVerify(note, signer.verifierKey));
        assert.ok(!independentlyVerify(`X${note}`, signer.verifierKey));
        assert.throws(() => openNote(`X${note}`, [signer]), /invalid signature/);
      }),
      { numRuns: 100 },
    );
  });

  it('only ever fails with NoteError on arbitrary verifier keys and notes', () => {
    const v = parseVerifierKey(PETER_VKEY);
    fc.assert(
      fc.property(fc.string(), (s) => {
        for (const f of [() => parseVerifierKey(s), () => parseSignerKey(s), () => openNote(s, [v])]) {
          try {
            f();
          } catch (e) {
            assert.ok(e instanceof NoteError, String(e));
          }
        }
      }),
    );
  });
});

describe('C2SP tlog-checkpoint', () => {
  const signer = generateSigner('shutong.example.gov.cn/audit');
  const rootHash = leafHash(Buffer.from('root'));

  it('formats origin, decimal size and base64 root, and round-trips through a signed note', () => {
    const text = formatCheckpoint({ origin: signer.name, size: 20852163, rootHash });
    assert.equal(text, `shutong.example.gov.cn/audit\n20852163\n${rootHash.toString('base64')}\n`);
    const note = signCheckpoint({ origin: signer.name, size: 20852163, rootHash }, signer);
    assert.ok(independentlyVerify(note, signer.verifierKey));
    const cp = openCheckpoint(note, parseVerifierKey(signer.verifierKey));
    assert.equal(cp.size, 20852163);
    assert.deepEqual(cp.rootHash, rootHash);
  });

  it('rejects malformed bodies, a foreign origin and a checkpoint signed by another key', () => {
    for (const bad of ['a\n', 'a\n01\nAAAA\n', `a\n1\n${rootHash.toString('base64')}\n\n`, `a\n-1\n${rootHash.toString('base64')}\n`, 'a\n1\nnot-base64\n']) {
      assert.throws(() => parseCheckpoint(bad), NoteError, JSON.stringify(bad));
    }
    assert.deepEqual(parseCheckpoint(`a\n0\n${rootHash.toString('base64')}\next\n`).extensions, ['ext']);
    const other = generateSigner('elsewhere.example/log');
    assert.throws(() => openCheckpoint(signCheckpoint({ origin: other.name, size: 1, rootHash }, other), signer), NoteError);
    const impostor = generateSigner(signer.name);
    assert.throws(() => openCheckpoint(signCheckpoint({ origin: signer.name, size: 1, rootHash }, impostor), signer), /no verifiable signatures/);
  });
});
