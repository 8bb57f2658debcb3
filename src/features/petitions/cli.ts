// `convene petitions apply [--at <instant>]`: applies the petition state changes due at an
// instant (feedback periods that ended open for signatures, collection periods that ended
// expire). Idempotent: the same conditional updates the app uses, so running it twice, or
// alongside the app, changes each petition once.
import type { Config } from '../../config.js';
import type { Database } from '../../db/client.js';
import { type Clock, parseInstant } from '../../lib/time.js';
import { createDeliveryClient } from '../reminders/delivery.js';
import { applyDueTransitions } from './service.js';

export const PETITIONS_USAGE = `  petitions apply [--at <instant>]
                                 open petitions whose feedback period ended, expire those past
                                 their collection period (default now; idempotent)`;

export interface PetitionsCliDeps {
  withDb<T>(fn: (db: Database) => Promise<T>): Promise<T>;
  clock: Clock;
}

function numbers(ids: number[]): string {
  return ids.length ? ids.map((id) => `#${id}`).join(', ') : 'none';
}

export async function petitionsCommand(
  args: string[],
  config: Config,
  io: { out(line: string): void; err(line: string): void },
  deps: PetitionsCliDeps,
): Promise<number> {
  const [verb, flag, value, ...rest] = args;
  const usage = () => {
    io.err(`convene: usage:\n${PETITIONS_USAGE}`);
    return 2;
  };
  if (verb !== 'apply' || rest.length > 0 || (flag !== undefined && flag !== '--at')) return usage();
  let at = deps.clock();
  if (flag === '--at') {
    const parsed = value ? parseInstant(value, config.orgTimezone) : undefined;
    if (!parsed) {
      io.err(`convene: --at "${value ?? ''}" is not an ISO 8601 instant; write e.g. 2027-03-01T16:00:00Z, or 2027-03-01T10:00 for ${config.orgTimezone} time`);
      return 2;
    }
    at = parsed;
  }
  const client = createDeliveryClient(config.slack);
  const summary = await deps.withDb((db) =>
    applyDueTransitions(db.prisma, client, at, { zone: config.orgTimezone, logger: { error: (...msg: unknown[]) => io.err(`convene: ${msg.map(String).join(' ')}`) } }),
  );
  io.out(`Petitions as of ${at.toISOString()}: opened for signatures ${numbers(summary.opened)}; expired ${numbers(summary.expired)}.`);
  return 0;
}
