/**
 * A tiny subcommand framework: each command declares its options (node:util parseArgs) and a
 * help text, so `seerd <cmd> --help` is always accurate.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';

export interface CommandIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  stdin: NodeJS.ReadableStream;
  env: Record<string, string | undefined>;
}

export interface Command {
  /** Words that select the command, e.g. ['users', 'create']. */
  path: string[];
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  allowPositionals?: boolean;
  /** Returns the process exit code; long-running commands resolve when they shut down. */
  run(args: {
    values: Record<string, string | boolean | undefined>;
    positionals: string[];
    io: CommandIo;
  }): Promise<number>;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

/** What help needs to know about a command (bin/seerd answers help from a table of these). */
export type CommandInfo = Omit<Command, 'run'>;

export interface HelpAnswer {
  code: number;
  stdout?: string;
  stderr?: string;
}

function findCommand<C extends CommandInfo>(commands: C[], argv: string[]): C | undefined {
  const sorted = [...commands].sort((a, b) => b.path.length - a.path.length);
  return sorted.find((c) => c.path.every((w, i) => argv[i] === w));
}

/**
 * The answer when argv asks for help or names no command; undefined when a command should run.
 * Needs only the commands' descriptions, so the built seerd answers `--help` without loading them.
 */
export function answerHelp(commands: CommandInfo[], argv: string[]): HelpAnswer | undefined {
  const cmd = findCommand(commands, argv);
  if (!cmd) {
    const wantsHelp = argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help';
    const text = topHelp(commands, wantsHelp ? undefined : argv.join(' '));
    return wantsHelp ? { code: 0, stdout: text } : { code: 2, stderr: text };
  }
  const rest = argv.slice(cmd.path.length);
  if (rest.includes('--help') || rest.includes('-h')) return { code: 0, stdout: commandHelp(cmd) };
  return undefined;
}

export async function runCli(commands: Command[], argv: string[], io: CommandIo): Promise<number> {
  const help = answerHelp(commands, argv);
  if (help) {
    if (help.stdout) io.stdout(help.stdout);
    if (help.stderr) io.stderr(help.stderr);
    return help.code;
  }
  const cmd = findCommand(commands, argv)!;
  const rest = argv.slice(cmd.path.length);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      options: cmd.options,
      allowPositionals: cmd.allowPositionals ?? false,
      strict: true,
    });
  } catch (err) {
    io.stderr(`seerd ${cmd.path.join(' ')}: ${(err as Error).message}\n\n${commandHelp(cmd)}`);
    return 2;
  }
  try {
    return await cmd.run({
      values: parsed.values as Record<string, string | boolean | undefined>,
      positionals: parsed.positionals,
      io,
    });
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`seerd ${cmd.path.join(' ')}: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

function topHelp(commands: CommandInfo[], unknown?: string): string {
  const width = Math.max(...commands.map((c) => c.path.join(' ').length));
  const lines = commands.map((c) => `  ${c.path.join(' ').padEnd(width)}  ${c.summary}`);
  return `${unknown ? `seerd: unknown command "${unknown}"\n\n` : ''}seerd: the Seer platform command

Usage: seerd <command> [options]

Commands:
${lines.join('\n')}

Run "seerd <command> --help" for the options of a command.
Configuration comes from environment variables (docs/CONFIGURATION.md).
`;
}

function commandHelp(cmd: CommandInfo): string {
  const opts = Object.entries(cmd.options).map(([name, o]) => {
    const flag = `--${name}${o.type === 'string' ? ' <value>' : ''}${o.short ? `, -${o.short}` : ''}`;
    return `  ${flag}`;
  });
  return `Usage: seerd ${cmd.path.join(' ')} ${cmd.usage}\n\n${cmd.summary}\n${opts.length ? `\nOptions:\n${opts.join('\n')}\n  --help\n` : '\nOptions:\n  --help\n'}`;
}
