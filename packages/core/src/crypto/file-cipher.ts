/**
 * AES-256-GCM over whole files, streamed: one nonce and one tag per file. Node's GCM cipher is
 * a stream, so a package is encrypted and decrypted in constant memory whatever its size (capped
 * by PACKAGE_MAX_BYTES, far below GCM's 64 GiB limit per nonce). Decryption writes to a file the
 * caller owns and only resolves after the tag verified; on failure the output is removed, so no
 * unauthenticated plaintext is ever used.
 *
 * Layout: "SEERENC1" (8 bytes) | nonce (12) | ciphertext | tag (16).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { GCM_NONCE_BYTES, GCM_TAG_BYTES } from './master-keys';

export const ENCRYPTED_MAGIC = Buffer.from('SEERENC1', 'latin1');
const HEADER_BYTES = ENCRYPTED_MAGIC.length + GCM_NONCE_BYTES;

export class FileCipherError extends Error {
  override name = 'FileCipherError';
}

/** Whether the file starts with the encrypted-file magic (else: plaintext from an earlier install). */
export async function isEncryptedFile(file: string): Promise<boolean> {
  const fh = await open(file, 'r');
  try {
    const head = Buffer.alloc(ENCRYPTED_MAGIC.length);
    const { bytesRead } = await fh.read(head, 0, head.length, 0);
    return bytesRead === head.length && head.equals(ENCRYPTED_MAGIC);
  } finally {
    await fh.close();
  }
}

export async function encryptFile(src: string, dst: string, key: Buffer, aad: string): Promise<void> {
  const nonce = randomBytes(GCM_NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  await pipeline(
    createReadStream(src),
    async function* (source: AsyncIterable<Buffer>) {
      yield Buffer.concat([ENCRYPTED_MAGIC, nonce]);
      for await (const chunk of source) yield cipher.update(chunk);
      yield cipher.final();
      yield cipher.getAuthTag();
    },
    createWriteStream(dst, { mode: 0o600, flags: 'wx' }),
  );
}

export async function decryptFile(src: string, dst: string, key: Buffer, aad: string): Promise<void> {
  const fh = await open(src, 'r');
  let nonce: Buffer;
  let tag: Buffer;
  let size: number;
  try {
    size = (await fh.stat()).size;
    if (size < HEADER_BYTES + GCM_TAG_BYTES) throw new FileCipherError('encrypted file is truncated');
    const head = Buffer.alloc(HEADER_BYTES);
    await fh.read(head, 0, HEADER_BYTES, 0);
    if (!head.subarray(0, ENCRYPTED_MAGIC.length).equals(ENCRYPTED_MAGIC))
      throw new FileCipherError('not an encrypted file');
    nonce = head.subarray(ENCRYPTED_MAGIC.length);
    tag = Buffer.alloc(GCM_TAG_BYTES);
    await fh.read(tag, 0, GCM_TAG_BYTES, size - GCM_TAG_BYTES);
  } finally {
    await fh.close();
  }
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(tag);
  const body = size - HEADER_BYTES - GCM_TAG_BYTES;
  try {
    await pipeline(
      body > 0
        ? createReadStream(src, { start: HEADER_BYTES, end: size - GCM_TAG_BYTES - 1 })
        : (async function* () {})(),
      decipher,
      createWriteStream(dst, { mode: 0o600 }),
    );
  } catch (err) {
    await rm(dst, { force: true });
    throw new FileCipherError(`encrypted file does not authenticate: ${(err as Error).message}`);
  }
}
