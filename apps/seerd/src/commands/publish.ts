/**
 * `seerd publish DIR --owner EMAIL [--slug SLUG] [--deploy]`: publish (and optionally deploy) a
 * package folder as a user, through the same path as an HTTP upload. For operators and demos.
 */
import path from 'node:path';
import { createUsersRepo } from '@seer/core/accounts';
import { isAppError } from '@seer/core/errors';
import { createRegistry, createVersionsRepo, publishPackageDir, type Registry } from '@seer/core/registry';
import { createSandboxDeployGate } from '@seer/worker/deploy-gate';
import { type Command, UsageError } from '../cli';
import { loadConfigOrExit, openDatabase } from '../runtime';

export const publishCommand: Command = {
  path: ['publish'],
  summary:
    'Publish a model package folder as a user (creating the model if needed); --deploy also runs the deploy check here (the real sandbox) and deploys it.',
  usage: 'PACKAGE_DIR --owner <email> [--slug <slug>] [--deploy]',
  allowPositionals: true,
  options: {
    owner: { type: 'string' },
    slug: { type: 'string' },
    deploy: { type: 'boolean' },
  },
  async run({ values, positionals, io }) {
    const dir = positionals[0];
    if (!dir || positionals.length > 1) throw new UsageError('give exactly one PACKAGE_DIR');
    if (typeof values.owner !== 'string') throw new UsageError('--owner <email> is required');
    const config = loadConfigOrExit(io);
    const db = await openDatabase(config, { migrate: true, log: (s) => io.stderr(`seerd: ${s}\n`) });
    try {
      const user = await createUsersRepo(db.kysely).findByEmail(values.owner.trim().toLowerCase());
      if (!user || user.disabled_at) {
        io.stderr(`seerd publish: no active user ${values.owner}\n`);
        return 1;
      }
      // --deploy runs the deploy check in this process (an operator command, like sandbox-run),
      // through the same claimed deploy_checks row a worker would use: a cold sandbox per check.
      const registry: Registry = await createRegistry({
        config,
        db,
        clock: () => new Date(),
        deployGate: (c) =>
          createSandboxDeployGate({
            db,
            versionsRepo: createVersionsRepo(db),
            openVersionPackage: (id) => registry.versions.openVersionPackage(id),
            sandboxOptions: { caps: { maxPackageBytes: config.packageMaxUnpackedBytes } },
          })(c),
      });
      const { model, version } = await publishPackageDir(registry, {
        actor: { userId: user.id, roles: user.roles },
        dir: path.resolve(dir),
        ...(typeof values.slug === 'string' ? { slug: values.slug } : {}),
        deploy: values.deploy === true,
      });
      io.stdout(
        `${JSON.stringify({ model: model.slug, version: version.version, status: version.status, digest: version.digest })}\n`,
      );
      return 0;
    } catch (err) {
      if (isAppError(err) && err.status < 500) {
        const details = (err.errors ?? []).map((e) => `\n  ${e.field}: ${e.message}`).join('');
        io.stderr(`seerd publish: ${err.code}: ${err.detail}${details}\n`);
        return 1;
      }
      throw err;
    } finally {
      await db.close();
    }
  },
};
