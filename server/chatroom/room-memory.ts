/**
 * Bounds what an abandoned room costs in memory. A room keeps its recent messages (for join
 * replies) and resend records (for idempotent sends) only while someone may use them: they go when
 * the room empties (`removeMember`) and, here, once every member has been offline for `idleMs`
 * (their devices went away without quitting; the offline rule removes them only when a message
 * comes, which in an abandoned room never happens). The room itself stays until it is destroyed.
 */
import type { Room } from './room.js';

/** Frees the memory of rooms whose members have all been offline for `idleMs` (the sweep calls it). */
export function releaseIdleRooms(rooms: Iterable<Room>, now: number, idleMs: number): number {
  let released = 0;
  for (const room of rooms) {
    if (room.members.size === 0 || room.offline.size !== room.members.size) continue;
    if (room.recent.length === 0 && room.sentIdCount === 0) continue;
    let lastOnline = room.lastActive;
    for (const member of room.offline.values()) lastOnline = Math.max(lastOnline, member.offlineSince ?? now);
    if (now - lastOnline < idleMs) continue;
    room.releaseMemory();
    released++;
  }
  return released;
}
