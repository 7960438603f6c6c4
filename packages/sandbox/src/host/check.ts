import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { detectCgroupVersion } from './cgroup';

export interface SandboxHostCheck {
  ok: boolean;
  problems: string[];
  /** One command that installs everything missing. */
  install: string | null;
  cgroups: boolean;
  versions: Record<string, string>;
}

const PY_MODULES: Array<[module: string, distribution: string, debianPackage: string]> = [
  ['numpy', 'numpy', 'python3-numpy'],
  ['pandas', 'pandas', 'python3-pandas'],
  ['scipy', 'scipy', 'python3-scipy'],
  ['sklearn', 'scikit-learn', 'python3-sklearn'],
  ['statsmodels', 'statsmodels', 'python3-statsmodels'],
  ['msgpack', 'msgpack', 'python3-msgpack'],
  ['seccomp', 'seccomp', 'python3-seccomp'],
];

/** Checks bwrap, setpriv, prlimit and the Python runtime; says exactly what to install. */
export function checkSandboxHost(opts: { pythonPath?: string } = {}): SandboxHostCheck {
  const python = opts.pythonPath ?? '/usr/bin/python3';
  const problems: string[] = [];
  const pkgs = new Set<string>();
  const versions: Record<string, string> = {};
  const bw = spawnSync('bwrap', ['--version'], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin' } });
  if (bw.status !== 0) {
    problems.push('bubblewrap (bwrap) is not installed');
    pkgs.add('bubblewrap');
  } else versions.bwrap = bw.stdout.trim();
  for (const [bin, pkg] of [
    ['/usr/bin/setpriv', 'util-linux'],
    ['/usr/bin/prlimit', 'util-linux'],
  ] as const) {
    if (!existsSync(bin)) {
      problems.push(`${bin} is missing`);
      pkgs.add(pkg);
    }
  }
  if (!existsSync(python)) {
    problems.push(`the runtime ${python} is missing`);
    pkgs.add('python3');
    for (const [, , p] of PY_MODULES) pkgs.add(p);
  } else {
    // find_spec + package metadata: no imports, so the check is fast (~0.1 s).
    const mods = JSON.stringify(PY_MODULES.map(([m, d]) => [m, d]));
    const code = `import importlib.util as u, importlib.metadata as md, sys\nfor m, d in ${mods}:\n  if u.find_spec(m) is None:\n    print(m, 'MISSING'); continue\n  try:\n    print(m, md.version(d))\n  except Exception:\n    print(m, '?')\nprint('python', sys.version.split()[0])`;
    const r = spawnSync(python, ['-I', '-c', code], { encoding: 'utf8', env: {} });
    if (r.status !== 0)
      problems.push(`the runtime ${python} does not run: ${(r.stderr ?? '').trim().slice(0, 300)}`);
    for (const line of r.stdout.split('\n').filter(Boolean)) {
      const [m, v] = line.split(' ') as [string, string];
      if (v === 'MISSING') {
        const pkg = PY_MODULES.find(([mm]) => mm === m)?.[2];
        problems.push(`python module ${m} is missing`);
        if (pkg) pkgs.add(pkg);
      } else versions[m] = v;
    }
  }
  const userns = spawnSync('bwrap', ['--unshare-user', '--ro-bind', '/', '/', '/bin/true'], {
    env: { PATH: '/usr/bin:/bin' },
  });
  if (bw.status === 0 && userns.status !== 0) {
    problems.push(
      'bwrap cannot create user namespaces (check kernel.unprivileged_userns_clone / user.max_user_namespaces)',
    );
  }
  const install = pkgs.size ? `apt-get install -y ${[...pkgs].sort().join(' ')}` : null;
  return {
    ok: problems.length === 0,
    problems,
    install,
    cgroups: detectCgroupVersion() !== null,
    versions,
  };
}

export function formatHostCheck(c: SandboxHostCheck): string {
  if (c.ok) return 'sandbox host OK';
  return `sandbox host is not ready:\n  - ${c.problems.join('\n  - ')}${c.install ? `\ninstall with: ${c.install}` : ''}`;
}
