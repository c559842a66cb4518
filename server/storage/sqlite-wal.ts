/**
 * Opening one SQLite file from several processes at once: `busy_timeout` first, then WAL. Switching
 * a fresh file to WAL needs an exclusive lock, and while another process is doing the same SQLite
 * answers SQLITE_BUSY at once instead of waiting (the busy handler is skipped where waiting could
 * deadlock), so the switch is retried for as long as the busy timeout would have waited.
 */
import type Database from 'better-sqlite3';

const BUSY_TIMEOUT_MS = 5000;
const RETRY_MS = 10;

/** Sets the busy timeout and WAL mode on a freshly opened connection. */
export function useWal(db: Database.Database): void {
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw error;
      // Opening happens once, at start, before the server serves: a short blocking wait is fine.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, RETRY_MS);
    }
  }
}
