import type { Command } from '../cli';
import { loadConfigOrExit, openOwnerDatabase } from '../runtime';

export const migrateCommand: Command = {
  path: ['migrate'],
  summary:
    'Apply pending database migrations (forward-only) and exit; as MIGRATION_DATABASE_URL (the schema owner) when set.',
  usage: '',
  options: {},
  async run({ io }) {
    const config = loadConfigOrExit(io);
    const db = await openOwnerDatabase(config);
    try {
      const { migrate } = await import('@seer/core/db');
      const res = await migrate(db, { log: (s) => io.stdout(`${s}\n`) });
      io.stdout(
        `database (${db.driver}) is up to date: ${res.applied.length} applied, ${res.alreadyApplied} already applied\n`,
      );
      return 0;
    } finally {
      await db.close();
    }
  },
};
