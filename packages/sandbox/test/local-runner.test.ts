import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_RUNTIME_DIR } from '../src/bwrap-sandbox';
import { ABUSE_DIR, FIXTURES, HOUR, makeBars, T0 } from './helpers';

const data = mkdtempSync(join(tmpdir(), 'seer-local-'));
afterAll(() => rmSync(data, { recursive: true, force: true }));
for (const [sym, seed] of [
  ['BTC-USD', 1],
  ['ETH-USD', 2],
] as const) {
  const rows = makeBars(400, seed).map(
    (b) => `${b.ts.toISOString()},${b.open},${b.high},${b.low},${b.close},${b.volume ?? ''}`,
  );
  writeFileSync(join(data, `${sym}.csv`), `ts,open,high,low,close,volume\n${rows.join('\n')}\n`);
}

function seerRun(pkg: string, asOf: string) {
  const r = spawnSync(
    '/usr/bin/python3',
    ['-B', '-m', 'seer.runtime.local', pkg, '--as-of', asOf, '--data', data],
    {
      cwd: DEFAULT_RUNTIME_DIR,
      encoding: 'utf8',
      env: { OPENBLAS_NUM_THREADS: '1' },
    },
  );
  return { status: r.status, out: JSON.parse(r.stdout) };
}

describe('local runner (seer run) uses the same harness and clamp', () => {
  it('runs the happy fixture on CSV data, never past as_of', () => {
    const asOf = new Date(T0 + 300 * HOUR + 30 * 60_000).toISOString();
    const { status, out } = seerRun(join(FIXTURES, 'happy'), asOf);
    expect(status).toBe(0);
    expect(out.predictions).toHaveLength(2);
    expect(out.logs[0]).toBe(
      `BTC-USD bars=200 last=${new Date(T0 + 299 * HOUR).toISOString().replace('.000Z', '+00:00')}`,
    );
  });
  it('maps failures to the same codes', () => {
    expect(seerRun(join(ABUSE_DIR, 'output_nan'), '2026-01-10T00:00:00Z').out.code).toBe('bad_output');
    expect(seerRun(join(ABUSE_DIR, 'undeclared_symbol'), '2026-01-10T00:00:00Z').out.code).toBe(
      'data_limit_exceeded',
    );
  });
  it('is plain python3 -m, nothing else needed', () => {
    expect(
      execFileSync('/usr/bin/python3', ['-c', 'import tomllib, msgpack; print(1)'], {
        encoding: 'utf8',
      }).trim(),
    ).toBe('1');
  });
});
