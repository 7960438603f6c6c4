import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Interval, ModelManifest, Target } from '../types';

export type TomlValue = string | number | boolean | TomlValue[] | { [k: string]: TomlValue };

/**
 * A tiny TOML subset parser, enough for seer.toml: `key = value` with strings (basic and
 * literal), integers, floats, booleans, arrays of those (may span lines), `[table]` and
 * `[a.b]` headers, comments. Anything else is an error.
 */
export function parseTomlSubset(text: string): Record<string, TomlValue> {
  const root: Record<string, TomlValue> = {};
  let table = root;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = stripComment(lines[i]!).trim();
    if (!line) continue;
    const header = /^\[([A-Za-z0-9_.-]+)\]$/.exec(line);
    if (header) {
      table = root;
      for (const part of header[1]!.split('.')) {
        if (table[part] === undefined) table[part] = {};
        const next = table[part];
        if (typeof next !== 'object' || Array.isArray(next))
          throw new Error(`line ${i + 1}: ${part} is not a table`);
        table = next as Record<string, TomlValue>;
      }
      continue;
    }
    const kv = /^([A-Za-z0-9_-]+|"[^"]*")\s*=\s*(.*)$/.exec(line);
    if (!kv) throw new Error(`line ${i + 1}: cannot parse ${JSON.stringify(line)}`);
    let raw = kv[2]!;
    while (raw.startsWith('[') && !balanced(raw) && i + 1 < lines.length) {
      line = stripComment(lines[++i]!).trim();
      raw += ` ${line}`;
    }
    const key = kv[1]!.replace(/^"|"$/g, '');
    if (key in table) throw new Error(`line ${i + 1}: duplicate key ${key}`);
    const [value, rest] = parseValue(raw.trim(), i + 1);
    if (rest.trim()) throw new Error(`line ${i + 1}: unexpected ${JSON.stringify(rest.trim())}`);
    table[key] = value;
  }
  return root;
}

function stripComment(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#') return line.slice(0, i);
  }
  return line;
}

function balanced(s: string): boolean {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') depth++;
    else if (c === ']') depth--;
  }
  return depth === 0;
}

function parseValue(s: string, line: number): [TomlValue, string] {
  if (s.startsWith('"')) {
    let out = '';
    for (let i = 1; i < s.length; i++) {
      const c = s[i]!;
      if (c === '"') return [out, s.slice(i + 1)];
      if (c === '\\') {
        const n = s[++i];
        const map: Record<string, string> = { n: '\n', t: '\t', '"': '"', '\\': '\\', r: '\r' };
        if (n === undefined || !(n in map)) throw new Error(`line ${line}: unsupported escape`);
        out += map[n];
      } else out += c;
    }
    throw new Error(`line ${line}: unterminated string`);
  }
  if (s.startsWith("'")) {
    const end = s.indexOf("'", 1);
    if (end < 0) throw new Error(`line ${line}: unterminated string`);
    return [s.slice(1, end), s.slice(end + 1)];
  }
  if (s.startsWith('[')) {
    const arr: TomlValue[] = [];
    let rest = s.slice(1).trim();
    while (!rest.startsWith(']')) {
      const [v, r] = parseValue(rest, line);
      arr.push(v);
      rest = r.trim();
      if (rest.startsWith(',')) rest = rest.slice(1).trim();
      else if (!rest.startsWith(']')) throw new Error(`line ${line}: expected , or ]`);
    }
    return [arr, rest.slice(1)];
  }
  const m = /^(true|false|[+-]?\d[\d_]*(?:\.\d+)?(?:[eE][+-]?\d+)?)(.*)$/.exec(s);
  if (!m) throw new Error(`line ${line}: unsupported value ${JSON.stringify(s)}`);
  const tok = m[1]!;
  if (tok === 'true' || tok === 'false') return [tok === 'true', m[2]!];
  return [Number(tok.replace(/_/g, '')), m[2]!];
}

const INTERVALS = ['1h', '4h', '1d'];
const TARGETS = ['return', 'direction', 'price'];

/** Parse and check a seer.toml into the manifest the sandbox needs. */
export function parseManifest(text: string): ModelManifest & { name: string; version: string } {
  const t = parseTomlSubset(text);
  const problems: string[] = [];
  const str = (k: string): string => {
    if (typeof t[k] === 'string') return t[k] as string;
    problems.push(`${k} must be a string`);
    return '';
  };
  const name = str('name');
  const version = str('version');
  const entrypoint = str('entrypoint');
  if (entrypoint && !/^[A-Za-z_][\w.]*(:[A-Za-z_]\w*)?$/.test(entrypoint))
    problems.push('entrypoint must be module:function');
  const interval = str('interval');
  if (interval && !INTERVALS.includes(interval))
    problems.push(`interval must be one of ${INTERVALS.join(', ')}`);
  const horizon = str('horizon');
  const target = str('target');
  if (target && !TARGETS.includes(target)) problems.push(`target must be one of ${TARGETS.join(', ')}`);
  const symbols = t.symbols;
  if (!Array.isArray(symbols) || !symbols.length || !symbols.every((s) => typeof s === 'string')) {
    problems.push('symbols must be a non-empty list of strings');
  }
  const lookback = t.lookback;
  if (typeof lookback !== 'number' || !Number.isInteger(lookback) || lookback < 1) {
    problems.push('lookback must be a positive integer');
  }
  const res = (t.resources ?? {}) as Record<string, TomlValue>;
  const cpu = res.cpu_seconds ?? 10;
  const mem = res.memory_mb ?? 512;
  if (typeof cpu !== 'number' || cpu <= 0) problems.push('resources.cpu_seconds must be a positive number');
  if (typeof mem !== 'number' || mem <= 0) problems.push('resources.memory_mb must be a positive number');
  if (problems.length) throw new Error(`invalid seer.toml: ${problems.join('; ')}`);
  const params = t.params;
  return {
    name,
    version,
    entrypoint,
    interval: interval as Interval,
    horizon,
    target: target as Target,
    symbols: symbols as string[],
    lookback: lookback as number,
    resources: { cpu_seconds: cpu as number, memory_mb: mem as number },
    ...(params && typeof params === 'object' && !Array.isArray(params)
      ? { params: params as Record<string, unknown> }
      : {}),
  };
}

export function readManifest(packageDir: string): ReturnType<typeof parseManifest> {
  return parseManifest(readFileSync(join(packageDir, 'seer.toml'), 'utf8'));
}
