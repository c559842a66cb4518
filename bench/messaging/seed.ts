/**
 * Seeds a Parley data folder with many stored messages straight through SQLite, before the server
 * starts: 1M network sends would take most of the benchmark's time budget and measure the send
 * path, not history. Rows are exactly what `SqliteStorage.appendMessage` writes to `messages` (the
 * table history reads); inbox and conversation rows are left out because history never reads them.
 */
import Database from 'better-sqlite3';
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteStorage } from '../../server/storage/sqlite.js';
import { channelOf } from '../../server/storage/sqlite-schema.js';

export interface SeededChannel {
  /** The user who queries, and the peer whose conversation it is. */
  user: string;
  peer: string;
  firstTime: number;
  lastTime: number;
}

/** Writes `channels × perChannel` private messages between h{2i} and h{2i+1}; returns the channels. */
export async function seedHistory(dataDir: string, channels: number, perChannel: number): Promise<SeededChannel[]> {
  const file = join(dataDir, 'parley.db');
  // Let the storage layer create the schema, so the seed always matches the server's tables.
  await new SqliteStorage({ file }).close();
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const insert =
    db.prepare(`INSERT INTO messages (message_uid, client_message_id, sender_user_id, conversation_type, target_id,
    channel, message_type, content, sent_time, is_persisted, is_counted, disable_notification)
    VALUES (?, ?, ?, 1, ?, ?, 'RC:TxtMsg', ?, ?, 1, 1, 0)`);
  const base = Date.now() - 365 * 24 * 3600_000;
  const seeded: SeededChannel[] = [];
  const total = channels * perChannel;
  const batch = 50_000;
  for (let start = 0; start < total; start += batch) {
    db.transaction(() => {
      for (let n = start; n < Math.min(total, start + batch); n++) {
        // Interleave channels in time, as real traffic is.
        const c = n % channels;
        const a = `h${2 * c}`;
        const b = `h${2 * c + 1}`;
        const from = n % 2 === 0 ? a : b;
        const to = from === a ? b : a;
        const id = `seed-${n}`;
        insert.run(
          `SEED${String(n).padStart(12, '0')}`,
          id,
          from,
          to,
          channelOf(1, a, b),
          JSON.stringify({ content: `seeded message ${n}` }),
          base + n,
        );
      }
    })();
  }
  for (let c = 0; c < channels; c++)
    seeded.push({
      user: `h${2 * c}`,
      peer: `h${2 * c + 1}`,
      firstTime: base + c,
      lastTime: base + total - channels + c,
    });
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  // Written with synchronous=OFF: flush now, or the server's first checkpoint fsync pays for the
  // whole seed in the middle of a measurement.
  const fd = openSync(file, 'r+');
  fsyncSync(fd);
  closeSync(fd);
  return seeded;
}
