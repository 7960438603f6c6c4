/**
 * Scanning (issue 15, item 5; policy in docs/SECURITY.md): unsafe-pattern lint over the server
 * code, the secret scanner (it finds planted secrets; the repository has none outside its
 * allowlist) and the npm audit policy (what blocks, the allowlist with expiry, an unreachable
 * audit endpoint). scripts/test.sh also runs both scanners as commands.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../../scripts/security/audit.mjs';
import { loadAllowlist, scanRepo, scanText } from '../../../../scripts/security/secret-scan.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** Server code: everything that runs in the API, worker, core and sandbox (tests and test helpers excluded). */
function serverFiles(): string[] {
  return execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', 'apps', 'packages'], {
    cwd: ROOT,
  })
    .toString('utf8')
    .split('\n')
    .filter(
      (f) =>
        /^(apps\/(api|worker|seerd)|packages\/(core|sandbox))\/src\/.*\.ts$/.test(f) &&
        !/\.test\.ts$|\/testing\//.test(f),
    );
}

interface Rule {
  id: string;
  re: RegExp;
  why: string;
  /** Where the rule does not apply (path regex). */
  except?: RegExp;
  /** Known, reviewed occurrences: `path:line-text-fragment` -> reason. */
  allow?: Record<string, string>;
}

const RULES: Rule[] = [
  { id: 'sql-raw', re: /\bsql\.(raw|lit)\(|\.unsafe\(/, why: 'raw SQL bypasses parameters' },
  {
    id: 'sql-concatenation',
    re: /\.(query|exec)\(\s*`[^`]*\$\{|\.(query|exec)\(\s*['"][^'"]*['"]\s*\+/,
    why: 'SQL built by string concatenation; use parameters ($1) or the sql`` tag',
    allow: {
      'packages/core/src/db/local-server.ts:CREATE DATABASE ${DB_NAME}':
        'DB_NAME is a module constant; CREATE DATABASE takes no parameters',
      'apps/seerd/src/commands/db-login.ts:ALTER ROLE ${ident}':
        'DDL takes no parameters; ident/literal are escaped by the pg client (escapeIdentifier/escapeLiteral)',
      'apps/seerd/src/commands/db-login.ts:GRANT seer_app TO ${ident}': 'as above',
      'apps/seerd/src/commands/db-login.ts:CREATE ROLE ${ident}': 'as above',
      'apps/seerd/src/commands/db-login.ts:GRANT seer_package_opener TO ${ident}': 'as above',
      'apps/seerd/src/commands/db-login.ts:REVOKE seer_package_opener FROM ${ident}': 'as above',
      'packages/core/src/db/db.ts:LISTEN ${pg.escapeIdentifier(channel)}':
        'LISTEN takes no parameters; the channel is a constant of ours, escaped by the pg client anyway',
    },
  },
  // JavaScript's own eval, not a method of that name (ioredis's `redis.eval` runs a fixed Lua script).
  { id: 'eval', re: /(?<![.\w])eval\(|new Function\(/, why: 'code from strings' },
  {
    id: 'shell',
    re: /shell:\s*true|\bexecSync\(|child_process['"]\)\.exec\b/,
    why: 'a shell parses the command line',
  },
  {
    id: 'math-random',
    re: /Math\.random\(/,
    why: 'not a CSPRNG: use node:crypto for anything secret or unguessable',
    allow: {
      'apps/worker/src/index.ts:Math.random().toString(36)':
        'a worker id suffix for logs and leases, not a secret',
    },
  },
  {
    id: 'console-log',
    re: /\bconsole\.(log|debug)\(/,
    why: 'server code logs through pino (redaction, levels)',
    except: /^apps\/seerd\//, // the seerd command prints to its terminal
  },
  {
    id: 'tls-verify-off',
    re: /rejectUnauthorized:\s*false|NODE_TLS_REJECT_UNAUTHORIZED/,
    why: 'TLS without certificate verification',
    allow: {
      'packages/core/src/transport/transport-security.ts:rejectUnauthorized: false':
        'sslmode=require keeps libpq semantics (encrypt, do not verify); verify-ca/verify-full verify (docs/OPERATIONS.md)',
    },
  },
  { id: 'weak-hash-for-secrets', re: /createHash\(['"]md5['"]\)/, why: 'MD5' },
];

describe('unsafe-pattern lint (server code)', () => {
  const files = serverFiles();
  it('finds the server code to lint', () => {
    expect(files.length).toBeGreaterThan(50);
  });
  it.each(RULES.map((r) => [r.id, r] as const))('%s', (_id, rule) => {
    const hits: string[] = [];
    const usedAllow = new Set<string>();
    for (const f of files) {
      if (rule.except?.test(f)) continue;
      const lines = readFileSync(path.join(ROOT, f), 'utf8').split('\n');
      for (const [i, line] of lines.entries()) {
        if (!rule.re.test(line)) continue;
        const allowed = Object.keys(rule.allow ?? {}).find((k) => {
          const [p, ...frag] = k.split(':');
          return p === f && line.includes(frag.join(':'));
        });
        if (allowed) usedAllow.add(allowed);
        else hits.push(`${f}:${i + 1}: ${line.trim()}`);
      }
    }
    expect(
      hits,
      `${rule.id}: ${rule.why}. Fix it, or add a reviewed entry with its reason to RULES in this file`,
    ).toEqual([]);
  });
  it('the lint catches what it is meant to catch', () => {
    const samples: Record<string, string> = {
      'sql-raw': 'await sql.raw(userInput).execute(db)',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a sample of the pattern the lint must catch
      'sql-concatenation': 'await db.query(`SELECT * FROM users WHERE email = ${email}`)',
      eval: 'const f = new Function("return 1")',
      shell: "spawn('ls', [], { shell: true })",
      'math-random': 'const token = Math.random().toString(36)',
      'console-log': 'console.log(request.headers)',
      'tls-verify-off': 'https.request({ rejectUnauthorized: false })',
    };
    for (const [id, sample] of Object.entries(samples))
      expect(RULES.find((r) => r.id === id)?.re.test(sample), id).toBe(true);
    expect(
      RULES.find((r) => r.id === 'sql-concatenation')?.re.test(
        'await db.query(`SELECT 1 WHERE a = $1`, [x])',
      ),
    ).toBe(false);
  });
});

describe('secret scanner', () => {
  // Built at run time so this file holds no secret-shaped literal itself.
  const planted = {
    private_key: `-----BEGIN ${'PRIVATE'} KEY-----`,
    aws_access_key: `aws = "${'AKIA'}${'Q'.repeat(3)}7EXAMPLE2ZX3W"`,
    github_token: `${'ghp'}_${'a1B2c3D4e5'.repeat(4)}`,
    stripe_key: `${'sk'}_live_${'4eC39HqLyjWDarjtT1zdp7dc'}`,
    seer_api_key: `${'seer'}_abcdef012345_${'Zx9'.repeat(12)}`,
    jwt: `${'eyJ'}hbGciOiJFZERTQSJ9.${'eyJ'}zdWIiOiIxMjM0NTY3ODkwIn0.${'q'.repeat(10)}Zk3Jd8sPq1w`,
    high_entropy_assignment: `const clientSecret = "${'q8X'}n2LpZr7Tv0YbW4eKs9Gd"`,
    url_credentials: `postgres://seer:${'Hq7'}zP2xLm9Kv@db.internal/seer`,
  };
  it.each(Object.entries(planted))('finds a planted %s', (rule, line) => {
    expect(scanText(`x\n${line}\ny`).map((f) => f.rule)).toContain(rule);
  });
  it('ignores placeholders, low-entropy values, interpolations and allowed lines', () => {
    for (const line of [
      'password: "correct horse battery staple"',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: an interpolation the scanner must ignore
      'const token = `${prefix}_${secret}`',
      'DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres',
      'apiKey = "xxxxxxxxxxxxxxxxxxxxxxxx"',
      `const k = '${'sk'}_live_${'4eC39HqLyjWDarjtT1zdp7dc'}'; // secret-scan: allow documented example`,
    ])
      expect(scanText(line), line).toEqual([]);
  });
  it('the repository has no secrets outside the allowlist, and every allowlist entry has a reason', () => {
    const allowlist = loadAllowlist(path.join(ROOT, 'scripts/security/secret-allowlist.json'));
    const r = scanRepo(ROOT, allowlist);
    expect(r.files).toBeGreaterThan(100);
    expect(r.findings).toEqual([]);
  }, 60_000);
});

describe('npm audit policy', () => {
  const report = (vulns: Record<string, { severity: string; via: unknown[] }>) => ({
    vulnerabilities: vulns,
  });
  const adv = (id: number) => ({
    source: id,
    title: `advisory ${id}`,
    url: `https://github.com/advisories/${id}`,
  });
  it('blocks high and critical advisories, reports the rest', () => {
    const r = evaluate(
      report({
        a: { severity: 'critical', via: [adv(1)] },
        b: { severity: 'high', via: [adv(2)] },
        c: { severity: 'moderate', via: [adv(3)] },
        d: { severity: 'high', via: ['a'] },
      }),
      [],
      '2026-11-27',
    );
    expect(r.blocking.map((b) => b.name).sort()).toEqual(['a', 'b', 'd']);
    expect(r.reported.map((b) => b.name)).toEqual(['c']);
  });
  it('an allowlisted advisory stops blocking until its expiry, then blocks again', () => {
    const allow = [
      { id: '2', reason: 'not reachable: we never call the vulnerable function', expires: '2026-12-31' },
    ];
    const rep = report({ b: { severity: 'high', via: [adv(2)] } });
    expect(evaluate(rep, allow, '2026-11-27').blocking).toEqual([]);
    const later = evaluate(rep, allow, '2027-01-01');
    expect(later.blocking.map((b) => b.name)).toEqual(['b']);
    expect(later.expired).toHaveLength(1);
  });
  it('an unreachable audit endpoint is not a finding', () => {
    for (const r of [
      null,
      { message: '405 Method Not Allowed', error: { summary: '' } },
      { error: { code: 'ENOTFOUND' } },
    ])
      expect(evaluate(r, [])).toMatchObject({ reachable: false, blocking: [] });
  });
});
