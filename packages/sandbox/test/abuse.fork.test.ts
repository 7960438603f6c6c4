import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBwrapSandbox } from '../src/bwrap-sandbox';
import { defineAbuseSuite } from './abuse-suite';
import { ABUSE_DIR, AS_OF, manifestOf, SOURCE, TEST_CAPS } from './helpers';

defineAbuseSuite('fork', 64103);

describe('fork path: the kernel forbids nested user namespaces too', () => {
  it('the run cannot create user namespaces even without seccomp (limit 0), nor raise it', async () => {
    const sandbox = await createBwrapSandbox({ strategy: 'fork', uid: 64104, gid: 64104, caps: TEST_CAPS });
    try {
      const dir = join(ABUSE_DIR, 'userns_limit');
      const r = await sandbox.run({
        packageDir: dir,
        manifest: manifestOf(dir),
        asOf: AS_OF,
        mode: 'live',
        source: SOURCE,
      });
      expect(r.ok, JSON.stringify(r).slice(0, 2000)).toBe(true);
      expect(r.logs).toContain('USERNS_MAX:0');
      expect(r.logs.some((l) => l.startsWith('BLOCKED:userns-max-raise:'))).toBe(true);
      expect(JSON.stringify(r)).not.toContain('LEAK:');
    } finally {
      await sandbox.close();
    }
  }, 60_000);
});
