import { describe, expect, it } from 'vitest';
import { horizonHours, type ManifestCaps, type ManifestContext, validateManifestText } from './manifest';

const CAPS: ManifestCaps = {
  maxLookback: 10_000,
  maxSymbols: 100,
  maxCpuSeconds: 60,
  maxMemoryMb: 2048,
  minMemoryMb: 64,
  maxHorizonHours: 2160,
};

const MODEL_PY = 'import pandas as pd\n\n\ndef predict(ctx):\n    return {}\n';

function ctx(over: Partial<ManifestContext> = {}, files: Record<string, string> = { 'model.py': MODEL_PY }) {
  return {
    caps: CAPS,
    existingVersions: [],
    knownSymbols: new Set(['USDCHF', 'EURUSD']),
    readText: (p: string) => files[p],
    ...over,
  } satisfies ManifestContext;
}

const GOOD = `name = "momentum"
version = "1.2.0"
entrypoint = "model:predict"
interval = "1h"
horizon = "4h"
target = "return"
symbols = ["USDCHF"]
lookback = 500
[resources]
cpu_seconds = 10
memory_mb = 512
[params]
window = 24
`;

describe('manifest rules', () => {
  it('accepts a good manifest and normalizes it', () => {
    const r = validateManifestText(GOOD, ctx());
    expect(r).toEqual({
      ok: true,
      entrypointFile: 'model.py',
      manifest: {
        name: 'momentum',
        version: '1.2.0',
        entrypoint: 'model:predict',
        interval: '1h',
        horizon: '4h',
        target: 'return',
        symbols: ['USDCHF'],
        lookback: 500,
        resources: { cpu_seconds: 10, memory_mb: 512 },
        params: { window: 24 },
      },
    });
  });

  it('fills default resources and resolves packages and default function names', () => {
    const text = GOOD.replace(/\[resources\][\s\S]*$/, '').replace('model:predict', 'pkg.core');
    const r = validateManifestText(text, ctx({}, { 'pkg/core/__init__.py': 'def predict(ctx):\n  pass\n' }));
    expect(r.ok && r.manifest.resources).toEqual({ cpu_seconds: 10, memory_mb: 512 });
    expect(r.ok && r.entrypointFile).toBe('pkg/core/__init__.py');
  });

  it('lists every bad field at once, with JSON pointers', () => {
    const bad = `name = "bad name!"
version = "1.0"
entrypoint = "model:forecast"
interval = "15m"
horizon = "0h"
target = "volatility"
symbols = ["USDCHF", "NOPE", "usdchf", "USDCHF"]
lookback = 0
extra = 1
[resources]
cpu_seconds = 600
memory_mb = 99999
gpu = 1
`;
    const r = validateManifestText(bad, ctx());
    expect(r.ok).toBe(false);
    const fields = !r.ok ? r.errors.map((e) => e.field).sort() : [];
    expect(fields).toEqual(
      [
        '/extra',
        '/name',
        '/version',
        '/entrypoint',
        '/interval',
        '/horizon',
        '/target',
        '/symbols/1',
        '/symbols/2',
        '/symbols/3',
        '/lookback',
        '/resources/gpu',
        '/resources/cpu_seconds',
        '/resources/memory_mb',
      ].sort(),
    );
    const msg = (f: string) => (!r.ok ? r.errors.find((e) => e.field === f)?.message : undefined);
    expect(msg('/entrypoint')).toMatch(/def forecast\(/);
    expect(msg('/symbols/1')).toMatch(/NOPE is not an instrument/);
    expect(msg('/symbols/3')).toMatch(/listed twice/);
  });

  it('requires the fields the runtime needs', () => {
    const r = validateManifestText('name = "x"\n', ctx());
    expect(!r.ok && r.errors.map((e) => e.field).sort()).toEqual(
      ['/version', '/entrypoint', '/interval', '/horizon', '/target', '/symbols', '/lookback'].sort(),
    );
  });

  it('requires a version strictly greater than every existing one', () => {
    const existing = { existingVersions: ['1.0.0', '1.2.0', '0.9.0'] };
    const same = validateManifestText(GOOD, ctx(existing));
    expect(!same.ok && same.errors).toEqual([
      { field: '/version', message: expect.stringMatching(/latest is 1\.2\.0/) },
    ]);
    const lower = validateManifestText(GOOD.replace('1.2.0', '1.1.9'), ctx(existing));
    expect(lower.ok).toBe(false);
    const pre = validateManifestText(GOOD.replace('1.2.0', '1.2.0-rc.1'), ctx(existing));
    expect(pre.ok).toBe(false);
    expect(validateManifestText(GOOD.replace('1.2.0', '1.2.1-rc.1'), ctx(existing)).ok).toBe(true);
    expect(validateManifestText(GOOD.replace('1.2.0', '1.2.0+build.5'), ctx()).ok).toBe(false);
  });

  it('checks the horizon against the interval and the cap', () => {
    expect(horizonHours('1d')).toBe(24);
    expect(horizonHours('36h')).toBe(36);
    expect(horizonHours('1w')).toBeUndefined();
    const on4h = (h: string) =>
      validateManifestText(GOOD.replace('"1h"', '"4h"').replace('"4h"\ntarget', `"${h}"\ntarget`), ctx());
    expect(on4h('8h').ok).toBe(true);
    expect(on4h('1d').ok).toBe(true);
    expect(!on4h('6h').ok && on4h('6h')).toMatchObject({
      errors: [{ field: '/horizon', message: expect.stringMatching(/multiple/) }],
    });
    expect(on4h('100d').ok).toBe(false);
  });

  it('reports malformed TOML as one error instead of throwing', () => {
    const r = validateManifestText('name = \n', ctx());
    expect(r).toMatchObject({
      ok: false,
      errors: [{ field: '/', message: expect.stringMatching(/not valid TOML/) }],
    });
  });

  it('finds only a top-level def, not one in a comment or nested', () => {
    const r = validateManifestText(
      GOOD,
      ctx({}, { 'model.py': '# def predict(ctx):\nclass A:\n    def predict(self):\n        pass\n' }),
    );
    expect(!r.ok && r.errors[0]?.field).toBe('/entrypoint');
  });
});
