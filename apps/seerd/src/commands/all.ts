import { createApiContext } from '@seer/api/bootstrap';
import type { Command } from '../cli';
import { loadConfigOrExit, onShutdown, openDatabase } from '../runtime';

export const allCommand: Command = {
  path: ['all'],
  summary:
    'Run every part of Seer in one process (the embedded default): migrate, API, scheduler and worker.',
  usage: '',
  options: {},
  async run({ io }) {
    const config = loadConfigOrExit(io);
    const db = await openDatabase(config, { migrate: true, log: (s) => io.stderr(`seerd: ${s}\n`) });
    const api = await createApiContext({ config, db });
    await api.app.listen({ port: config.port, host: config.host });
    io.stderr(
      `seerd: Seer is running at ${config.publicUrl} (database: ${db.driver}, API docs: ${config.publicUrl}/docs)\n`,
    );
    return onShutdown([() => api.close(), () => db.close()], io);
  },
};
