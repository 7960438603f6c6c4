/**
 * Runs a seerd command line in this process (the tests' way to call the CLI): the real command
 * table and argument parsing, with stdout, stderr and the exit code captured.
 */
import { Readable } from 'node:stream';
import { runCli } from '../cli';
import { COMMANDS } from './index';

export async function runSeerdInProcess(
  args: string[],
  env: Record<string, string>,
  stdin = '',
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(COMMANDS, args, {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
    stdin: Readable.from([stdin]),
    env,
  });
  return { code, stdout, stderr };
}
