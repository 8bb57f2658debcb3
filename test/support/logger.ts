/**
 * A silent Logger for Bolt/WebClient that keeps what was logged, so tests stay
 * quiet on expected Slack errors and can still assert on them (e.g. no errors).
 */
import { LogLevel, type Logger } from '@slack/web-api';

export interface CapturingLogger extends Logger {
  lines: Array<{ level: LogLevel; msg: string }>;
  errors(): string[];
}

export function capturingLogger(): CapturingLogger {
  const order = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];
  let level = LogLevel.INFO;
  const lines: CapturingLogger['lines'] = [];
  const log = (l: LogLevel) => (...msg: unknown[]) => {
    if (order.indexOf(l) < order.indexOf(level)) return;
    lines.push({ level: l, msg: msg.map((m) => (m instanceof Error ? (m.stack ?? m.message) : String(m))).join(' ') });
  };
  return {
    lines,
    errors: () => lines.filter((l) => l.level === LogLevel.ERROR).map((l) => l.msg),
    debug: log(LogLevel.DEBUG),
    info: log(LogLevel.INFO),
    warn: log(LogLevel.WARN),
    error: log(LogLevel.ERROR),
    setLevel: (l) => void (level = l),
    getLevel: () => level,
    setName: () => {},
  };
}
