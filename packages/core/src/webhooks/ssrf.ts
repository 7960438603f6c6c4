/**
 * The SSRF guard of webhook URLs: which IP addresses a webhook may reach. Pure (no I/O) except
 * `resolveVetted`, which takes the resolver as a dependency. A URL is refused when ANY address its
 * host resolves to is not public, and the delivery connects to the vetted address itself (not the
 * name again), so a DNS answer that changes between the check and the connection (rebinding)
 * cannot steer it (docs/SECURITY.md, Webhooks).
 */
import { isIP } from 'node:net';

export type AddressVerdict =
  | 'public'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'shared'
  | 'link_local'
  | 'unique_local'
  | 'multicast'
  | 'reserved'
  | 'documentation'
  | 'invalid';

type V4Rule = [base: number, bits: number, verdict: AddressVerdict];

const v4 = (s: string): number => s.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);

const V4_RULES: V4Rule[] = [
  [v4('0.0.0.0'), 8, 'unspecified'],
  [v4('10.0.0.0'), 8, 'private'],
  [v4('100.64.0.0'), 10, 'shared'],
  [v4('127.0.0.0'), 8, 'loopback'],
  [v4('169.254.0.0'), 16, 'link_local'], // includes the cloud metadata address 169.254.169.254
  [v4('172.16.0.0'), 12, 'private'],
  [v4('192.0.0.0'), 24, 'reserved'],
  [v4('192.0.2.0'), 24, 'documentation'],
  [v4('192.88.99.0'), 24, 'reserved'],
  [v4('192.168.0.0'), 16, 'private'],
  [v4('198.18.0.0'), 15, 'reserved'],
  [v4('198.51.100.0'), 24, 'documentation'],
  [v4('203.0.113.0'), 24, 'documentation'],
  [v4('224.0.0.0'), 4, 'multicast'],
  [v4('240.0.0.0'), 4, 'reserved'], // includes 255.255.255.255
];

function classifyV4Number(n: number): AddressVerdict {
  for (const [base, bits, verdict] of V4_RULES) {
    const size = 2 ** (32 - bits);
    if (n >= base && n < base + size) return verdict;
  }
  return 'public';
}

/** 16 bytes of an IPv6 address (with an embedded dotted IPv4 tail allowed), or undefined. */
export function parseIPv6(s: string): number[] | undefined {
  let text = s.split('%')[0] ?? ''; // a zone id (fe80::1%eth0) does not change the class
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    const dotted = text.slice(lastColon + 1);
    if (isIP(dotted) !== 4) return undefined;
    const n = v4(dotted);
    tail = [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parse = (part: string) => (part === '' ? [] : part.split(':'));
  const head = parse(halves[0] ?? '');
  const rest = halves.length === 2 ? parse(halves[1] ?? '') : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 0) return undefined;
  const groups = [...head, ...new Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  const bytes: number[] = [];
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    const v = Number.parseInt(g, 16);
    bytes.push(v >> 8, v & 255);
  }
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes.length === 16 ? bytes : undefined;
}

function classifyV6(b: number[]): AddressVerdict {
  const zeroUpTo = (n: number) => b.slice(0, n).every((x) => x === 0);
  const embedded = () =>
    classifyV4Number(
      (((b[12] as number) << 24) +
        ((b[13] as number) << 16) +
        ((b[14] as number) << 8) +
        (b[15] as number)) >>>
        0,
    );
  if (zeroUpTo(16)) return 'unspecified';
  if (zeroUpTo(15) && b[15] === 1) return 'loopback';
  // ::ffff:a.b.c.d (IPv4-mapped) and ::a.b.c.d (IPv4-compatible): judged by the IPv4 address.
  if (zeroUpTo(10) && b[10] === 0xff && b[11] === 0xff) return embedded();
  if (zeroUpTo(12)) return embedded() === 'public' ? 'reserved' : embedded();
  const b0 = b[0] as number;
  const b1 = b[1] as number;
  // 64:ff9b::/96 (NAT64) carries an IPv4 address too.
  if (b0 === 0x00 && b1 === 0x64 && b[2] === 0xff && b[3] === 0x9b && b.slice(4, 12).every((x) => x === 0))
    return embedded();
  if (b0 === 0xff) return 'multicast';
  if (b0 === 0xfe && (b1 & 0xc0) === 0x80) return 'link_local';
  if (b0 === 0xfe && (b1 & 0xc0) === 0xc0) return 'unique_local'; // fec0::/10, deprecated site-local
  if ((b0 & 0xfe) === 0xfc) return 'unique_local';
  if (b0 === 0x20 && b1 === 0x01 && b[2] === 0x0d && b[3] === 0xb8) return 'documentation';
  if (b0 === 0x20 && b1 === 0x02) return 'reserved'; // 6to4 can reach any IPv4 address
  if (b0 === 0x01 && b1 === 0x00 && b.slice(2, 8).every((x) => x === 0)) return 'reserved'; // discard-only
  if ((b0 & 0xe0) !== 0x20) return 'reserved'; // only 2000::/3 is global unicast
  return 'public';
}

/** What kind of address this is; anything but `public` is refused unless private targets are allowed. */
export function classifyAddress(address: string): AddressVerdict {
  const family = isIP(address.split('%')[0] ?? '');
  if (family === 4) return classifyV4Number(v4(address));
  if (family === 6) {
    const bytes = parseIPv6(address);
    return bytes ? classifyV6(bytes) : 'invalid';
  }
  return 'invalid';
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export class WebhookTargetRefused extends Error {
  override name = 'WebhookTargetRefused';
  constructor(
    message: string,
    readonly verdict: AddressVerdict | 'unresolvable' | 'bad_url',
  ) {
    super(message);
  }
}

/** The URL rules before any resolution: http(s), no credentials, a host. */
export function parseWebhookUrl(raw: string, opts: { allowPrivate: boolean }): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookTargetRefused('not a valid URL', 'bad_url');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && opts.allowPrivate))
    throw new WebhookTargetRefused('the URL must be https://', 'bad_url');
  if (url.username || url.password)
    throw new WebhookTargetRefused('the URL must not carry credentials', 'bad_url');
  if (!url.hostname) throw new WebhookTargetRefused('the URL has no host', 'bad_url');
  return url;
}

/**
 * Resolves the URL's host and vets EVERY address; returns the address to connect to. An IP
 * literal is vetted as is. Throws WebhookTargetRefused.
 */
export async function resolveVetted(
  url: URL,
  opts: { allowPrivate: boolean; resolve: Resolver },
): Promise<ResolvedAddress> {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const literal = isIP(host);
  let addresses: ResolvedAddress[];
  if (literal) addresses = [{ address: host, family: literal as 4 | 6 }];
  else {
    try {
      addresses = await opts.resolve(host);
    } catch {
      throw new WebhookTargetRefused(`the host ${host} does not resolve`, 'unresolvable');
    }
    if (addresses.length === 0)
      throw new WebhookTargetRefused(`the host ${host} does not resolve`, 'unresolvable');
  }
  if (!opts.allowPrivate)
    for (const a of addresses) {
      const verdict = classifyAddress(a.address);
      if (verdict !== 'public')
        throw new WebhookTargetRefused(
          `the URL resolves to a ${verdict.replace('_', '-')} address (${a.address}); webhooks may only reach public addresses`,
          verdict,
        );
    }
  return addresses[0] as ResolvedAddress;
}
