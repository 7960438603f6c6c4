import type { Command } from '../cli';
import { allCommand } from './all';
import { apiCommand } from './api';
import { ingestCommands } from './ingest';
import { migrateCommand } from './migrate';
import { sandboxRunCmd } from './sandbox-run';
import { usersCreateCommand } from './users';

/** Every seerd subcommand; later features add theirs here. */
export const COMMANDS: Command[] = [
  allCommand,
  apiCommand,
  migrateCommand,
  sandboxRunCmd,
  ...ingestCommands,
  usersCreateCommand,
];
