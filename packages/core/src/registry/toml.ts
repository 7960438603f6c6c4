/**
 * The one TOML reader of the codebase (seer.toml is all it reads): a strict subset, pure.
 */
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
