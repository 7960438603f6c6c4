/**
 * `seerd users create`: how an operator makes the first admin (admins cannot self-register).
 * The password comes from stdin only, never from argv, where `ps` and shell history would see it.
 */
import { createAccountsOnly, isRole, type Role } from '@seer/core/accounts';
import { isAppError } from '@seer/core/errors';
import { type Command, UsageError } from '../cli';
import { loadConfigOrExit, openDatabase } from '../runtime';

const MAX_STDIN_BYTES = 4096;

export async function readPassword(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > MAX_STDIN_BYTES) throw new UsageError('the password on stdin is longer than 4096 bytes');
    chunks.push(buf);
  }
  // Strip exactly one trailing newline (what `echo` or a heredoc adds); other whitespace is kept.
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export const usersCreateCommand: Command = {
  path: ['users', 'create'],
  summary:
    'Create a user with any roles (including admin), reading the password from stdin; prints the user id.',
  usage: '--email <email> --roles admin[,developer,subscriber] --password-stdin [--display-name <name>]',
  options: {
    email: { type: 'string' },
    roles: { type: 'string' },
    'password-stdin': { type: 'boolean' },
    'display-name': { type: 'string' },
  },
  async run({ values, io }) {
    const email = values.email;
    if (typeof email !== 'string' || email.trim() === '') throw new UsageError('--email is required');
    if (typeof values.roles !== 'string') throw new UsageError('--roles is required, e.g. --roles admin');
    const requested = values.roles
      .split(',')
      .map((r) => r.trim())
      .filter(Boolean);
    const unknown = requested.filter((r) => !isRole(r));
    if (requested.length === 0 || unknown.length > 0) {
      throw new UsageError(
        `--roles must list developer, subscriber and/or admin${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}`,
      );
    }
    if (values['password-stdin'] !== true) {
      throw new UsageError(
        '--password-stdin is required: pipe the password in, never put it on the command line',
      );
    }
    const password = await readPassword(io.stdin);
    if (password === '') throw new UsageError('no password on stdin');

    const config = loadConfigOrExit(io);
    const db = await openDatabase(config, { migrate: true, log: (s) => io.stderr(`seerd: ${s}\n`) });
    try {
      const accounts = await createAccountsOnly({ config, db, clock: () => new Date() });
      const displayName = values['display-name'];
      const user = await accounts.createUser({
        email,
        password,
        roles: requested as Role[],
        ...(typeof displayName === 'string' ? { displayName } : {}),
        meta: { ip: null, userAgent: 'seerd users create' },
      });
      io.stdout(`${user.id}\n`);
      io.stderr(`seerd: created ${user.email} with roles ${user.roles.join(', ')}\n`);
      return 0;
    } catch (err) {
      if (isAppError(err) && err.status < 500) {
        const details = (err.errors ?? [])
          .map((e) => `\n  ${e.field.replace(/^\//, '')}: ${e.message}`)
          .join('');
        io.stderr(`seerd users create: ${err.code}: ${err.detail}${details}\n`);
        return 1;
      }
      throw err;
    } finally {
      await db.close();
    }
  },
};
