/**
 * The sandbox's own copies of what a jail mounts: the runtime harness and each package of the
 * cold path. The jail runs as an unprivileged uid, so it cannot follow a path through a folder
 * it may not enter (a clone under root's 0700 home, `mktemp -d`, a 0750 home folder, a 0700
 * data folder) nor read files written under a strict umask. So the host copies the tree into a
 * content-addressed folder of its own work directory with fixed modes (folders 0755, files
 * 0644, owned by the host uid), and the jail gets it through an open directory descriptor
 * (`bwrap --ro-bind-fd`), which needs no path the jail uid can walk.
 */
import { createHash } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  constants,
  existsSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { SandboxError } from '../types';

export interface StagedTree {
  /** Host path of the read-only copy. */
  dir: string;
  /** SHA-256 over the sorted (path, content) pairs: equal trees share one copy. */
  digest: string;
  /** Drop this use; the copy is removed when no run uses it any more. */
  release(): void;
}

export interface TreeStore {
  /** Copy `src` (regular files and folders; links, specials and __pycache__ skipped). */
  stage(src: string, kind: string): StagedTree;
}

const SKIP = new Set(['__pycache__']);

interface Entry {
  rel: string;
  file: boolean;
}

function listTree(src: string, maxBytes: number, maxEntries: number): Entry[] {
  const out: Entry[] = [];
  let total = 0;
  const walk = (d: string, rel: string) => {
    for (const name of readdirSync(d).sort()) {
      if (SKIP.has(name)) continue;
      const p = join(d, name);
      const r = rel ? `${rel}/${name}` : name;
      const st = lstatSync(p);
      if (st.isDirectory()) {
        out.push({ rel: r, file: false });
        walk(p, r);
      } else if (st.isFile()) {
        total += st.size;
        if (total > maxBytes) throw new SandboxError('output_too_large', `package exceeds ${maxBytes} bytes`);
        out.push({ rel: r, file: true });
      }
      if (out.length > maxEntries)
        throw new SandboxError('output_too_large', `package has more than ${maxEntries} entries`);
    }
  };
  walk(src, '');
  return out;
}

/** A store under `root` (created 0711: the host may list it, nobody else). */
export function createTreeStore(root: string, limits: { maxBytes: number; maxEntries: number }): TreeStore {
  mkdirSync(root, { recursive: true, mode: 0o711 });
  chmodSync(root, 0o711);
  const uses = new Map<string, number>();
  let seq = 0;
  return {
    stage(src, kind) {
      // The folder itself may be reached through a link (~/mymodel -> /data/mymodel); links
      // inside it are left out.
      if (!statSync(src).isDirectory())
        throw new SandboxError('sandbox_unavailable', `${src} is not a folder`);
      const entries = listTree(src, limits.maxBytes, limits.maxEntries);
      const tmp = join(root, `.tmp-${process.pid}-${seq++}`);
      mkdirSync(tmp, { mode: 0o755 });
      const hash = createHash('sha256');
      try {
        for (const e of entries) {
          const to = join(tmp, e.rel);
          if (!e.file) {
            hash.update(`d\0${e.rel}\0`);
            mkdirSync(to, { mode: 0o755 });
            chmodSync(to, 0o755); // the umask must not decide what the jail uid may read
            continue;
          }
          const data = readFileSync(join(src, e.rel));
          hash.update(`f\0${e.rel}\0${data.length}\0`);
          hash.update(data);
          writeFileSync(to, data, { mode: 0o644, flag: 'wx' });
          chmodSync(to, 0o644);
        }
      } catch (e) {
        rmSync(tmp, { recursive: true, force: true });
        throw e;
      }
      const digest = hash.digest('hex');
      const dir = join(root, `${kind}-${digest}`);
      if (existsSync(dir)) rmSync(tmp, { recursive: true, force: true });
      else renameSync(tmp, dir);
      chmodSync(dir, 0o755);
      uses.set(dir, (uses.get(dir) ?? 0) + 1);
      let released = false;
      return {
        dir,
        digest,
        release() {
          if (released) return;
          released = true;
          const n = (uses.get(dir) ?? 1) - 1;
          if (n > 0) {
            uses.set(dir, n);
            return;
          }
          uses.delete(dir);
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  };
}

/** An open read-only descriptor of a folder, for `bwrap --ro-bind-fd`. */
export function openDirFd(dir: string): number {
  return openSync(dir, constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW);
}

export function closeFds(fds: number[]): void {
  for (const fd of fds) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
  }
}
