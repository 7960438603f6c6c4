/**
 * Test-only certificates made with the real openssl: a CA and a server certificate it signs (for
 * localhost and 127.0.0.1), plus a free TCP port for a throwaway server.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

export interface TestCa {
  certFile: string;
  keyFile: string;
}

export function makeCa(dir: string, name: string): TestCa {
  const certFile = path.join(dir, `${name}.crt`);
  const keyFile = path.join(dir, `${name}.key`);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '2',
      '-subj',
      `/CN=${name}`,
    ],
    { stdio: 'pipe' },
  );
  return { certFile, keyFile };
}

/** A server certificate signed by `ca` for CN=localhost with SANs localhost and 127.0.0.1. */
export function makeServerCert(dir: string, ca: TestCa, name: string): { certFile: string; keyFile: string } {
  const keyFile = path.join(dir, `${name}.key`);
  const csr = path.join(dir, `${name}.csr`);
  const certFile = path.join(dir, `${name}.crt`);
  const ext = path.join(dir, `${name}.ext`);
  writeFileSync(ext, 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  execFileSync(
    'openssl',
    [
      'req',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      csr,
      '-subj',
      '/CN=localhost',
    ],
    { stdio: 'pipe' },
  );
  execFileSync(
    'openssl',
    [
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      ca.certFile,
      '-CAkey',
      ca.keyFile,
      '-CAcreateserial',
      '-out',
      certFile,
      '-days',
      '2',
      '-extfile',
      ext,
    ],
    { stdio: 'pipe' },
  );
  return { certFile, keyFile };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
