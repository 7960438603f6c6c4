import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkCheckpoint,
  checkpointPayload,
  createLedgerSigner,
  ledgerKeyId,
  loadLedgerSigner,
} from './checkpoints';

const statement = {
  version_id: '7B0C3C56-0a7e-4d55-9a53-3f1f5a3b2c10',
  mode: 'live' as const,
  seq: 42,
  head: 'ab'.repeat(32),
  signed_at: new Date('2026-11-27T20:00:00.123Z'),
};

describe('ledger checkpoints', () => {
  it('signs the documented payload, and the signature verifies with openssl', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const s = createLedgerSigner(privateKey);
    expect(s.keyId).toMatch(/^[0-9a-f]{16}$/);
    const c = s.sign(statement);
    expect(c.payload).toBe(
      [
        'seer-ledger-checkpoint-v1',
        `key_id=${s.keyId}`,
        'version_id=7b0c3c56-0a7e-4d55-9a53-3f1f5a3b2c10',
        'mode=live',
        'seq=42',
        `head=${'ab'.repeat(32)}`,
        'signed_at=2026-11-27T20:00:00.123Z',
        '',
      ].join('\n'),
    );
    const keys = new Map([[s.keyId, s.publicKeyPem]]);
    expect(checkCheckpoint(c, keys)).toBeNull();
    // Standard tools: openssl verifies the same bytes (docs/VERIFYING.md).
    const dir = mkdtempSync(path.join(os.tmpdir(), 'seer-cp-'));
    writeFileSync(path.join(dir, 'key.pem'), s.publicKeyPem);
    writeFileSync(path.join(dir, 'payload.txt'), c.payload);
    writeFileSync(path.join(dir, 'sig.bin'), Buffer.from(c.signature, 'base64'));
    const out = execFileSync(
      'openssl',
      [
        'pkeyutl',
        '-verify',
        '-pubin',
        '-inkey',
        'key.pem',
        '-rawin',
        '-in',
        'payload.txt',
        '-sigfile',
        'sig.bin',
      ],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(out).toMatch(/Signature Verified Successfully/);
  });

  it('refuses a changed head, a payload that does not match its fields, an unknown or mislabelled key', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const other = createLedgerSigner(generateKeyPairSync('ed25519').privateKey);
    const s = createLedgerSigner(privateKey);
    const c = s.sign(statement);
    const keys = new Map([[s.keyId, s.publicKeyPem]]);
    const forgedPayload = checkpointPayload({ ...c, head: 'cd'.repeat(32) });
    expect(checkCheckpoint({ ...c, head: 'cd'.repeat(32), payload: forgedPayload }, keys)).toBe(
      'bad_signature',
    );
    expect(checkCheckpoint({ ...c, head: 'cd'.repeat(32) }, keys)).toBe('payload_mismatch');
    expect(checkCheckpoint(c, new Map())).toBe('unknown_key');
    // A key published under another key's id does not count.
    expect(checkCheckpoint(c, new Map([[s.keyId, other.publicKeyPem]]))).toBe('unknown_key');
    expect(checkCheckpoint({ ...c, signature: 'AAAA' }, keys)).toBe('bad_signature');
  });

  it('generates the key file once (0600) and loads the same key again', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'seer-lk-')), 'keys', 'ledger-signing.pem');
    await expect(loadLedgerSigner({ file, generate: false })).rejects.toThrow(/ENOENT/);
    const a = await loadLedgerSigner({ file, generate: true });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const b = await loadLedgerSigner({ file, generate: false });
    expect(b.keyId).toBe(a.keyId);
    expect(readFileSync(file, 'utf8')).toMatch(/BEGIN PRIVATE KEY/);
    expect(ledgerKeyId(generateKeyPairSync('ed25519').publicKey)).not.toBe(a.keyId);
  });
});
