/**
 * A log that cannot be flooded from outside: at most `perWindow` lines per window pass; the rest
 * are counted and summed up in one "suppressed K" line when the window ends. Used for what any
 * client can cause (aborted or malformed Server API requests), so the log stays readable.
 */
import type { Clock } from '../clock.js';

export interface LogLimitOptions {
  /** Lines let through per window (default 20). */
  perWindow?: number;
  /** Window length, ms (default 60000). */
  windowMs?: number;
  clock: Clock;
}

/** Wraps `log`; the returned function logs one line, or counts it when the window is full. */
export function rateLimitedLog(
  log: (line: string) => void,
  prefix: string,
  o: LogLimitOptions,
): (line: string) => void {
  const perWindow = o.perWindow ?? 20;
  const windowMs = o.windowMs ?? 60_000;
  let windowStart = -Infinity;
  let passed = 0;
  let suppressed = 0;
  let flush: NodeJS.Timeout | undefined;
  const summarize = () => {
    flush = undefined;
    if (suppressed > 0)
      log(`${prefix}: suppressed ${suppressed} similar lines in the last ${Math.round(windowMs / 1000)} s`);
    suppressed = 0;
  };
  return (line) => {
    const now = o.clock.now();
    if (now - windowStart >= windowMs) {
      if (flush) clearTimeout(flush);
      summarize();
      windowStart = now;
      passed = 0;
    }
    if (passed < perWindow) {
      passed++;
      // One line, however the message was built (no stacks, no injected line breaks).
      log(`${prefix}: ${line.replace(/[\r\n]+/g, ' ').slice(0, 300)}`);
      return;
    }
    suppressed++;
    if (!flush) {
      flush = setTimeout(summarize, Math.max(0, windowStart + windowMs - now));
      flush.unref();
    }
  };
}
