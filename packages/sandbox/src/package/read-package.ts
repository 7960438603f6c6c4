import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SandboxError } from '../types';

/** Regular files of a package directory as [relative path, bytes] (symlinks and specials skipped). */
export function readPackageFiles(dir: string, maxBytes: number): Array<[string, Buffer]> {
  const out: Array<[string, Buffer]> = [];
  let total = 0;
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      if (name === '__pycache__') continue;
      const p = join(d, name);
      const st = lstatSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.isFile()) {
        total += st.size;
        if (total > maxBytes) throw new SandboxError('output_too_large', `package exceeds ${maxBytes} bytes`);
        out.push([relative(dir, p), readFileSync(p)]);
      }
    }
  };
  walk(dir);
  return out;
}
