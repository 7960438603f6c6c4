import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sandboxRunCommand } from '../src/cli/sandbox-run';
import { ABUSE_DIR, AS_OF, FIXTURES, SOURCE, TEST_CAPS } from './helpers';

const HAPPY = join(FIXTURES, 'happy');
const tmp = mkdtempSync(join(tmpdir(), 'seer-cli-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const opts = { source: SOURCE, caps: TEST_CAPS, sandboxOptions: { uid: 64121, gid: 64121 } };

describe('seerd sandbox-run', () => {
  it('runs a package directory and prints predictions, duration and resource use', async () => {
    const out = await sandboxRunCommand({ package: HAPPY, asOf: AS_OF.toISOString() }, opts);
    expect(out.exitCode, JSON.stringify(out.json)).toBe(0);
    expect(out.json).toMatchObject({
      ok: true,
      package: { name: 'happy-ridge', version: '1.0.0' },
      mode: 'live',
    });
    expect(out.json.predictions).toHaveLength(2);
    expect(out.json.input_digest).toMatch(/^[0-9a-f]{64}$/);
    expect((out.json.usage as { wall_ms: number }).wall_ms).toBeGreaterThan(0);
    expect(JSON.parse(JSON.stringify(out.json))).toEqual(out.json);
  });

  it('runs a .tar.gz (verified before extraction) and reports failures with exit 1', async () => {
    const tgz = join(tmp, 'nan.tar.gz');
    execFileSync('tar', ['czf', tgz, '-C', ABUSE_DIR, 'output_nan']);
    const seen: string[] = [];
    const out = await sandboxRunCommand(
      { package: tgz, asOf: '2026-01-21T20:30:00Z' },
      { ...opts, verify: async (p) => void seen.push(p) },
    );
    expect(seen).toEqual([tgz]);
    expect(out.exitCode).toBe(1);
    expect(out.json).toMatchObject({ ok: false, code: 'bad_output' });
  });

  it('refuses a package that fails verification without running it', async () => {
    const out = await sandboxRunCommand(
      { package: HAPPY, asOf: AS_OF },
      { ...opts, verify: async () => Promise.reject(new Error('bad signature')) },
    );
    expect(out).toMatchObject({ exitCode: 1, json: { ok: false, code: 'artifact_integrity_failed' } });
  });

  it('rejects bad arguments with exit 2', async () => {
    expect((await sandboxRunCommand({ package: HAPPY, asOf: 'yesterday' }, opts)).exitCode).toBe(2);
    expect((await sandboxRunCommand({ package: join(tmp, 'missing'), asOf: AS_OF }, opts)).exitCode).toBe(2);
  });
});
