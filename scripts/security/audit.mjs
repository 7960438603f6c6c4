#!/usr/bin/env node
/**
 * `npm audit` with Seer's policy (docs/SECURITY.md, "Dependency audit"):
 * - blocks: an advisory of severity high or critical in a production dependency (`--omit=dev`);
 * - reported, not blocking: moderate/low in production, anything in devDependencies;
 * - accepted advisories live in scripts/security/audit-allowlist.json, each with a reason and an
 *   expiry date (YYYY-MM-DD); an expired entry blocks again;
 * - when the registry's audit endpoint cannot be reached (offline machine, a mirror without the
 *   audit API) it says so and exits 0: no answer is not a finding. SEER_AUDIT_REQUIRED=1 makes
 *   that a failure (for CI that must prove a clean audit).
 * Usage: node scripts/security/audit.mjs
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BLOCKING = new Set(['high', 'critical']);

/** Applies the policy to `npm audit --json` output. Pure, for tests. */
export function evaluate(report, allowlist, today = new Date().toISOString().slice(0, 10)) {
  if (!report || typeof report !== 'object' || report.error || !report.vulnerabilities) {
    return { reachable: false, blocking: [], reported: [], expired: [] };
  }
  const allowed = new Map(allowlist.map((a) => [String(a.id), a]));
  const expired = allowlist.filter((a) => a.expires < today);
  const blocking = [];
  const reported = [];
  for (const [name, v] of Object.entries(report.vulnerabilities)) {
    const ids = (v.via ?? [])
      .filter((x) => typeof x === 'object')
      .map((x) => String(x.source ?? x.url ?? x.title));
    const entry = { name, severity: v.severity, ids };
    const accepted = ids.length > 0 && ids.every((id) => allowed.has(id) && allowed.get(id).expires >= today);
    if (BLOCKING.has(v.severity) && !accepted) blocking.push(entry);
    else reported.push({ ...entry, accepted });
  }
  return { reachable: true, blocking, reported, expired };
}

export function loadAllowlist(file) {
  const list = JSON.parse(readFileSync(file, 'utf8'));
  for (const a of list) {
    if (!a.id || !a.reason || !/^\d{4}-\d{2}-\d{2}$/.test(a.expires ?? '')) {
      throw new Error(`${file}: every entry needs "id", "reason" and "expires" (YYYY-MM-DD)`);
    }
  }
  return list;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const allowlist = loadAllowlist(path.join(root, 'scripts/security/audit-allowlist.json'));
  const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  let report;
  try {
    report = JSON.parse(run.stdout || 'null');
  } catch {
    report = null;
  }
  const r = evaluate(report, allowlist);
  if (!r.reachable) {
    const why =
      report?.message ||
      report?.error?.summary ||
      (run.stderr ?? '').split('\n').find((l) => l.trim()) ||
      'no answer';
    console.log(
      `npm audit: the registry's audit endpoint is unreachable here (${why.trim()}); audit skipped, not failed.`,
    );
    process.exit(process.env.SEER_AUDIT_REQUIRED === '1' ? 1 : 0);
  }
  for (const e of r.expired)
    console.error(`npm audit: allowlist entry ${e.id} expired on ${e.expires}: ${e.reason}`);
  for (const b of r.blocking)
    console.error(
      `npm audit: BLOCKING ${b.severity} in production dependency ${b.name} (${b.ids.join(', ')})`,
    );
  for (const x of r.reported)
    console.log(
      `npm audit: ${x.accepted ? 'accepted' : 'reported'} ${x.severity} in ${x.name} (${x.ids.join(', ')})`,
    );
  console.log(
    `npm audit: ${r.blocking.length} blocking, ${r.reported.length} reported, ${r.expired.length} expired allowlist entries`,
  );
  process.exit(r.blocking.length || r.expired.length ? 1 : 0);
}
