/**
 * Load shedding of chatroom messages (seeds: "超出服务端消费上限的消息将被主动抛弃", the message
 * priority and allowlist services). Each room delivers at most `ceiling` messages per `windowMs`
 * (fixed slices of the clock, so the nodes of a cluster share window edges); every node counts the
 * room's deliveries made through the other nodes too (`countRemote`, from the bus), so the budget is
 * the room's, not each node's. Within a window, first come first served:
 * - protected messages — the Server API's and the server's own, allowlisted users of the room
 *   (`userWhitelist`) and allowlisted types (`msgWhitelist`) — always go out, and use up the window;
 * - low-priority types (`lowPriority`) go out while the window holds less than the unreserved part
 *   (`ceiling × (1 − reservedShare)`), so the reserve stays for everything else;
 * - other (high-priority, the seeds' default) types go out up to the ceiling.
 * What does not fit is dropped: the newest beyond the ceiling. The sender's ack says so (`dropped`).
 */
import type { ChatroomDropReason } from '../../src/protocol/chatroom.js';
import type { WireMessage } from '../../src/protocol/frames.js';
import type { Clock } from '../clock.js';
import type { ChatroomConfig } from './config.js';
import type { Moderation } from './moderation.js';
import type { Room } from './room.js';

/** How a room sheds load. */
export interface SheddingSettings {
  /** Messages the room delivers per window; 0 = no shedding. */
  ceiling: number;
  /** Window length, ms. */
  windowMs: number;
  /** Share of the ceiling low-priority types may not use (0–1). */
  reservedShare: number;
}

/** Why a message was not delivered. */
export type ShedReason = ChatroomDropReason;

/** The list kind that holds a room's own settings (one row; its subject is the settings as JSON). */
export const SHEDDING_LIST = 'shedding';

/** Bounds of the settings (the config, the Server API). */
export const SHEDDING_BOUNDS = { ceilingMax: 100_000, windowMsMin: 10, windowMsMax: 60_000 } as const;

/** A clear reason when settings are out of range; undefined when they are fine. */
export function sheddingProblem(s: SheddingSettings): string | undefined {
  if (!Number.isInteger(s.ceiling) || s.ceiling < 0 || s.ceiling > SHEDDING_BOUNDS.ceilingMax)
    return `ceiling must be an integer 0–${SHEDDING_BOUNDS.ceilingMax}`;
  if (
    !Number.isInteger(s.windowMs) ||
    s.windowMs < SHEDDING_BOUNDS.windowMsMin ||
    s.windowMs > SHEDDING_BOUNDS.windowMsMax
  ) {
    return `windowMs must be an integer ${SHEDDING_BOUNDS.windowMsMin}–${SHEDDING_BOUNDS.windowMsMax}`;
  }
  if (!(s.reservedShare >= 0 && s.reservedShare <= 1)) return 'reservedShare must be between 0 and 1';
  return undefined;
}

/** Drops counted per room, for `/metrics`. */
export interface RoomDrops {
  dropped: number;
  lowPriority: number;
}

interface RoomWindow extends RoomDrops {
  start: number;
  used: number;
}

/** What the shedder needs from the chatroom service. */
export interface LoadShedderPort {
  readonly clock: Clock;
  readonly config: Pick<ChatroomConfig, 'sheddingCeiling' | 'sheddingWindowMs' | 'sheddingReservedShare'>;
  /** The allowlists, low-priority types and per-room settings. */
  readonly moderation: Pick<Moderation, 'has' | 'list' | 'version'>;
  readonly counters: { messagesDropped: number; lowPriorityDropped: number };
}

/** The load shedding of every room this node holds (state lives and dies with the `Room`). */
export class LoadShedder {
  private readonly windows = new WeakMap<Room, RoomWindow>();
  private readonly settingsCache = new Map<string, { version: number; settings: SheddingSettings | null }>();

  constructor(private readonly port: LoadShedderPort) {
    const problem = sheddingProblem(this.appSettings());
    if (problem) throw new Error(`chatroom options: shedding ${problem}`);
  }

  /** The app's settings (ChatroomOptions). */
  appSettings(): SheddingSettings {
    const c = this.port.config;
    return { ceiling: c.sheddingCeiling, windowMs: c.sheddingWindowMs, reservedShare: c.sheddingReservedShare };
  }

  /** The room's own settings set through the Server API, or null. */
  roomSettings(roomId: string): SheddingSettings | null {
    const version = this.port.moderation.version;
    const cached = this.settingsCache.get(roomId);
    if (cached && cached.version === version) return cached.settings;
    const row = this.port.moderation.list(SHEDDING_LIST, roomId).at(-1);
    const settings = row ? parseSettings(row.subject) : null;
    // Rooms with no settings of their own are not cached (nothing to keep per abandoned id).
    if (settings) this.settingsCache.set(roomId, { version, settings });
    else this.settingsCache.delete(roomId);
    return settings;
  }

  /** What applies to the room: its own settings, else the app's. */
  settingsOf(roomId: string): SheddingSettings {
    return this.roomSettings(roomId) ?? this.appSettings();
  }

  /**
   * Whether the message goes out now; undefined when it does (and it is counted), else why not
   * (counted as a drop). `trusted`: sent by the Server API or the server itself.
   */
  admit(room: Room, message: WireMessage, trusted: boolean): ShedReason | undefined {
    const settings = this.settingsOf(room.id);
    if (settings.ceiling <= 0) return undefined;
    const window = this.windowOf(room, settings);
    const mod = this.port.moderation;
    const isProtected =
      trusted ||
      mod.has('userWhitelist', room.id, message.senderUserId) ||
      mod.has('msgWhitelist', '', message.messageType);
    if (!isProtected) {
      const isLow = mod.has('lowPriority', '', message.messageType);
      const limit = isLow ? Math.floor(settings.ceiling * (1 - settings.reservedShare)) : settings.ceiling;
      if (window.used >= limit) {
        window.dropped++;
        this.port.counters.messagesDropped++;
        if (isLow) {
          window.lowPriority++;
          this.port.counters.lowPriorityDropped++;
        }
        return isLow ? 'lowPriority' : 'overCeiling';
      }
    }
    window.used++;
    return undefined;
  }

  /** Another node delivered a message in the room: it uses up the same window. */
  countRemote(room: Room): void {
    const settings = this.settingsOf(room.id);
    if (settings.ceiling <= 0) return;
    this.windowOf(room, settings).used++;
  }

  /** Drops in the room since this node took it up (undefined: none). */
  dropsOf(room: Room): RoomDrops | undefined {
    const window = this.windows.get(room);
    return window && window.dropped > 0 ? { dropped: window.dropped, lowPriority: window.lowPriority } : undefined;
  }

  /** Drops per room among `rooms`, the `max` rooms with the most (for `/metrics`). */
  dropsByRoom(rooms: Iterable<Room>, max = 100): Record<string, RoomDrops> {
    const found: Array<[string, RoomDrops]> = [];
    for (const room of rooms) {
      const drops = this.dropsOf(room);
      if (drops) found.push([room.id, drops]);
    }
    found.sort((a, b) => b[1].dropped - a[1].dropped);
    return Object.fromEntries(found.slice(0, max));
  }

  /** The room's current window; a new one once the clock left the old one's slice. */
  private windowOf(room: Room, settings: SheddingSettings): RoomWindow {
    const now = this.port.clock.now();
    const start = now - (now % settings.windowMs);
    let window = this.windows.get(room);
    if (!window) this.windows.set(room, (window = { start, used: 0, dropped: 0, lowPriority: 0 }));
    else if (window.start !== start) {
      window.start = start;
      window.used = 0;
    }
    return window;
  }
}

/** Serializes settings for the list row. */
export function settingsSubject(s: SheddingSettings): string {
  return JSON.stringify({ ceiling: s.ceiling, windowMs: s.windowMs, reservedShare: s.reservedShare });
}

function parseSettings(subject: string): SheddingSettings | null {
  try {
    const s = JSON.parse(subject) as SheddingSettings;
    return sheddingProblem(s) === undefined
      ? { ceiling: s.ceiling, windowMs: s.windowMs, reservedShare: s.reservedShare }
      : null;
  } catch {
    return null;
  }
}
