import { createApiContext } from '@seer/api/bootstrap';
import type { Command } from '../cli';
import { loadConfigOrExit, onShutdown, openDatabase } from '../runtime';

export const apiCommand: Command = {
  path: ['api'],
  summary: 'Serve the HTTP API (migrations must already be applied; see "seerd migrate").',
  usage: '',
  options: {},
  async run({ io }) {
    const config = loadConfigOrExit(io);
    const db = await openDatabase(config, { migrate: false });
    const api = await createApiContext({ config, db });
    await api.app.listen({ port: config.port, host: config.host });
    return onShutdown([() => api.close(), () => db.close()], io);
  },
};
