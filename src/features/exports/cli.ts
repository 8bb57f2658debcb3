// `convene export groups|reports|petitions|audit [--quarter <q>] [--group <name>] [--out <file>]`:
// the directory, the filed quarterly reports, the petitions and a group's audit log as CSV, people by name.
import { writeFile } from 'node:fs/promises';
import type { Database } from '../../db/client.js';
import type { Clock } from '../../lib/time.js';
import { UserError } from '../../lib/slack/errors.js';
import { plainText } from '../../lib/slack/modal.js';
import { EXPORT_KINDS, type ExportKind } from './rules.js';
import { exportCsv, quarterArg } from './service.js';

export const DATA_EXPORT_USAGE = `  export groups|petitions [--out <file>]
  export reports [--quarter <quarter>] [--out <file>]
                                 the groups (with current conveners), the filed quarterly reports
                                 (current version) or the petitions, as CSV with people by name
  export audit --group <name> [--out <file>]
                                 a group's audit log (every audited change, newest first)
  export compliance [--out <file>]
                                 every active group's compliance: conveners, activity, reports,
                                 charter renewal, dissolution risk`;

export interface DataExportDeps {
  withDb<T>(fn: (db: Database) => Promise<T>): Promise<T>;
  clock: Clock;
  zone: string;
}

export function isDataExport(what: string | undefined): what is ExportKind {
  return (EXPORT_KINDS as readonly string[]).includes(what ?? '');
}

const FLAGS: Record<ExportKind, string[]> = { groups: ['--out'], petitions: ['--out'], compliance: ['--out'], reports: ['--out', '--quarter'], audit: ['--out', '--group'] };

function parseFlags(kind: ExportKind, flags: string[]): { out?: string; quarter?: string; group?: string } | string {
  const allowed = FLAGS[kind];
  const opts: Record<string, string> = {};
  for (let i = 0; i < flags.length; i++) {
    const [flag, inline] = flags[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = inline ?? flags[++i];
    if (!allowed.includes(flag)) return `unknown option "${flag}" for export ${kind}:\n${DATA_EXPORT_USAGE}`;
    if (value === undefined || value === '') return `${flag} needs a value`;
    opts[flag.slice(2)] = value;
  }
  if (opts.quarter !== undefined) {
    const quarter = quarterArg(opts.quarter);
    if (!quarter) return `--quarter "${opts.quarter}" is not a quarter; write it like 2027-Q1`;
    opts.quarter = quarter;
  }
  if (kind === 'audit' && !opts.group) return `export audit needs --group <name>:\n${DATA_EXPORT_USAGE}`;
  return opts;
}

const NOUNS: Record<ExportKind, [string, string]> = { groups: ['group', 'groups'], reports: ['report', 'reports'], petitions: ['petition', 'petitions'], audit: ['audit entry', 'audit entries'], compliance: ['group', 'groups'] };

export async function dataExportCommand(args: string[], io: { out(line: string): void; err(line: string): void }, deps: DataExportDeps): Promise<number> {
  const [kind, ...flags] = args;
  if (!isDataExport(kind)) {
    io.err(`convene: export needs one of ${EXPORT_KINDS.join(', ')}:\n${DATA_EXPORT_USAGE}`);
    return 2;
  }
  const opts = parseFlags(kind, flags);
  if (typeof opts === 'string') {
    io.err(`convene: ${opts}`);
    return 2;
  }
  let result: { content: string; count: number };
  try {
    result = await deps.withDb((db) => exportCsv(db.prisma, kind, { now: deps.clock(), zone: deps.zone, quarter: opts.quarter, group: opts.group }));
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    io.err(`convene: ${plainText(error.message)}`);
    return 2;
  }
  const { content, count } = result;
  if (!opts.out) {
    io.out(content.replace(/\r\n$/, ''));
    return 0;
  }
  try {
    await writeFile(opts.out, content);
  } catch (error) {
    io.err(`convene: can't write ${opts.out}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return 2;
  }
  const [one, many] = NOUNS[kind];
  const scope = opts.quarter ? ` for ${opts.quarter}` : opts.group ? ` for "${opts.group}"` : '';
  io.out(`Wrote ${count} ${count === 1 ? one : many}${scope} as CSV to ${opts.out}.`);
  return 0;
}
