/**
 * Moderation lists (seeds: block, gag, mute-all and its allowlist, global gag, user allowlist,
 * message-type allowlist, low-priority types, keep-alive), cached in memory for the per-message
 * checks and written through to the database (`ChatroomState`) so they survive a restart and reach
 * the other nodes. Time-limited entries expire by themselves: reads ignore them and the sweep
 * deletes them.
 */
import type { Clock } from '../clock.js';
import type { ChatroomState, ListRow } from '../storage/chatroom-state.js';

/** Queues a database write (in order; a cluster then tells the other nodes to reload the lists). */
export type ListWriter = (write: (state: ChatroomState) => Promise<unknown>) => void;

/** The lists; app-wide ones use roomId ''. */
export type ListKind =
  | 'block'
  | 'gag'
  | 'ban'
  | 'banWhitelist'
  | 'globalGag'
  | 'userWhitelist'
  | 'msgWhitelist'
  | 'lowPriority'
  | 'keepalive'
  | 'roleMute'
  /** A room's own load-shedding settings (shedding.ts): one row, the settings as JSON. */
  | 'shedding'
  /** Rooms that admit anonymous guests: subject `read` or `send` (guests.ts). */
  | 'guests'
  /** Chatroom bots: subject = JSON { botId, url, trigger } (bots.ts). */
  | 'bots';

const keyOf = (kind: string, roomId: string, subject: string) => `${kind}\u0000${roomId}\u0000${subject}`;

/** The moderation lists of all rooms. */
export class Moderation {
  private readonly rows = new Map<string, ListRow>();
  /** Bumped on every change, so readers can cache what they derive from the lists. */
  version = 0;
  /**
   * False while a reload from the database failed: another node's change (a gag) may be missing, so
   * chatroom sends are refused rather than let through until a reload succeeds.
   */
  current = true;

  constructor(
    private readonly write: ListWriter,
    private readonly clock: Clock,
  ) {}

  /** Replaces the cache with the stored lists (at start, or when another node changed them). */
  load(rows: ListRow[]): void {
    this.version++;
    this.current = true;
    this.rows.clear();
    for (const row of rows) this.rows.set(keyOf(row.kind, row.roomId, row.subject), row);
  }

  /** Adds subjects; `minutes` 0 = no end. Re-adding resets the end time. */
  add(kind: ListKind, roomId: string, subjects: string[], minutes = 0): void {
    const now = this.clock.now();
    this.version++;
    for (const subject of subjects) {
      const row: ListRow = {
        kind,
        roomId,
        subject,
        expiresAt: minutes > 0 ? now + minutes * 60_000 : 0,
        createdAt: now,
      };
      this.write((state) => state.putList(row));
      this.rows.set(keyOf(kind, roomId, subject), row);
    }
  }

  remove(kind: ListKind, roomId: string, subjects: string[]): void {
    this.version++;
    for (const subject of subjects) {
      this.write((state) => state.deleteList(kind, roomId, subject));
      this.rows.delete(keyOf(kind, roomId, subject));
    }
  }

  /**
   * A room was destroyed: its own lists go with it (gags, mutes, mute-all and its allowlist,
   * blocks, the user allowlist) and it leaves the keep-alive list, so the next room with this id
   * starts clean. App-wide lists (global gag, message types) stay.
   */
  clearRoom(roomId: string): void {
    if (roomId === '') return;
    for (const row of [...this.rows.values()]) {
      const own = row.roomId === roomId || (row.kind === 'keepalive' && row.subject === roomId);
      if (own) this.remove(row.kind as ListKind, row.roomId, [row.subject]);
    }
  }

  /** Whether a live (not expired) entry exists. */
  has(kind: ListKind, roomId: string, subject: string): boolean {
    const row = this.rows.get(keyOf(kind, roomId, subject));
    return row !== undefined && (row.expiresAt === 0 || row.expiresAt > this.clock.now());
  }

  /** When a live entry ends (ms; 0 = never), or undefined without one. */
  endOf(kind: ListKind, roomId: string, subject: string): number | undefined {
    return this.has(kind, roomId, subject) ? this.rows.get(keyOf(kind, roomId, subject))!.expiresAt : undefined;
  }

  /** Live entries of one list, oldest first. */
  list(kind: ListKind, roomId: string): ListRow[] {
    const now = this.clock.now();
    return [...this.rows.values()]
      .filter((r) => r.kind === kind && r.roomId === roomId && (r.expiresAt === 0 || r.expiresAt > now))
      .sort((a, b) => a.createdAt - b.createdAt);
  }

  /** Deletes expired entries; returns them (for tests and logs). */
  expire(): ListRow[] {
    const now = this.clock.now();
    const gone: ListRow[] = [];
    for (const [key, row] of this.rows) {
      if (row.expiresAt !== 0 && row.expiresAt <= now) {
        this.version++;
        this.rows.delete(key);
        this.write((state) => state.deleteList(row.kind, row.roomId, row.subject));
        gone.push(row);
      }
    }
    return gone;
  }
}
