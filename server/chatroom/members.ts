/** Member listing and the per-device rate limit of getChatRoomInfo. */
import { ErrorCode } from '../../src/protocol/error-codes.js';
import type { Clock } from '../clock.js';
import { DomainError } from '../domain/errors.js';
import type { ChatroomSocket, Room } from './room.js';

/** Up to `count` members by join time, earliest first (or latest first). */
export function memberList(room: Room, count: number, latestFirst: boolean): Array<{ id: string; time: number }> {
  if (count <= 0) return [];
  const out: Array<{ id: string; time: number }> = [];
  if (!latestFirst) {
    // Map order is join order: stop after `count`, whatever the room size.
    for (const m of room.members.values()) {
      if (out.length >= count) break;
      out.push({ id: m.userId, time: m.joinTime });
    }
    return out;
  }
  const all = [...room.members.values()];
  for (let i = all.length - 1; i >= 0 && out.length < count; i--) out.push({ id: all[i]!.userId, time: all[i]!.joinTime });
  return out;
}

/** The seeds' limit on getChatRoomInfo: per device, per second and per minute. */
export class InfoRateLimiter {
  private readonly calls = new WeakMap<ChatroomSocket, number[]>();

  constructor(
    private readonly clock: Clock,
    private readonly perSecond: number,
    private readonly perMinute: number,
  ) {}

  /** Records a call, or refuses it with REQUEST_OVER_FREQUENCY. */
  take(socket: ChatroomSocket): void {
    const now = this.clock.now();
    const calls = (this.calls.get(socket) ?? []).filter((t) => now - t < 60_000);
    const lastSecond = calls.filter((t) => now - t < 1000).length;
    this.calls.set(socket, calls);
    if (lastSecond >= this.perSecond || calls.length >= this.perMinute) {
      throw new DomainError(ErrorCode.REQUEST_OVER_FREQUENCY, `getChatRoomInfo: at most ${this.perSecond}/s and ${this.perMinute}/min per device`);
    }
    calls.push(now);
  }
}
