/** Reading seer.toml from an unpacked package folder (the runners' entry to ./manifest.ts). */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseManifest, type RegistryManifest } from './manifest';

const MAX_SOURCE_READ = 4 * 1024 * 1024;

/** Parses and checks `<packageDir>/seer.toml`, including that the entrypoint file defines its function. */
export function readManifest(packageDir: string): RegistryManifest {
  const readText = (rel: string): string | undefined => {
    const file = path.join(packageDir, ...rel.split('/'));
    try {
      const st = statSync(file);
      if (!st.isFile() || st.size > MAX_SOURCE_READ) return undefined;
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  };
  return parseManifest(readFileSync(path.join(packageDir, 'seer.toml'), 'utf8'), readText);
}
