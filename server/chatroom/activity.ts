/**
 * Room activity figures for operators (seeds 003: "top N data of people joining chat rooms, active
 * users, and the number of messages"): per room and per minute, the messages accepted through this
 * node and the peak member count seen, for the last hour. `top` ranks rooms over a window of 1–60
 * minutes. Messages are this node's (each node counts the sends it accepted); member counts are the
 * room's whole count (in a cluster, the last count Redis gave).
 */
import type { Clock } from '../clock.js';
import type { Room } from './room.js';

/** Longest window `top` ranks over, minutes (the figures kept). */
export const ACTIVITY_WINDOW_MAX_MINUTES = 60;
/** Most rooms one `top` returns. */
export const ACTIVITY_TOP_MAX = 100;
/** How often member counts are sampled, ms. */
const SAMPLE_MS = 10_000;
const MINUTE = 60_000;

interface Bucket {
  minute: number;
  messages: number;
  peakMembers: number;
}

/** One room's figures over a window. */
export interface RoomFigures {
  chatroomId: string;
  /** Messages accepted in the window (this node's). */
  messages: number;
  /** Most members seen at once in the window. */
  peakMembers: number;
  /** Members now (0 once the room is gone). */
  members: number;
}

export type ActivityRanking = 'messages' | 'members';

export class RoomActivity {
  private readonly buckets = new Map<string, Bucket[]>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly clock: Clock,
    private readonly rooms: () => ReadonlyMap<string, Room>,
  ) {
    this.timer = setInterval(() => this.sample(), SAMPLE_MS);
    this.timer.unref();
  }

  /** A message was accepted in the room. */
  message(room: Room): void {
    const bucket = this.bucket(room.id);
    bucket.messages++;
    bucket.peakMembers = Math.max(bucket.peakMembers, room.memberCount);
  }

  /** Records every room's member count now (the timer and each `top` call). */
  sample(): void {
    for (const room of this.rooms().values()) {
      if (room.memberCount === 0 && !this.buckets.has(room.id)) continue;
      const bucket = this.bucket(room.id);
      bucket.peakMembers = Math.max(bucket.peakMembers, room.memberCount);
    }
    this.prune();
  }

  /** The `count` busiest rooms over the last `minutes`, by messages or by peak members (ties: more of the other). */
  top(by: ActivityRanking, minutes: number, count: number): RoomFigures[] {
    this.sample();
    const since = this.minuteOf(this.clock.now()) - Math.min(minutes, ACTIVITY_WINDOW_MAX_MINUTES) + 1;
    const rooms = this.rooms();
    const figures: RoomFigures[] = [];
    for (const [chatroomId, list] of this.buckets) {
      let messages = 0;
      let peakMembers = 0;
      for (const b of list) {
        if (b.minute < since) continue;
        messages += b.messages;
        peakMembers = Math.max(peakMembers, b.peakMembers);
      }
      if (messages === 0 && peakMembers === 0) continue;
      figures.push({ chatroomId, messages, peakMembers, members: rooms.get(chatroomId)?.memberCount ?? 0 });
    }
    const key = (f: RoomFigures) => (by === 'messages' ? [f.messages, f.peakMembers] : [f.peakMembers, f.messages]);
    figures.sort((a, b) => {
      const [a1, a2] = key(a);
      const [b1, b2] = key(b);
      return b1! - a1! || b2! - a2! || (a.chatroomId < b.chatroomId ? -1 : 1);
    });
    return figures.slice(0, Math.min(count, ACTIVITY_TOP_MAX));
  }

  close(): void {
    clearInterval(this.timer);
  }

  private minuteOf(time: number): number {
    return Math.floor(time / MINUTE);
  }

  private bucket(roomId: string): Bucket {
    const minute = this.minuteOf(this.clock.now());
    let list = this.buckets.get(roomId);
    if (!list) this.buckets.set(roomId, (list = []));
    let last = list[list.length - 1];
    if (!last || last.minute !== minute) list.push((last = { minute, messages: 0, peakMembers: 0 }));
    return last;
  }

  /** Drops figures older than the longest window (memory stays rooms × 60 buckets). */
  private prune(): void {
    const oldest = this.minuteOf(this.clock.now()) - ACTIVITY_WINDOW_MAX_MINUTES + 1;
    for (const [roomId, list] of this.buckets) {
      while (list.length > 0 && list[0]!.minute < oldest) list.shift();
      if (list.length === 0) this.buckets.delete(roomId);
    }
  }
}
