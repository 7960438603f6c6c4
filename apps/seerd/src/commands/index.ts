import type { Command } from '../cli';
import { allCommand } from './all';
import { apiCommand } from './api';
import { dbCommands } from './db';
import { dbCreateLoginCommand } from './db-login';
import { demoCommand } from './demo';
import { ingestCommands } from './ingest';
import { keysCommands } from './keys';
import { migrateCommand } from './migrate';
import { publishCommand } from './publish';
import { sandboxRunCmd } from './sandbox-run';
import { schedulerCommand } from './scheduler';
import { usersCreateCommand } from './users';
import { workerCommand, workerQueueCommand, workerRetryCommand } from './worker';

/** Every seerd subcommand; later features add theirs here. */
export const COMMANDS: Command[] = [
  allCommand,
  demoCommand,
  apiCommand,
  migrateCommand,
  sandboxRunCmd,
  ...ingestCommands,
  usersCreateCommand,
  workerCommand,
  workerQueueCommand,
  workerRetryCommand,
  schedulerCommand,
  publishCommand,
  ...dbCommands,
  dbCreateLoginCommand,
  ...keysCommands,
];
