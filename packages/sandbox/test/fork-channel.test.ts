import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  constants,
  cpSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBwrapSandbox } from '../src/bwrap-sandbox';
import { openChannelFifo } from '../src/host/template';
import { SandboxError } from '../src/types';
import { AS_OF, manifestOf, REPO, SOURCE, TEST_CAPS } from './helpers';

const MOMENTUM = join(REPO, 'examples/momentum');
const UID = 64131;

/**
 * The fork template runs as the jail uid. Anything running as that uid (the template itself if
 * it were compromised, or any other process of that uid on the host) must not be able to make
 * the root worker open - and write a `run` frame into - a file of its choosing by putting a
 * symlink where the worker expects one of the run's FIFOs.
 */
describe('fork channel: a symlink planted where a FIFO is expected', () => {
  let root: string;
  let victim: string;
  let runtimeDir: string;

  beforeAll(() => {
    root = mkdtempSync('/tmp/seer-chan-test-');
    chmodSync(root, 0o755);
    // A host FIFO only root may write (think /run/initctl): the worker's Socket accepts pipes.
    victim = join(root, 'victim.fifo');
    execFileSync('/usr/bin/mkfifo', ['-m', '600', victim]);
    // A hostile template: the real one, plus an attacker running as the jail uid that replaces
    // the run's FIFOs with symlinks to a host file of its choice.
    runtimeDir = join(root, 'python');
    cpSync(join(REPO, 'python'), runtimeDir, { recursive: true });
    const rt = join(runtimeDir, 'seer/runtime');
    renameSync(join(rt, 'template.py'), join(rt, 'real_template.py'));
    writeFileSync(
      join(rt, 'template.py'),
      `import os, sys
from . import protocol, real_template
VICTIM = ${JSON.stringify(victim)}

def plant(path):
    try:
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass
        os.symlink(VICTIM, path)
        os.write(2, f"ATTACK:planted:{path}\\n".encode())
    except OSError as e:
        os.write(2, f"ATTACK:refused:{path}:{e.errno}\\n".encode())

# Channel made by the template itself: a symlink instead of the run's input FIFO.
_mkfifo = os.mkfifo
os.mkfifo = lambda path, *a, **k: plant(path) if path.endswith("/in") else _mkfifo(path, *a, **k)

# Channel made by someone else: replace its FIFOs as soon as the run's id is known.
_recv = protocol.FrameIO.recv
def recv(self):
    msg = _recv(self)
    if msg.get("type") == "spawn":
        d = f"/chan/{msg.get('id')}"
        if os.path.isdir(d):
            plant(f"{d}/in")
    return msg
protocol.FrameIO.recv = recv

real_template.main()
`,
    );
    execFileSync('chmod', ['-R', 'a+rX', runtimeDir]);
  });

  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('the worker writes nothing into the symlink target and the run fails safely or succeeds', async () => {
    // Hold the victim pipe open so that anything written into it stays readable afterwards.
    const probe = openSync(victim, constants.O_RDWR | constants.O_NONBLOCK);
    const written = () => {
      try {
        return readSync(probe, Buffer.alloc(65536));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') return 0;
        throw e;
      }
    };
    const sandbox = await createBwrapSandbox({
      strategy: 'fork',
      uid: UID,
      gid: UID,
      caps: TEST_CAPS,
      runtimeDir,
      concurrency: 1,
    });
    try {
      const r = await sandbox.run({
        packageDir: MOMENTUM,
        manifest: manifestOf(MOMENTUM),
        asOf: AS_OF,
        mode: 'live',
        source: SOURCE,
      });
      // The victim never receives a byte; the attacker cannot touch the channel (root-owned,
      // read-only in the template's jail), so the run goes through on the worker's own FIFOs.
      expect(written(), JSON.stringify(r).slice(0, 2000)).toBe(0);
      expect(r.ok, JSON.stringify(r).slice(0, 2000)).toBe(true);
      if (r.ok) expect(r.predictions.map((p) => p.symbol)).toEqual(manifestOf(MOMENTUM).symbols);
    } finally {
      await sandbox.close();
    }
    expect(written()).toBe(0);
    closeSync(probe);
  }, 60_000);
});

describe('openChannelFifo', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync('/tmp/seer-fifo-test-');
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const fifo = (name: string, mode = '660') => {
    const p = join(dir, name);
    execFileSync('/usr/bin/mkfifo', ['-m', mode, p]);
    execFileSync('chown', [`0:${UID}`, p]);
    return p;
  };
  const refused = (fn: () => unknown) => {
    let err: unknown;
    try {
      fn();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SandboxError);
    expect((err as SandboxError).code).toBe('sandbox_unavailable');
  };

  it('opens a FIFO owned as expected', () => {
    const fd = openChannelFifo(fifo('ok'), UID);
    expect(fd).toBeGreaterThan(2);
    closeSync(fd);
  });

  it('refuses a symlink to a regular file and leaves the file untouched', () => {
    const target = join(dir, 'target.txt');
    writeFileSync(target, 'original');
    symlinkSync(target, join(dir, 'link'));
    refused(() => openChannelFifo(join(dir, 'link'), UID));
    expect(readFileSync(target, 'utf8')).toBe('original');
  });

  it('refuses a symlink to a genuine FIFO', () => {
    symlinkSync(fifo('real'), join(dir, 'link2'));
    refused(() => openChannelFifo(join(dir, 'link2'), UID));
  });

  it('refuses a regular file, a directory and a FIFO with the wrong owner or mode', () => {
    writeFileSync(join(dir, 'plain'), '');
    refused(() => openChannelFifo(join(dir, 'plain'), UID));
    mkdirSync(join(dir, 'adir'));
    refused(() => openChannelFifo(join(dir, 'adir'), UID));
    const other = fifo('other');
    execFileSync('chown', [`${UID}:${UID}`, other]);
    refused(() => openChannelFifo(other, UID));
    refused(() => openChannelFifo(fifo('wide', '666'), UID));
  });
});
