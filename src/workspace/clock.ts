// The local workspace's "now": the real clock plus an offset that only grows. The app, the
// emulator and the reminders scheduler all read it, so jumping ahead is what every request,
// deadline and nudge sees. The offset is saved with the workspace, so time keeps its place
// across restarts (and keeps running meanwhile, as a real clock would).
import type { Clock } from '../lib/time.js';

export class TimeTravelError extends Error {
  constructor(readonly to: Date, readonly now: Date) {
    super(`Time only moves forward: ${to.toISOString()} is before the workspace's now, ${now.toISOString()}.`);
    this.name = 'TimeTravelError';
  }
}

export class WorkspaceClock {
  constructor(
    private offsetMs = 0,
    private readonly real: () => number = Date.now,
  ) {}

  readonly now: Clock = () => new Date(this.nowMs());

  nowMs(): number {
    return this.real() + this.offsetMs;
  }

  /** How far ahead of the real clock the workspace is (what is saved). */
  get offset(): number {
    return this.offsetMs;
  }

  /** Moves the workspace to `to`; throws TimeTravelError for an instant before now. */
  advanceTo(to: Date): Date {
    const current = this.nowMs();
    if (Number.isNaN(to.getTime()) || to.getTime() < current) throw new TimeTravelError(to, new Date(current));
    this.offsetMs = to.getTime() - this.real();
    return this.now();
  }

  /** Back to the real now. */
  reset(): void {
    this.offsetMs = 0;
  }
}
