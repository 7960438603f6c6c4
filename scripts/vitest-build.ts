/**
 * Vitest global setup: bring dist/seerd up to date once, before any test file spawns bin/seerd
 * (bin/seerd would rebuild a stale build by itself too, but test files starting at once would
 * each pay for it). `bin/seerd --help` runs the same staleness check as every start.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export default function setup(): void {
  execFileSync(path.resolve(__dirname, '../bin/seerd'), ['--help'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
