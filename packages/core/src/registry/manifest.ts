/**
 * The one definition of seer.toml: its type, its rules and (through ./toml.ts) its syntax. The
 * registry validates with every database fact at publish time (every bad field at once, with a
 * JSON pointer); the sandbox, the worker and `seerd sandbox-run` use `parseManifest` below, the
 * same rules without the database facts. Pure: files and facts arrive as arguments.
 */
import type { FieldError } from '../errors';
import { INTERVALS, type Interval } from '../market/intervals';
import type { JsonValue } from './canonical-json';
import { compareVersionStrings, MAX_VERSION_LENGTH, parseSemver } from './semver';
import { parseTomlSubset, type TomlValue } from './toml';

/** The interval type is defined once, in the market domain; re-exported for manifest readers. */
export { INTERVALS, type Interval };
export type Target = 'return' | 'direction' | 'price';

export const TARGETS: readonly Target[] = ['return', 'direction', 'price'];
export const INTERVAL_HOURS: Record<Interval, number> = { '1h': 1, '4h': 4, '1d': 24 };

/** What running a version needs: the part of the manifest the sandbox sees. */
export interface RunManifest {
  entrypoint: string;
  interval: Interval;
  horizon: string;
  target: Target;
  symbols: string[];
  lookback: number;
  resources: { cpu_seconds: number; memory_mb: number };
  params?: { [k: string]: JsonValue };
}

/** The normalized manifest: what is stored, signed, and handed (as a RunManifest) to the sandbox. */
export interface RegistryManifest extends RunManifest {
  name: string;
  version: string;
  description?: string;
}

export interface ManifestCaps {
  maxLookback: number;
  maxSymbols: number;
  maxCpuSeconds: number;
  maxMemoryMb: number;
  minMemoryMb: number;
  maxHorizonHours: number;
}

/** Platform ceilings of manifest values (the sandbox's DEFAULT_CAPS take theirs from here). */
export const MANIFEST_CAPS: ManifestCaps = {
  maxLookback: 10_000,
  maxSymbols: 100,
  maxCpuSeconds: 60,
  maxMemoryMb: 2048,
  minMemoryMb: 64,
  maxHorizonHours: 90 * 24,
};

export interface ManifestContext {
  caps: ManifestCaps;
  /** Every version the model already has, in any status. */
  existingVersions: readonly string[];
  /** Symbols of the instruments table; omitted: any well-formed symbol (no database at hand). */
  knownSymbols?: ReadonlySet<string>;
  /**
   * Text of a package file (paths relative to the package root, `/`-separated), or undefined.
   * Omitted: the entrypoint file is not checked (only the manifest text is at hand).
   */
  readText?(path: string): string | undefined;
}

export const DEFAULT_RESOURCES = { cpu_seconds: 10, memory_mb: 512 } as const;

const ALLOWED_KEYS = new Set([
  'name',
  'version',
  'description',
  'entrypoint',
  'interval',
  'horizon',
  'target',
  'symbols',
  'lookback',
  'resources',
  'params',
]);
const RESOURCE_KEYS = new Set(['cpu_seconds', 'memory_mb']);
// Same grammar as the sandbox's parser and the instruments.symbol CHECK.
const ENTRYPOINT = /^[A-Za-z_][\w.]*(:[A-Za-z_]\w*)?$/;
const SYMBOL = /^[A-Z0-9][A-Z0-9._-]{0,31}$/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const HORIZON = /^([1-9]\d{0,4})([hd])$/;

export type ManifestResult =
  | { ok: true; manifest: RegistryManifest; entrypointFile: string }
  | { ok: false; errors: FieldError[] };

/** Hours of a horizon such as `1h`, `24h`, `2d`; undefined when malformed. */
export function horizonHours(horizon: string): number | undefined {
  const m = HORIZON.exec(horizon);
  if (!m) return undefined;
  return Number(m[1]) * (m[2] === 'd' ? 24 : 1);
}

/** Candidate files of a Python module path: `pkg.mod` -> pkg/mod.py or pkg/mod/__init__.py. */
export function moduleFiles(module: string): string[] {
  const base = module.split('.').join('/');
  return [`${base}.py`, `${base}/__init__.py`];
}

export function validateManifestText(text: string, ctx: ManifestContext): ManifestResult {
  let raw: Record<string, TomlValue>;
  try {
    raw = parseTomlSubset(text);
  } catch (err) {
    return {
      ok: false,
      errors: [{ field: '/', message: `seer.toml is not valid TOML: ${(err as Error).message}` }],
    };
  }
  return validateManifest(raw, ctx);
}

export function validateManifest(raw: Record<string, TomlValue>, ctx: ManifestContext): ManifestResult {
  const errors: FieldError[] = [];
  const bad = (field: string, message: string) => errors.push({ field, message });
  const { caps } = ctx;

  for (const key of Object.keys(raw)) {
    if (!ALLOWED_KEYS.has(key)) bad(`/${key}`, 'is not a known seer.toml field');
  }
  const str = (key: string): string | undefined => {
    const v = raw[key];
    if (v === undefined) {
      bad(`/${key}`, 'is required');
      return undefined;
    }
    if (typeof v !== 'string') {
      bad(`/${key}`, 'must be a string');
      return undefined;
    }
    return v;
  };

  const name = str('name');
  if (name !== undefined && !NAME.test(name))
    bad('/name', 'must be 1-100 letters, digits, dots, dashes or underscores');

  let description: string | undefined;
  if (raw.description !== undefined) {
    if (typeof raw.description !== 'string') bad('/description', 'must be a string');
    else if (raw.description.length > 5000) bad('/description', 'must be at most 5000 characters');
    else description = raw.description;
  }

  const version = str('version');
  if (version !== undefined) {
    if (version.length > MAX_VERSION_LENGTH)
      bad('/version', `must be at most ${MAX_VERSION_LENGTH} characters`);
    else if (version.includes('+'))
      bad('/version', 'must not carry build metadata (+...): it does not order versions');
    else if (!parseSemver(version)) bad('/version', 'must be a semantic version such as 1.2.0');
    else {
      const newer = ctx.existingVersions.filter(
        (v) => parseSemver(v) && compareVersionStrings(v, version) >= 0,
      );
      if (newer.length > 0) {
        const top = newer.sort(compareVersionStrings).at(-1)!;
        bad('/version', `must be greater than every existing version of the model (latest is ${top})`);
      }
    }
  }

  const entrypoint = str('entrypoint');
  let entrypointFile: string | undefined;
  if (entrypoint !== undefined) {
    if (!ENTRYPOINT.test(entrypoint))
      bad('/entrypoint', 'must look like module:function, e.g. model:predict');
    else {
      const [module, fn = 'predict'] = entrypoint.split(':') as [string, string | undefined];
      const readText = ctx.readText;
      const file = readText ? moduleFiles(module).find((f) => readText(f) !== undefined) : undefined;
      if (!readText) entrypointFile = moduleFiles(module)[0]!;
      else if (!file)
        bad('/entrypoint', `module ${module} not found in the package (expected ${moduleFiles(module)[0]})`);
      else {
        entrypointFile = file;
        const src = readText(file)!;
        if (!new RegExp(`^def\\s+${fn}\\s*\\(`, 'm').test(src))
          bad('/entrypoint', `${file} has no top-level \`def ${fn}(\``);
      }
    }
  }

  const interval = str('interval');
  if (interval !== undefined && !(INTERVALS as readonly string[]).includes(interval))
    bad('/interval', `must be one of ${INTERVALS.join(', ')}`);

  const horizon = str('horizon');
  if (horizon !== undefined) {
    const hours = horizonHours(horizon);
    if (hours === undefined) bad('/horizon', 'must be a duration such as 1h, 4h or 1d');
    else if (hours > caps.maxHorizonHours) bad('/horizon', `must be at most ${caps.maxHorizonHours}h`);
    else if (interval !== undefined && interval in INTERVAL_HOURS) {
      const step = INTERVAL_HOURS[interval as Interval];
      if (hours % step !== 0) bad('/horizon', `must be a multiple of the interval (${interval})`);
    }
  }

  const target = str('target');
  if (target !== undefined && !(TARGETS as readonly string[]).includes(target))
    bad('/target', `must be one of ${TARGETS.join(', ')}`);

  const symbols: string[] = [];
  if (raw.symbols === undefined) bad('/symbols', 'is required');
  else if (!Array.isArray(raw.symbols)) bad('/symbols', 'must be a list of instrument symbols');
  else if (raw.symbols.length === 0) bad('/symbols', 'must list at least one symbol');
  else if (raw.symbols.length > caps.maxSymbols)
    bad('/symbols', `must list at most ${caps.maxSymbols} symbols`);
  else {
    raw.symbols.forEach((s, i) => {
      if (typeof s !== 'string' || !SYMBOL.test(s))
        bad(`/symbols/${i}`, 'must be an instrument symbol such as USDCHF');
      else if (symbols.includes(s)) bad(`/symbols/${i}`, `${s} is listed twice`);
      else if (ctx.knownSymbols && !ctx.knownSymbols.has(s))
        bad(`/symbols/${i}`, `${s} is not an instrument this platform has data for`);
      else symbols.push(s);
    });
  }

  const lookback = raw.lookback;
  if (lookback === undefined) bad('/lookback', 'is required');
  else if (typeof lookback !== 'number' || !Number.isInteger(lookback) || lookback < 1)
    bad('/lookback', 'must be a positive integer (bars per symbol)');
  else if (lookback > caps.maxLookback) bad('/lookback', `must be at most ${caps.maxLookback}`);

  const resources = { ...DEFAULT_RESOURCES } as { cpu_seconds: number; memory_mb: number };
  if (raw.resources !== undefined) {
    const r = raw.resources;
    if (typeof r !== 'object' || Array.isArray(r)) bad('/resources', 'must be a table');
    else {
      for (const key of Object.keys(r)) {
        if (!RESOURCE_KEYS.has(key)) bad(`/resources/${key}`, 'is not a known resource');
      }
      if (r.cpu_seconds !== undefined) {
        const v = r.cpu_seconds;
        if (typeof v !== 'number' || !(v > 0)) bad('/resources/cpu_seconds', 'must be a positive number');
        else if (v > caps.maxCpuSeconds)
          bad('/resources/cpu_seconds', `must be at most ${caps.maxCpuSeconds}`);
        else resources.cpu_seconds = v;
      }
      if (r.memory_mb !== undefined) {
        const v = r.memory_mb;
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
          bad('/resources/memory_mb', 'must be a positive integer');
        else if (v < caps.minMemoryMb || v > caps.maxMemoryMb)
          bad('/resources/memory_mb', `must be between ${caps.minMemoryMb} and ${caps.maxMemoryMb}`);
        else resources.memory_mb = v;
      }
    }
  }

  let params: { [k: string]: JsonValue } | undefined;
  if (raw.params !== undefined) {
    if (typeof raw.params !== 'object' || Array.isArray(raw.params)) bad('/params', 'must be a table');
    else params = raw.params as { [k: string]: JsonValue };
  }

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    entrypointFile: entrypointFile!,
    manifest: {
      name: name!,
      version: version!,
      ...(description !== undefined ? { description } : {}),
      entrypoint: entrypoint!,
      interval: interval as Interval,
      horizon: horizon!,
      target: target as Target,
      symbols,
      lookback: lookback as number,
      resources,
      ...(params !== undefined ? { params } : {}),
    },
  };
}

/**
 * seer.toml as every runner reads it: the publish rules with the platform caps and without the
 * database facts (versions, known instruments). Throws one Error naming every bad field.
 */
export function parseManifest(
  text: string,
  readText?: (path: string) => string | undefined,
): RegistryManifest {
  const r = validateManifestText(text, {
    caps: MANIFEST_CAPS,
    existingVersions: [],
    ...(readText ? { readText } : {}),
  });
  if (r.ok) return r.manifest;
  const problems = r.errors.map(
    (e) => `${e.field.slice(1).replaceAll('/', '.') || 'seer.toml'} ${e.message}`,
  );
  throw new Error(`invalid seer.toml: ${problems.join('; ')}`);
}
