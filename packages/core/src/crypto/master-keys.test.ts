import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptFile, encryptFile, FileCipherError, isEncryptedFile } from './file-cipher';
import {
  createMasterKeyring,
  loadMasterKeyring,
  MasterKeyError,
  masterKeyId,
  parseMasterKeys,
  readKeyFile,
  rewrapSealed,
  sealedMasterKid,
  sealText,
  unsealText,
} from './master-keys';

const A = randomBytes(32);
const B = randomBytes(32);

describe('master keys', () => {
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'seer-mk-'));
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('parses several keys (first active) and rejects malformed ones without echoing them', () => {
    const keys = parseMasterKeys(`# new\n${B.toString('base64')}\n${A.toString('base64')}\n`, 'file');
    expect(keys.map((k) => masterKeyId(k))).toEqual([masterKeyId(B), masterKeyId(A)]);
    expect(masterKeyId(A)).toMatch(/^mk-[0-9a-f]{16}$/);
    expect(() => parseMasterKeys('dG9vLXNob3J0', 'env')).toThrow(/#1 is not base64 of exactly 32 bytes/);
    expect(() => parseMasterKeys(' \n# only a comment\n', 'env')).toThrow(MasterKeyError);
  });

  it('wraps under the active key, unwraps under any held key, refuses a wrong context or key', () => {
    const old = createMasterKeyring([A]);
    const dataKey = randomBytes(32);
    const w = old.wrap(dataKey, 'seer-artifact:x');
    expect(w.masterKid).toBe(masterKeyId(A));
    const both = createMasterKeyring([B, A]);
    expect(both.activeKid).toBe(masterKeyId(B));
    expect(both.unwrap(w, 'seer-artifact:x').equals(dataKey)).toBe(true);
    expect(() => both.unwrap(w, 'seer-artifact:y')).toThrow(/does not authenticate/);
    expect(() => createMasterKeyring([B]).unwrap(w, 'seer-artifact:x')).toThrow(/unknown master key id/);
    const tampered = { ...w, wrapped: Buffer.from(w.wrapped) };
    tampered.wrapped[0] = (tampered.wrapped[0] as number) ^ 1;
    expect(() => old.unwrap(tampered, 'seer-artifact:x')).toThrow(MasterKeyError);
  });

  it('seals text, rewraps it to a new key without changing the ciphertext, and binds the file name', () => {
    const pem = '-----BEGIN PRIVATE KEY-----\nsecret-material\n-----END PRIVATE KEY-----\n';
    const sealed = sealText(pem, createMasterKeyring([A]), 'jwt-1.pem');
    expect(sealed).not.toContain('secret-material');
    const rewrapped = rewrapSealed(sealed, createMasterKeyring([B, A]), 'jwt-1.pem');
    expect(sealedMasterKid(rewrapped)).toBe(masterKeyId(B));
    expect(JSON.parse(rewrapped).ciphertext).toBe(JSON.parse(sealed).ciphertext);
    expect(unsealText(rewrapped, createMasterKeyring([B]), 'jwt-1.pem')).toBe(pem);
    expect(() => unsealText(rewrapped, createMasterKeyring([B]), 'jwt-2.pem')).toThrow(MasterKeyError);
  });

  it('reads plain PEM files of earlier installs and refuses sealed ones without a master key', async () => {
    const plain = path.join(work, 'plain.pem');
    await writeFile(plain, 'PEM');
    expect(await readKeyFile(plain, undefined)).toBe('PEM');
    const sealedFile = path.join(work, 'sealed.pem');
    await writeFile(sealedFile, sealText('PEM2', createMasterKeyring([A]), 'sealed.pem'));
    expect(await readKeyFile(sealedFile, createMasterKeyring([A]))).toBe('PEM2');
    await expect(readKeyFile(sealedFile, undefined)).rejects.toThrow(/SEER_MASTER_KEY/);
  });

  it('generates a master key outside production (0600) and never when generation is off', async () => {
    const keysDir = path.join(work, 'keys');
    expect(
      await loadMasterKeyring({
        masterKey: undefined,
        masterKeyFile: undefined,
        keysDir,
        generateKeys: false,
      }),
    ).toBeUndefined();
    const ring = await loadMasterKeyring({
      masterKey: undefined,
      masterKeyFile: undefined,
      keysDir,
      generateKeys: true,
    });
    const again = await loadMasterKeyring({
      masterKey: undefined,
      masterKeyFile: undefined,
      keysDir,
      generateKeys: true,
    });
    expect(again?.activeKid).toBe(ring?.activeKid);
    expect((await stat(path.join(keysDir, 'master.key'))).mode & 0o777).toBe(0o600);
    const file = path.join(work, 'secret');
    await writeFile(file, `${B.toString('base64')}\n${A.toString('base64')}\n`);
    const fromFile = await loadMasterKeyring({
      masterKey: undefined,
      masterKeyFile: file,
      keysDir,
      generateKeys: true,
    });
    expect(fromFile?.kids).toEqual([masterKeyId(B), masterKeyId(A)]);
    await expect(
      loadMasterKeyring({
        masterKey: undefined,
        masterKeyFile: path.join(work, 'nope'),
        keysDir,
        generateKeys: true,
      }),
    ).rejects.toThrow(/cannot be read: ENOENT/);
  });

  it('encrypts files with AES-256-GCM (streamed) and refuses tampered bytes or the wrong digest', async () => {
    const src = path.join(work, 'pkg.tar.gz');
    const body = Buffer.concat([
      Buffer.from('def predict(ctx): return {}  # KNOWN-MARKER\n'),
      randomBytes(300_000),
    ]);
    await writeFile(src, body);
    const key = randomBytes(32);
    const enc = path.join(work, 'pkg.enc');
    await encryptFile(src, enc, key, 'seer-artifact:d1');
    const stored = await readFile(enc);
    expect(stored.includes(Buffer.from('KNOWN-MARKER'))).toBe(false);
    expect(stored.length).toBe(body.length + 8 + 12 + 16);
    expect(await isEncryptedFile(enc)).toBe(true);
    expect(await isEncryptedFile(src)).toBe(false);
    const out = path.join(work, 'out');
    await decryptFile(enc, out, key, 'seer-artifact:d1');
    expect((await readFile(out)).equals(body)).toBe(true);
    await expect(decryptFile(enc, path.join(work, 'out2'), key, 'seer-artifact:d2')).rejects.toThrow(
      FileCipherError,
    );
    await expect(stat(path.join(work, 'out2'))).rejects.toThrow(/ENOENT/);
    stored[1000] = (stored[1000] as number) ^ 0x40;
    await writeFile(enc, stored);
    await expect(decryptFile(enc, path.join(work, 'out3'), key, 'seer-artifact:d1')).rejects.toThrow(
      /does not authenticate/,
    );
  });
});
