#!/usr/bin/env node
import { runCli } from './cli';
import { COMMANDS } from './commands/index';

const code = await runCli(COMMANDS, process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  stdin: process.stdin,
  env: process.env,
});
process.exitCode = code;
