#!/usr/bin/env node
import { runCli } from './cli';
import { COMMANDS } from './commands/index';
import { exitOnSignalsUntilReady } from './runtime';

exitOnSignalsUntilReady();

try {
  process.exitCode = await runCli(COMMANDS, process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    stdin: process.stdin,
    env: process.env,
  });
} catch (err) {
  // Operators get one clear line; the stack only when they ask for it.
  const e = err as Error;
  process.stderr.write(`seerd: ${e.message}\n`);
  if (process.env.LOG_LEVEL === 'debug' || process.env.LOG_LEVEL === 'trace')
    process.stderr.write(`${e.stack}\n`);
  // Exit now: a half-started command may hold open handles (database, timers) that would keep
  // the process alive after a start-up failure.
  process.exit(1);
}
