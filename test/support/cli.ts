// Runs the `convene` CLI in-process against an open test database (its close() is a no-op, so
// the database outlives each run), with a fixed clock; returns the exit code and what it printed.
import { runCli } from '../../src/cli.js';
import type { Config } from '../../src/config.js';
import type { Database } from '../../src/db/client.js';

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

export function cliRunner(db: () => Database, config: Config, now: () => Date): (...argv: string[]) => Promise<CliResult> {
  return async (...argv) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, config, { out: (l) => out.push(l), err: (l) => err.push(l) }, {
      openDatabase: async () => ({ ...db(), close: async () => {} }),
      clock: now,
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
}
