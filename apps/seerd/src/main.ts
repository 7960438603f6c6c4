#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { answerHelp, type Command, type CommandInfo, type CommandIo, runCli } from './cli';
import { exitOnSignalsUntilReady } from './runtime';

exitOnSignalsUntilReady();

const argv = process.argv.slice(2);
const io: CommandIo = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  stdin: process.stdin,
  env: process.env,
};

/** A row of the command table that scripts/build.mjs stores beside the bundle. */
interface BuiltCommand extends CommandInfo {
  /** The built module defining the command, relative to this file, and its export. */
  module: string;
  exportName: string;
  index?: number;
}

/**
 * Built (scripts/build.mjs), seerd answers help from the command table without loading any
 * command, and loads only the module of the command it runs, so `seerd migrate` never loads
 * fastify or BullMQ. Run from the TypeScript sources there is no table and every command loads.
 */
function builtCommandTable(): BuiltCommand[] | undefined {
  try {
    return JSON.parse(readFileSync(new URL('./commands.json', import.meta.url), 'utf8')) as BuiltCommand[];
  } catch {
    return undefined;
  }
}

async function commandsFor(table: BuiltCommand[] | undefined): Promise<Command[]> {
  if (!table) return (await import('./commands/index')).COMMANDS;
  const row = [...table]
    .sort((a, b) => b.path.length - a.path.length)
    .find((c) => c.path.every((w, i) => argv[i] === w));
  if (!row) return [];
  const mod = (await import(new URL(row.module, import.meta.url).href)) as Record<string, unknown>;
  const value = mod[row.exportName];
  return [(row.index === undefined ? value : (value as unknown[])[row.index]) as Command];
}

const table = builtCommandTable();
const help = table ? answerHelp(table, argv) : undefined;
if (help) {
  if (help.stdout) io.stdout(help.stdout);
  if (help.stderr) io.stderr(help.stderr);
  process.exitCode = help.code;
} else {
  try {
    process.exitCode = await runCli(await commandsFor(table), argv, io);
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
}
