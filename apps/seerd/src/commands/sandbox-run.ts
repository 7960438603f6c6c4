import { createSqlBarSource, sandboxRunCommand } from '@seer/sandbox';
import type { Command } from '../cli';
import { UsageError } from '../cli';
import { loadConfigOrExit, openDatabase } from '../runtime';

export const sandboxRunCmd: Command = {
  path: ['sandbox-run'],
  summary:
    'Run a model package (directory or .tar.gz) once in the real sandbox against the configured database and print one JSON result.',
  usage: 'PACKAGE_DIR_OR_TGZ --as-of TS [--mode live|backtest] [--strategy cold|fork]',
  options: {
    'as-of': { type: 'string' },
    mode: { type: 'string' },
    strategy: { type: 'string' },
  },
  allowPositionals: true,
  async run({ values, positionals, io }) {
    const [pkg, ...extra] = positionals;
    if (!pkg || extra.length > 0) throw new UsageError('expected exactly one PACKAGE_DIR_OR_TGZ');
    const asOf = values['as-of'];
    if (typeof asOf !== 'string')
      throw new UsageError('--as-of is required (ISO 8601 UTC, e.g. 2001-03-01T12:00:00Z)');
    const mode = values.mode ?? 'live';
    if (mode !== 'live' && mode !== 'backtest') throw new UsageError('--mode must be live or backtest');
    const strategy = values.strategy ?? 'cold';
    if (strategy !== 'cold' && strategy !== 'fork') throw new UsageError('--strategy must be cold or fork');
    const config = loadConfigOrExit(io);
    const db = await openDatabase(config, { migrate: false });
    try {
      // The broker reads through the seer_model_reader role only, as in hosted runs.
      const out = await sandboxRunCommand(
        { package: pkg, asOf, mode, strategy },
        {
          source: createSqlBarSource((text, params) => db.modelReaderQuery(text, params)),
          sandboxOptions: { uidRange: config.sandboxUidRange },
        },
      );
      io.stdout(`${JSON.stringify(out.json, null, 2)}\n`);
      return out.exitCode;
    } finally {
      await db.close();
    }
  },
};
