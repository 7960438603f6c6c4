#!/usr/bin/env node
/**
 * Secret scan of the repository (issue 15, item 5; policy in docs/SECURITY.md). Looks in every
 * tracked and untracked-but-not-ignored file for private keys, provider tokens, Seer API keys,
 * JWTs and high-entropy values assigned to secret-looking names. Findings are suppressed only by
 * scripts/security/secret-allowlist.json (path regex + rule + reason) or an inline
 * `secret-scan: allow <reason>` comment on the same line. Exit 1 on any finding.
 * Usage: node scripts/security/secret-scan.mjs [--json]
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const RULES = [
  {
    id: 'private_key',
    re: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----/,
  },
  { id: 'aws_access_key', re: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { id: 'github_token', re: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/ },
  { id: 'stripe_key', re: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}\b/ },
  { id: 'stripe_webhook_secret', re: /\bwhsec_[A-Za-z0-9]{24,}\b/ },
  { id: 'slack_token', re: /\bxox[abprs]-[A-Za-z0-9-]{10,}/ },
  { id: 'google_api_key', re: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  // seer_<12 hex prefix>_<secret> (api-keys.service.ts); metric names like seer_ledger_... do not match.
  { id: 'seer_api_key', re: /\bseer_[0-9a-f]{12}_[A-Za-z0-9_-]{32,}/ },
  { id: 'jwt', re: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,}/ },
  {
    id: 'url_credentials',
    re: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@'"`]+:([^\s@/'"`$]{8,})@/i,
    entropyGroup: 1,
    minEntropy: 3.2,
  },
  {
    id: 'high_entropy_assignment',
    re: /(?:secret|token|passw(?:or)?d|api[_-]?key|private[_-]?key|credential)[\w-]*["']?\s*[:=]\s*["'`]([^"'`\s]{20,})["'`]/i,
    entropyGroup: 1,
  },
];
const MIN_ENTROPY = 4.0;
const MAX_BYTES = 2_000_000;

/** Shannon entropy in bits per character. */
export function entropy(s) {
  const counts = new Map();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Findings in one file's text: [{ line, rule, excerpt }]. */
export function scanText(text) {
  const out = [];
  const lines = text.split('\n');
  for (const [i, line] of lines.entries()) {
    if (/secret-scan: allow\b/.test(line)) continue;
    for (const rule of RULES) {
      const m = rule.re.exec(line);
      if (!m) continue;
      if (rule.entropyGroup) {
        const v = m[rule.entropyGroup] ?? '';
        if (v.includes('${') || entropy(v) < (rule.minEntropy ?? MIN_ENTROPY)) continue;
      }
      const at = m.index;
      out.push({ line: i + 1, rule: rule.id, excerpt: `${line.slice(Math.max(0, at - 20), at + 12)}…` });
    }
  }
  return out;
}

export function loadAllowlist(file) {
  const entries = JSON.parse(readFileSync(file, 'utf8'));
  for (const e of entries) {
    if (!e.path || !e.reason) throw new Error(`${file}: every entry needs "path" and "reason"`);
  }
  return entries.map((e) => ({ ...e, re: new RegExp(e.path) }));
}

export function scanRepo(root, allowlist) {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
  })
    .toString('utf8')
    .split('\0')
    .filter(Boolean);
  const findings = [];
  const used = new Set();
  for (const rel of [...new Set(files)]) {
    const abs = path.join(root, rel);
    let st;
    try {
      st = statSync(abs);
    } catch {
      continue; // deleted in the work tree
    }
    if (!st.isFile() || st.size > MAX_BYTES) continue;
    const buf = readFileSync(abs);
    if (buf.subarray(0, 8000).includes(0)) continue; // binary
    for (const f of scanText(buf.toString('utf8'))) {
      const allow = allowlist.find((a) => a.re.test(rel) && (!a.rule || a.rule === f.rule));
      if (allow) {
        used.add(allow.path);
        continue;
      }
      findings.push({ file: rel, ...f });
    }
  }
  return { files: files.length, findings, unusedAllowlist: allowlist.filter((a) => !used.has(a.path)) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const allowlist = loadAllowlist(path.join(root, 'scripts/security/secret-allowlist.json'));
  const r = scanRepo(root, allowlist);
  if (process.argv.includes('--json')) console.log(JSON.stringify(r, null, 2));
  for (const f of r.findings) console.error(`secret-scan: ${f.file}:${f.line} ${f.rule}: ${f.excerpt}`);
  for (const a of r.unusedAllowlist)
    console.error(`secret-scan: note: allowlist entry ${a.path} matched nothing`);
  console.log(
    `secret-scan: ${r.files} files, ${r.findings.length} finding(s)${r.findings.length ? ' — remove them or allowlist with a reason (docs/SECURITY.md)' : ''}`,
  );
  process.exit(r.findings.length ? 1 : 0);
}
