/** Builders of hand-crafted (often hostile) .tar.gz archives for tests. */
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';

export interface TestEntry {
  name: string;
  type?: 'file' | 'directory' | 'symlink' | 'link' | 'character-device' | 'block-device' | 'fifo';
  content?: string | Buffer;
  linkname?: string;
  mode?: number;
  mtime?: Date;
}

export async function tarOf(entries: TestEntry[]): Promise<Buffer> {
  const pack = tar.pack();
  // Drain while writing: the pack stream stops accepting entries once its buffer is full.
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    pack.on('data', (c) => {
      chunks.push(c as Buffer);
    });
    pack.on('end', () => resolve());
    pack.on('error', reject);
  });
  for (const e of entries) {
    const type = e.type ?? 'file';
    const body = type === 'file' ? Buffer.from(e.content ?? '') : undefined;
    await new Promise<void>((resolve, reject) => {
      const header = {
        name: e.name,
        type,
        mode: e.mode ?? (type === 'directory' ? 0o755 : 0o644),
        mtime: e.mtime ?? new Date(1_700_000_000_000),
        ...(e.linkname ? { linkname: e.linkname } : {}),
        ...(body ? { size: body.length } : {}),
      };
      if (body) pack.entry(header, body, (err) => (err ? reject(err) : resolve()));
      else pack.entry(header, (err) => (err ? reject(err) : resolve()));
    });
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

export async function tgzOf(entries: TestEntry[]): Promise<Buffer> {
  return gzipSync(await tarOf(entries));
}

export const MODEL_PY = `import numpy as np


def predict(ctx):
    out = {}
    for sym in ctx.symbols:
        df = ctx.ohlcv(sym)
        out[sym] = float(np.log(df["close"]).diff().tail(24).mean())
    return out
`;

export function seerToml(over: Record<string, string> = {}): string {
  const fields: Record<string, string> = {
    name: '"test-model"',
    version: '"1.0.0"',
    entrypoint: '"model:predict"',
    interval: '"1h"',
    horizon: '"1h"',
    target: '"return"',
    symbols: '["USDCHF"]',
    lookback: '200',
    ...over,
  };
  return `${Object.entries(fields)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k} = ${v}`)
    .join('\n')}\n[resources]\ncpu_seconds = 10\nmemory_mb = 512\n`;
}

/** A valid package archive; `over` patches seer.toml fields, `extra` adds entries. */
export function packageTgz(over: Record<string, string> = {}, extra: TestEntry[] = []): Promise<Buffer> {
  return tgzOf([
    { name: 'seer.toml', content: seerToml(over) },
    { name: 'model.py', content: MODEL_PY },
    ...extra,
  ]);
}
