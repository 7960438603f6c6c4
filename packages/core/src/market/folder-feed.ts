/**
 * A feed that reads a folder where CSV files are dropped: `<SYMBOL>_<interval>[anything].csv`
 * in the exchange format, e.g. `USDCHF_1h_2024-06-01.csv`. Each processed file moves to `done/`
 * (with `<file>.rejected.json` beside it when some rows were refused); a file that cannot be
 * read at all (bad name, bad header, unknown symbol) moves to `failed/` with `<file>.error.json`.
 * A transient failure (database down) leaves the file in place for the next poll.
 * Writers should create files under a dot-name or another extension and rename them into place,
 * so a half-written file is never picked up.
 */
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isAppError } from '../errors';
import type { Feed, FeedPollResult } from './feed';
import { emptyPollResult } from './feed';
import type { Interval } from './intervals';
import { SYMBOL_PATTERN } from './market.schemas';
import type { MarketService } from './market.service';

const FILE_RE = /^(.+?)_(1h|4h|1d)(?:[._-].*)?\.csv$/i;
const SYMBOL_RE = new RegExp(SYMBOL_PATTERN);

/** Reads `<SYMBOL>_<interval>...csv`; undefined when the name does not follow the convention. */
export function parseFeedFileName(name: string): { symbol: string; interval: Interval } | undefined {
  const m = FILE_RE.exec(name);
  if (!m) return undefined;
  const symbol = (m[1] ?? '').toUpperCase();
  if (!SYMBOL_RE.test(symbol)) return undefined;
  return { symbol, interval: (m[2] ?? '').toLowerCase() as Interval };
}

export interface FolderFeedOptions {
  dir: string;
  market: Pick<MarketService, 'importCsv'>;
  /** Files larger than this are set aside rather than read into memory. */
  maxFileBytes?: number;
  now?: () => Date;
}

export function createFolderFeed(opts: FolderFeedOptions): Feed {
  const doneDir = path.join(opts.dir, 'done');
  const failedDir = path.join(opts.dir, 'failed');
  const maxBytes = opts.maxFileBytes ?? 256 * 1024 * 1024;
  const now = opts.now ?? (() => new Date());

  async function setAside(folder: string, name: string, suffix: string, report: unknown): Promise<string> {
    await mkdir(folder, { recursive: true });
    const target = await freeName(folder, name);
    await rename(path.join(opts.dir, name), path.join(folder, target));
    if (report !== undefined) {
      await writeFile(path.join(folder, `${target}${suffix}`), `${JSON.stringify(report, null, 2)}\n`);
    }
    return target;
  }

  return {
    name: `folder:${opts.dir}`,
    async poll(): Promise<FeedPollResult> {
      const result = emptyPollResult();
      const entries = await readdir(opts.dir, { withFileTypes: true });
      const files = entries
        .filter((e) => e.isFile() && !e.name.startsWith('.') && e.name.toLowerCase().endsWith('.csv'))
        .map((e) => e.name)
        .sort();
      for (const name of files) {
        const target = parseFeedFileName(name);
        if (!target) {
          const detail = `file name must be <SYMBOL>_<interval>[suffix].csv with interval 1h, 4h or 1d, got "${name}"`;
          await setAside(failedDir, name, '.error.json', { file: name, code: 'bad_file_name', detail });
          result.errors.push({ source: name, code: 'bad_file_name', detail });
          continue;
        }
        try {
          const size = (await stat(path.join(opts.dir, name))).size;
          if (size > maxBytes) {
            const detail = `file is ${size} bytes, more than the ${maxBytes} this feed reads; split it`;
            await setAside(failedDir, name, '.error.json', { file: name, code: 'file_too_large', detail });
            result.errors.push({ source: name, code: 'file_too_large', detail });
            continue;
          }
          const csv = await readFile(path.join(opts.dir, name), 'utf8');
          const report = await opts.market.importCsv({ ...target, csv });
          const rejected =
            report.rejectedTotal > 0
              ? { file: name, processedAt: now().toISOString(), ...report }
              : undefined;
          await setAside(doneDir, name, '.rejected.json', rejected);
          result.appended += report.inserted;
          result.reports.push(report);
        } catch (err) {
          if (!isAppError(err)) {
            // Transient (database, file system): leave the file for the next poll.
            result.errors.push({ source: name, code: 'retry_later', detail: (err as Error).message });
            continue;
          }
          await setAside(failedDir, name, '.error.json', { file: name, code: err.code, detail: err.detail });
          result.errors.push({ source: name, code: err.code, detail: err.detail });
        }
      }
      return result;
    },
  };
}

/** `name` if free in folder, else `name` with `.1`, `.2`... before the extension. */
async function freeName(folder: string, name: string): Promise<string> {
  const existing = new Set(await readdir(folder));
  if (!existing.has(name)) return name;
  const ext = path.extname(name);
  const base = name.slice(0, name.length - ext.length);
  for (let i = 1; ; i++) {
    const candidate = `${base}.${i}${ext}`;
    if (!existing.has(candidate)) return candidate;
  }
}
