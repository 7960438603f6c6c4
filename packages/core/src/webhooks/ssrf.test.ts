/** The SSRF guard: a table of addresses (IPv4, IPv6, IPv4-mapped), URL rules and DNS answers. */
import { createCipheriv, randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createMasterKeyring, MasterKeyError } from '../crypto/master-keys';
import {
  openWebhookSecret,
  resealWebhookSecret,
  sealWebhookSecret,
  WebhookSecretError,
  type WebhookSecretKeys,
} from './secret-box';
import { newWebhookSecret, signatureHeader, verifySignature } from './signature';
import { classifyAddress, parseWebhookUrl, resolveVetted, WebhookTargetRefused } from './ssrf';

const TABLE: Array<[string, string]> = [
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback'],
  ['0.0.0.0', 'unspecified'],
  ['10.1.2.3', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['192.168.1.1', 'private'],
  ['100.64.0.1', 'shared'],
  ['169.254.169.254', 'link_local'],
  ['169.254.0.1', 'link_local'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['255.255.255.255', 'reserved'],
  ['240.0.0.1', 'reserved'],
  ['192.0.2.10', 'documentation'],
  ['198.18.0.1', 'reserved'],
  ['::', 'unspecified'],
  ['::1', 'loopback'],
  ['0:0:0:0:0:0:0:1', 'loopback'],
  ['::ffff:127.0.0.1', 'loopback'],
  ['::ffff:7f00:1', 'loopback'],
  ['::ffff:169.254.169.254', 'link_local'],
  ['::ffff:10.0.0.1', 'private'],
  ['::ffff:0.0.0.0', 'unspecified'],
  ['::127.0.0.1', 'loopback'],
  ['64:ff9b::a9fe:a9fe', 'link_local'],
  ['fe80::1', 'link_local'],
  ['fe80::1%eth0', 'link_local'],
  ['fc00::1', 'unique_local'],
  ['fd12:3456:789a::1', 'unique_local'],
  ['ff02::1', 'multicast'],
  ['2001:db8::1', 'documentation'],
  ['2002:7f00:1::1', 'reserved'],
  ['not-an-ip', 'invalid'],
  // public
  ['8.8.8.8', 'public'],
  ['1.1.1.1', 'public'],
  ['172.32.0.1', 'public'],
  ['::ffff:8.8.8.8', 'public'],
  ['2606:4700:4700::1111', 'public'],
];

describe('classifyAddress', () => {
  it.each(TABLE)('%s is %s', (address, verdict) => {
    expect(classifyAddress(address)).toBe(verdict);
  });
});

describe('webhook URLs', () => {
  const resolveTo =
    (...addresses: string[]) =>
    async () =>
      addresses.map((address) => ({ address, family: (address.includes(':') ? 6 : 4) as 4 | 6 }));

  it('requires https, no credentials, a valid URL', () => {
    expect(() => parseWebhookUrl('http://example.com/hook', { allowPrivate: false })).toThrow(/https/);
    expect(() => parseWebhookUrl('ftp://example.com/', { allowPrivate: true })).toThrow(/https/);
    expect(() => parseWebhookUrl('https://u:p@example.com/', { allowPrivate: false })).toThrow(/credentials/);
    expect(() => parseWebhookUrl('not a url', { allowPrivate: false })).toThrow(WebhookTargetRefused);
    expect(parseWebhookUrl('http://127.0.0.1:9/x', { allowPrivate: true }).port).toBe('9');
  });

  it('refuses literals and names that resolve to any non-public address', async () => {
    for (const u of [
      'https://127.0.0.1/',
      'https://[::1]/',
      'https://[::ffff:169.254.169.254]/',
      'https://169.254.169.254/latest',
    ])
      await expect(
        resolveVetted(new URL(u), { allowPrivate: false, resolve: resolveTo('8.8.8.8') }),
      ).rejects.toThrow(WebhookTargetRefused);
    // One bad answer among good ones is enough to refuse.
    await expect(
      resolveVetted(new URL('https://hooks.example.com/'), {
        allowPrivate: false,
        resolve: resolveTo('93.184.216.34', '10.0.0.5'),
      }),
    ).rejects.toThrow(/private address \(10\.0\.0\.5\)/);
    await expect(
      resolveVetted(new URL('https://nowhere.example/'), { allowPrivate: false, resolve: resolveTo() }),
    ).rejects.toThrow(/does not resolve/);
    await expect(
      resolveVetted(new URL('https://nowhere.example/'), {
        allowPrivate: false,
        resolve: async () => {
          throw new Error('ENOTFOUND');
        },
      }),
    ).rejects.toMatchObject({ verdict: 'unresolvable' });
  });

  it('returns the vetted address to connect to; private ones only when allowed', async () => {
    expect(
      await resolveVetted(new URL('https://hooks.example.com/'), {
        allowPrivate: false,
        resolve: resolveTo('93.184.216.34'),
      }),
    ).toEqual({ address: '93.184.216.34', family: 4 });
    expect(
      await resolveVetted(new URL('http://127.0.0.1:8080/'), { allowPrivate: true, resolve: resolveTo() }),
    ).toEqual({ address: '127.0.0.1', family: 4 });
  });
});

describe('signatures and secrets at rest', () => {
  it('a receiver verifies t.body with the secret; tampering, other secrets and old timestamps fail', () => {
    const secret = newWebhookSecret();
    const body = '{"type":"predictions.created"}';
    const h = signatureHeader(secret, 1_800_000_000, body);
    expect(h).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
    expect(verifySignature(secret, h, body, { nowSeconds: 1_800_000_010 })).toBe(true);
    expect(verifySignature(secret, h, `${body} `, { nowSeconds: 1_800_000_010 })).toBe(false);
    expect(verifySignature(newWebhookSecret(), h, body, { nowSeconds: 1_800_000_010 })).toBe(false);
    expect(verifySignature(secret, h, body, { nowSeconds: 1_800_001_000 })).toBe(false);
    expect(verifySignature(secret, 'garbage', body, { nowSeconds: 1_800_000_000 })).toBe(false);
  });

  it('secrets are sealed under the master key, bound to their endpoint: no plaintext, tamper, another row or key fail', () => {
    const [a, b] = [randomBytes(32), randomBytes(32)];
    const ringA = createMasterKeyring([a]);
    const keys: WebhookSecretKeys = { ring: ringA, legacyKey: undefined };
    const id = randomUUID();
    const sealed = sealWebhookSecret(id, 'whsec_abc', ringA);
    expect(sealed.masterKid).toBe(ringA.activeKid);
    expect(sealed.secretBox).not.toContain('whsec_abc');
    expect(sealed.secretBox).toContain(ringA.activeKid);
    const row = { id, ...sealed };
    expect(openWebhookSecret(row, keys)).toBe('whsec_abc');
    // Copied into another endpoint's row, it does not open.
    expect(() => openWebhookSecret({ ...row, id: randomUUID() }, keys)).toThrow(MasterKeyError);
    const s = JSON.parse(sealed.secretBox);
    s.ciphertext = Buffer.from(
      Buffer.from(s.ciphertext, 'base64').map((x, i) => (i === 0 ? x ^ 1 : x)),
    ).toString('base64');
    expect(() => openWebhookSecret({ ...row, secretBox: JSON.stringify(s) }, keys)).toThrow(
      /does not authenticate/,
    );
    expect(() => openWebhookSecret(row, { ring: createMasterKeyring([b]), legacyKey: undefined })).toThrow(
      /unknown master key id mk-[0-9a-f]{16} .*configure the key it was wrapped under/,
    );
    expect(() => openWebhookSecret(row, { ring: undefined, legacyKey: undefined })).toThrow(
      /sealed under a master key; configure SEER_MASTER_KEY or SEER_MASTER_KEY_FILE/,
    );
    expect(() => sealWebhookSecret(id, 'whsec_abc', undefined)).toThrow(WebhookSecretError);

    // Rotation: rewrapped under the new key (listed first), it opens with the new key alone.
    const rotated = resealWebhookSecret(row, { ring: createMasterKeyring([b, a]), legacyKey: undefined });
    const ringB = createMasterKeyring([b]);
    expect(rotated.masterKid).toBe(ringB.activeKid);
    expect(JSON.parse(rotated.secretBox).ciphertext).toBe(JSON.parse(sealed.secretBox).ciphertext);
    expect(openWebhookSecret({ id, ...rotated }, { ring: ringB, legacyKey: undefined })).toBe('whsec_abc');
  });

  it('rows sealed under the deprecated WEBHOOKS_SECRET_KEY open with it only, and reseal under the master key', () => {
    // The format of earlier releases, made by hand: v1.<iv>.<tag>.<ciphertext> under the 32-byte key.
    const legacyKey = randomBytes(32).toString('hex');
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', Buffer.from(legacyKey, 'hex'), iv);
    const ct = Buffer.concat([c.update('whsec_old', 'utf8'), c.final()]);
    const legacy = {
      id: randomUUID(),
      secretBox: ['v1', iv, c.getAuthTag(), ct]
        .map((x) => (typeof x === 'string' ? x : x.toString('base64url')))
        .join('.'),
      masterKid: null,
    };
    const ring = createMasterKeyring([randomBytes(32)]);
    expect(openWebhookSecret(legacy, { ring, legacyKey })).toBe('whsec_old');
    for (const wrong of [undefined, randomBytes(32).toString('hex')])
      expect(() => openWebhookSecret(legacy, { ring, legacyKey: wrong })).toThrow(
        /sealed under the deprecated WEBHOOKS_SECRET_KEY and does not open .*seerd keys encrypt-existing/,
      );
    const moved = resealWebhookSecret(legacy, { ring, legacyKey });
    expect(moved.masterKid).toBe(ring.activeKid);
    expect(openWebhookSecret({ id: legacy.id, ...moved }, { ring, legacyKey: undefined })).toBe('whsec_old');
    expect(() => resealWebhookSecret(legacy, { ring, legacyKey: undefined })).toThrow(WebhookSecretError);
  });
});
