// `convene export igweek --year <year> --format csv|ics [--out file]`: the program as a file.
import { writeFile } from 'node:fs/promises';
import type { Database } from '../../db/client.js';
import type { Clock } from '../../lib/time.js';
import { EXPORT_FORMATS, type ExportFormat, exportProgram } from './export.js';
import { comingYearAt, parseYear, program } from './service.js';

export const IGWEEK_EXPORT_USAGE = `  export igweek [--year <year>] --format csv|ics [--out <file>]
                                 the IG Week program (default: the coming one) as CSV or iCalendar`;

export interface ExportCliDeps {
  withDb<T>(fn: (db: Database) => Promise<T>): Promise<T>;
  clock: Clock;
}

/** A usage or input problem (exit code 2). */
class Refusal extends Error {}

function parseArgs(args: string[]) {
  const [what, ...flags] = args;
  if (what !== 'igweek') throw new Refusal(`convene export needs "igweek":\n${IGWEEK_EXPORT_USAGE}`);
  const opts: Record<string, string> = {};
  for (let i = 0; i < flags.length; i++) {
    const [flag, inline] = flags[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = inline ?? flags[++i];
    if (!['--year', '--format', '--out'].includes(flag)) throw new Refusal(`unknown option "${flag}":\n${IGWEEK_EXPORT_USAGE}`);
    if (value === undefined || value === '') throw new Refusal(`${flag} needs a value`);
    opts[flag.slice(2)] = value;
  }
  const year = opts.year === undefined ? undefined : parseYear(opts.year);
  if (opts.year !== undefined && year === undefined) throw new Refusal(`--year "${opts.year}" is not a year between 2000 and 2100`);
  const format = opts.format as ExportFormat | undefined;
  if (!format || !EXPORT_FORMATS.includes(format)) throw new Refusal(`--format must be ${EXPORT_FORMATS.join(' or ')}${opts.format ? ` (not "${opts.format}")` : ''}`);
  return { year, format, out: opts.out };
}

export async function exportCommand(args: string[], io: { out(line: string): void; err(line: string): void }, deps: ExportCliDeps): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs(args);
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    io.err(`convene: ${error.message}`);
    return 2;
  }
  const now = deps.clock();
  const { content, year, count } = await deps.withDb(async (db) => {
    const y = parsed.year ?? (await comingYearAt(db.prisma, now));
    const p = await program(db.prisma, y);
    return { content: exportProgram(p, parsed.format, now), year: y, count: p.sessions.length };
  });
  if (!parsed.out) {
    io.out(content.replace(/\r\n$/, ''));
    return 0;
  }
  try {
    await writeFile(parsed.out, content);
  } catch (error) {
    io.err(`convene: can't write ${parsed.out}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return 2;
  }
  io.out(`Wrote IG Week ${year} (${count} session${count === 1 ? '' : 's'}) as ${parsed.format.toUpperCase()} to ${parsed.out}.`);
  return 0;
}
